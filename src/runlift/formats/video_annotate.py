"""Write a video with the skeleton, the main angle and the rep count drawn on every frame.

It knows nothing of the analysis: the caller passes the frames, the :class:`PoseTrack` and one
:class:`Overlay` per frame (angle, reps so far, an optional fault). Drawing is OpenCV (already
in the ``form`` extra); encoding is PyAV: H.264 (``libx264``) where this PyAV build has it, which
every player opens, else MPEG-4 part 2 (``mpeg4``), which FFmpeg always carries. The codec is
chosen from ``av.codecs_available`` at run time. The output has a constant frame rate (the
track's); frames are cropped to even sizes, as 4:2:0 chroma needs.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from runlift.errors import BadInput
from runlift.formats.video import _av
from runlift.formcheck.pose import PoseTrack

Rgb = npt.NDArray[np.uint8]

# BlazePose's skeleton (MediaPipe's POSE_CONNECTIONS), by landmark index.
CONNECTIONS = (
    (0, 1), (1, 2), (2, 3), (3, 7), (0, 4), (4, 5), (5, 6), (6, 8), (9, 10),
    (11, 12), (11, 13), (13, 15), (15, 17), (15, 19), (15, 21), (17, 19),
    (12, 14), (14, 16), (16, 18), (16, 20), (16, 22), (18, 20),
    (11, 23), (12, 24), (23, 24), (23, 25), (24, 26), (25, 27), (26, 28),
    (27, 29), (28, 30), (29, 31), (30, 32), (27, 31), (28, 32),
)  # fmt: skip
LEFT_SIDE = frozenset({1, 2, 3, 7, 9, *range(11, 33, 2)})
MIN_VISIBILITY = 0.5
LEFT_RGB, RIGHT_RGB, MID_RGB = (255, 140, 0), (0, 170, 255), (240, 240, 240)
FAULT_RGB, TEXT_RGB, PANEL_RGB = (230, 40, 40), (255, 255, 255), (20, 20, 20)


@dataclass(frozen=True)
class Overlay:
    """What to write on one frame: ``angle_deg`` (None: not measured) named ``angle_name``,
    reps completed so far, and an optional fault message."""

    angle_deg: float | None
    rep_count: int
    angle_name: str = "knee"
    fault: str | None = None


def _cv2() -> Any:
    try:
        import cv2  # type: ignore[import-untyped,unused-ignore]
    except ImportError as e:  # pragma: no cover - depends on the install
        raise BadInput(
            "drawing on video needs the form extra: pip install runlift[form]", source="video"
        ) from e
    return cv2


def video_codec(suffix: str = ".mp4") -> str:
    """The encoder for a file suffix: H.264 if this PyAV has libx264, else mpeg4 (mp4/mov)."""
    available = _av().codecs_available
    if suffix == ".gif":
        return "gif"
    if suffix == ".webm":
        return "libvpx-vp9" if "libvpx-vp9" in available else "libvpx"
    return "libx264" if "libx264" in available else "mpeg4"


def write_frames(
    dest: str | os.PathLike[str] | IO[bytes],
    frames: Iterable[Rgb],
    fps: float,
    *,
    suffix: str | None = None,
) -> int:
    """Encode RGB frames to ``dest`` at a constant ``fps``; returns the number written.

    The container follows the suffix (``.mp4``, ``.mov``, ``.webm``, ``.gif``), or ``suffix``
    for a stream (default mp4).
    """
    av = _av()
    if suffix is None:
        suffix = (
            Path(os.fspath(dest)).suffix.lower() if isinstance(dest, (str, os.PathLike)) else ".mp4"
        )
    fmt = {".mp4": "mp4", ".mov": "mov", ".webm": "webm", ".gif": "gif"}.get(suffix)
    if fmt is None:
        raise ValueError(f"cannot write video as {suffix!r}; use .mp4, .mov, .webm or .gif")
    codec = video_codec(suffix)
    rate = max(1, round(fps))
    n = 0
    target = os.fspath(dest) if isinstance(dest, (str, os.PathLike)) else dest
    with av.open(target, "w", format=fmt) as container:
        stream: Any = None
        for rgb in frames:
            h, w = (rgb.shape[0] // 2) * 2, (rgb.shape[1] // 2) * 2
            if stream is None:
                stream = container.add_stream(codec, rate=rate)
                stream.width, stream.height = w, h
                stream.pix_fmt = "rgb8" if codec == "gif" else "yuv420p"
                if codec == "libx264":
                    stream.options = {"preset": "veryfast", "crf": "20"}
                elif codec == "mpeg4":
                    stream.bit_rate = 8 * w * h * rate // 10  # ~0.8 bit a pixel: sharp lines
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb[:h, :w]), format="rgb24")
            if codec == "gif":
                frame = frame.reformat(format="rgb8")
            for packet in stream.encode(frame):
                container.mux(packet)
            n += 1
        if stream is not None:
            for packet in stream.encode():
                container.mux(packet)
    return n


def draw_overlay(
    rgb: Rgb,
    points_px: npt.NDArray[np.float64] | None,
    visibility: npt.NDArray[np.float64] | None,
    overlay: Overlay | None,
) -> Rgb:
    """A copy of ``rgb`` with the skeleton (left orange, right blue), angle, reps and fault."""
    cv2 = _cv2()
    img = np.ascontiguousarray(rgb.copy())
    h, w = img.shape[:2]
    thick = max(2, round(min(h, w) / 240))
    if points_px is not None and not np.isnan(points_px[0, 0]):
        vis = visibility if visibility is not None else np.ones(points_px.shape[0])
        xy = np.round(points_px[:, :2]).astype(np.int64)
        for a, b in CONNECTIONS:
            if vis[a] < MIN_VISIBILITY or vis[b] < MIN_VISIBILITY:
                continue
            both_left = a in LEFT_SIDE and b in LEFT_SIDE
            colour = (
                LEFT_RGB
                if both_left
                else MID_RGB
                if (a in LEFT_SIDE) != (b in LEFT_SIDE)
                else RIGHT_RGB
            )
            p, q = (int(xy[a, 0]), int(xy[a, 1])), (int(xy[b, 0]), int(xy[b, 1]))
            cv2.line(img, p, q, colour, thick, cv2.LINE_AA)
        for i in range(points_px.shape[0]):
            if vis[i] >= MIN_VISIBILITY:
                centre = (int(xy[i, 0]), int(xy[i, 1]))
                cv2.circle(
                    img,
                    centre,
                    thick + 1,
                    LEFT_RGB if i in LEFT_SIDE else RIGHT_RGB,
                    -1,
                    cv2.LINE_AA,
                )
    if overlay is not None:
        _panel(img, overlay)
    return img


def _panel(img: Rgb, overlay: Overlay) -> None:
    cv2 = _cv2()
    h, w = img.shape[:2]
    scale = max(0.5, min(h, w) / 480)
    font, line = cv2.FONT_HERSHEY_SIMPLEX, max(1, round(2 * scale))
    angle = (
        "--"
        if overlay.angle_deg is None or math.isnan(overlay.angle_deg)
        else f"{overlay.angle_deg:.0f}"
    )
    lines = [
        (f"{overlay.angle_name} {angle} deg", TEXT_RGB),
        (f"reps {overlay.rep_count}", TEXT_RGB),
    ]
    if overlay.fault:
        lines.append((overlay.fault, FAULT_RGB))
    size = 0.8 * scale
    step = round(34 * scale)
    width = max(cv2.getTextSize(t, font, size, line)[0][0] for t, _ in lines) + round(20 * scale)
    top = img[: step * len(lines) + round(12 * scale), : min(w, width)]
    top[:] = (0.35 * top + 0.65 * np.array(PANEL_RGB)).astype(np.uint8)
    for i, (text, colour) in enumerate(lines):
        org = (round(10 * scale), round(step * (i + 1)))
        cv2.putText(img, text, org, font, size, colour, line, cv2.LINE_AA)


def write_annotated(
    dest: str | os.PathLike[str] | IO[bytes],
    frames: Iterable[Rgb],
    track: PoseTrack,
    overlays: Sequence[Overlay | None],
    *,
    suffix: str | None = None,
) -> int:
    """Encode ``frames`` (the same upright frames the track was made from, in order) with the
    track's skeleton and each frame's overlay drawn; returns the number of frames written."""
    if len(overlays) != track.frames:
        raise ValueError(
            f"expected one overlay per tracked frame ({track.frames}), got {len(overlays)}"
        )

    def drawn() -> Iterable[Rgb]:
        for i, rgb in enumerate(frames):
            if i >= track.frames:
                break
            yield draw_overlay(rgb, track.points[i], track.visibility[i], overlays[i])

    return write_frames(dest, drawn(), track.fps, suffix=suffix)
