"""Read a video (mp4, mov, webm, gif) frame by frame as upright RGB arrays with true timestamps.

Why PyAV (FFmpeg's libraries) rather than OpenCV's ``VideoCapture``:

- **Rotation, explicit.** Phones store portrait video sideways with a display matrix. PyAV gives
  it per frame (``frame.rotation``, degrees counter-clockwise) and we turn the array with
  ``np.rot90(a, k=round(rotation / 90))``. Measured on files written with display rotations of
  0, ±90 and 180 (PyAV ``set_display_rotation`` and ``ffmpeg -metadata rotate``), this gives the
  same upright frames as ``ffmpeg``'s own autorotate and as OpenCV 5's auto-orientation; the
  tests check it against OpenCV. Interior joint angles do not depend on it (a sideways-stored
  squat gave a 4.0° knee error either way), but everything that needs "up" does: trunk lean
  from vertical, hip below knee, the view, and the annotated video.
- **Timestamps.** ``frame.time`` is the presentation time, right for variable-frame-rate phone
  clips (the MediaPipe sample clip's first gaps are 80 and 40 ms at a nominal 25 fps), where an
  index divided by a nominal rate drifts.
- **Streams.** ``av.open`` takes a file object, so an upload needs no temporary file;
  ``VideoCapture`` wants a path.

Decoding is not the bottleneck: 290–840 frames a second to upright RGB on the project's 2-core
machine (720x1280 to 640x360, load 4–6), against about 23–26 ms of CPU a frame for the pose model
(``benchmarks/form_speed.py``). ``max_fps`` drops frames before their conversion to RGB and keeps
each kept frame's true time.

Anything FFmpeg cannot read (a text file, an empty or truncated file, a container we do not
accept) raises :class:`runlift.errors.BadInput` naming the file and what was expected.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from runlift.errors import BadInput

EXPECTED = "a video file (mp4, mov, webm or gif)"
# FFmpeg demuxer names we accept, by the name FFmpeg reports (container.format.name).
ACCEPTED_FORMATS = ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "gif")

Source = str | os.PathLike[str] | IO[bytes]


@dataclass(frozen=True)
class VideoInfo:
    """What the container says, with width and height of the *upright* frame.

    ``fps`` is the nominal rate of the frames this reader yields (the source rate, or ``max_fps``
    if lower); ``source_fps`` the container's own. ``frames`` is the container's frame count, or
    None where it does not record one (webm). ``rotation_deg`` is the counter-clockwise turn
    applied to stored frames to make them upright (0, 90, 180 or 270).
    """

    name: str
    container: str
    codec: str
    fps: float
    source_fps: float
    frames: int | None
    duration_s: float | None
    width: int
    height: int
    rotation_deg: int


@dataclass(frozen=True)
class VideoFrame:
    """One upright frame: ``rgb`` is (height, width, 3) uint8; ``time_s`` from the first frame;
    ``index`` counts the source's frames (so decimation shows as gaps)."""

    index: int
    time_s: float
    rgb: npt.NDArray[np.uint8]


def _av() -> Any:
    try:
        import av  # type: ignore[import-untyped,unused-ignore]
    except ImportError as e:  # pragma: no cover - depends on the install
        raise BadInput(
            "reading video needs the form extra: pip install runlift[form]", source="video"
        ) from e
    return av


def _name(source: Source) -> str:
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return Path(str(getattr(source, "name", "video"))).name


def upright(rgb: npt.NDArray[np.uint8], rotation_deg: float) -> npt.NDArray[np.uint8]:
    """Turn a stored frame upright: FFmpeg's display rotation is counter-clockwise degrees."""
    k = round(rotation_deg / 90) % 4
    return np.ascontiguousarray(np.rot90(rgb, k=k)) if k else rgb


class Video:
    """An open video: ``info`` and iteration over :class:`VideoFrame`. Use as a context manager.

    Iterating again starts from the first frame (the file is reopened, or a stream rewound).
    """

    def __init__(self, source: Source, *, max_fps: float | None = None) -> None:
        if max_fps is not None and max_fps <= 0:
            raise ValueError(f"max_fps must be positive, got {max_fps}")
        self._source = source
        self._max_fps = max_fps
        self._name = _name(source)
        self._container: Any = None
        self._container = self._open()
        try:
            self.info = self._read_info()
        except BaseException:
            self.close()
            raise

    # -- opening -------------------------------------------------------------------------------
    def _bad(self, problem: str) -> BadInput:
        return BadInput(f"{problem}; expected {EXPECTED}", source=self._name)

    def _open(self) -> Any:
        av = _av()
        src = self._source
        if not isinstance(src, (str, os.PathLike)):
            src.seek(0)
        elif not Path(src).is_file():
            raise BadInput(f"no such file; expected {EXPECTED}", source=self._name)
        elif Path(src).stat().st_size == 0:
            raise self._bad("the file is empty")
        try:
            container = av.open(src if not isinstance(src, os.PathLike) else os.fspath(src))
        except av.error.FFmpegError as e:
            raise self._bad(f"not a readable video ({_reason(e)})") from None
        except (OSError, ValueError) as e:
            raise self._bad(f"not a readable video ({e})") from None
        if container.format.name not in ACCEPTED_FORMATS:
            container.close()
            raise self._bad(f"FFmpeg reads it as {container.format.long_name!r}, not a video")
        if not container.streams.video:
            container.close()
            raise self._bad("it has no video track")
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        return container

    def _read_info(self) -> VideoInfo:
        rotation = self._first_rotation()  # reopens the container: read the streams after it
        c = self._container
        s = c.streams.video[0]
        rate = s.average_rate or s.guessed_rate or s.base_rate
        source_fps = float(rate) if rate else 0.0
        duration_s: float | None = None
        if s.duration is not None and s.time_base is not None:
            duration_s = float(s.duration * s.time_base)
        elif c.duration:
            duration_s = c.duration / 1_000_000
        width, height = int(s.width), int(s.height)
        if rotation % 180:
            width, height = height, width
        fps = min(source_fps, self._max_fps) if self._max_fps and source_fps else source_fps
        if not source_fps and self._max_fps:
            fps = self._max_fps
        return VideoInfo(
            name=self._name,
            container=str(c.format.name),
            codec=str(s.codec_context.name),
            fps=fps,
            source_fps=source_fps,
            frames=int(s.frames) or None,
            duration_s=duration_s,
            width=width,
            height=height,
            rotation_deg=rotation,
        )

    def _first_rotation(self) -> int:
        """The display rotation, from the first decoded frame (then rewind)."""
        av = _av()
        try:
            for frame in self._container.decode(video=0):
                rotation = round(float(frame.rotation or 0) / 90) % 4 * 90
                break
            else:
                raise self._bad("it has no frames that can be decoded")
        except av.error.FFmpegError as e:
            raise self._bad(f"the first frame cannot be decoded ({_reason(e)})") from None
        self._container.close()
        self._container = self._open()
        return int(rotation)

    # -- reading -------------------------------------------------------------------------------
    def __iter__(self) -> Iterator[VideoFrame]:
        av = _av()
        if self._container is None:
            raise ValueError(f"{self._name}: the video is closed")
        container, self._container = self._container, None
        step_s = 1.0 / self._max_fps if self._max_fps else 0.0
        next_s = 0.0
        first_time: float | None = None
        index = -1
        yielded = 0
        fps = self.info.source_fps or 30.0
        slack_s = 0.25 / fps
        try:
            for frame in container.decode(video=0):
                index += 1
                t = frame.time
                if t is None:
                    t = index / fps
                if first_time is None:
                    first_time = t
                time_s = float(t - first_time)
                if step_s:
                    if time_s + slack_s < next_s:
                        continue
                    next_s += step_s
                    if next_s <= time_s:
                        next_s = time_s + step_s
                rgb = upright(frame.to_ndarray(format="rgb24"), frame.rotation or 0)
                yielded += 1
                yield VideoFrame(index=index, time_s=time_s, rgb=rgb)
        except av.error.FFmpegError as e:
            raise self._bad(f"damaged or cut short after frame {index} ({_reason(e)})") from None
        finally:
            container.close()
            # Ready for another pass from the first frame.
            if self._container is None:
                try:
                    self._container = self._open()
                except BadInput:
                    self._container = None
        if yielded == 0:
            raise self._bad("it has no frames that can be decoded")
        declared = self.info.frames
        # A little slack: edit lists can legitimately hide a frame or two of the sample table.
        if declared and index + 1 < declared - max(2, declared // 20):
            raise self._bad(f"cut short: {index + 1} of its {declared} frames could be decoded")

    def close(self) -> None:
        if self._container is not None:
            self._container.close()
            self._container = None

    def __enter__(self) -> Video:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _reason(error: Exception) -> str:
    """FFmpeg's own words without the errno and the path it repeats."""
    text = getattr(error, "strerror", None) or str(error)
    return str(text).rstrip(".")


def open_video(source: Source | bytes, *, max_fps: float | None = None) -> Video:
    """Open a video from a path, a binary file object or bytes. Raises BadInput if unreadable.

    >>> with open_video("squat.mp4", max_fps=15) as video:       # doctest: +SKIP
    ...     for frame in video:
    ...         frame.time_s, frame.rgb.shape
    """
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    return Video(source, max_fps=max_fps)
