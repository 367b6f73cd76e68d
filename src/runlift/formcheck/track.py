"""Run a pose model over a video's frames: the one loop between pixels and a :class:`PoseTrack`.

It takes the model as an argument (``PoseModel``), so tests and other models plug in without
MediaPipe, and reports progress as ``progress(done, total)`` (total None when the container does
not say how many frames it holds) so the CLI can draw a bar without this module printing.

Frames are decoded one step ahead on a second thread (PyAV and MediaPipe both release the GIL
in their C code): on the 2-core machine this took the 720x1280 tfjs clip from 25–32 to 30–37
frames a second in back-to-back runs (load average about 4), for one short queue of frames.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

import numpy as np

from runlift.formats.video import VideoFrame, VideoInfo
from runlift.formcheck.pose import N_LANDMARKS, PoseModel, PoseTrack

Progress = Callable[[int, int | None], None]


class FrameSource(Protocol):
    """What ``track_video`` reads: ``runlift.formats.video.Video`` fits."""

    info: VideoInfo

    def __iter__(self) -> Iterator[VideoFrame]: ...


def track_video(
    video: FrameSource, model: PoseModel, progress: Progress | None = None
) -> PoseTrack:
    """Landmarks for every frame the video yields; NaN points and 0 visibility where nobody.

    ``progress`` is called after each frame with (frames done, expected total or None). The
    expected total allows for ``max_fps`` decimation, so it is an estimate then.
    """
    info = video.info
    total = _expected_frames(info)
    times: list[float] = []
    points: list[np.ndarray] = []
    visibility: list[np.ndarray] = []
    nobody = np.full((N_LANDMARKS, 3), np.nan)
    unseen = np.zeros(N_LANDMARKS)
    for frame in read_ahead(video):
        found = model.landmarks(frame.rgb)
        times.append(frame.time_s)
        if found is None:
            points.append(nobody)
            visibility.append(unseen)
        else:
            points.append(np.asarray(found[0], dtype=np.float64))
            visibility.append(np.asarray(found[1], dtype=np.float64))
        if progress is not None:
            progress(len(times), max(total, len(times)) if total else None)
    n = len(times)
    return PoseTrack(
        fps=info.fps,
        width=info.width,
        height=info.height,
        times_s=np.asarray(times, dtype=np.float64),
        points=np.stack(points) if n else np.empty((0, N_LANDMARKS, 3)),
        visibility=np.stack(visibility) if n else np.empty((0, N_LANDMARKS)),
    )


def _expected_frames(info: VideoInfo) -> int | None:
    if info.frames and info.source_fps and info.fps < info.source_fps:
        return max(1, round(info.frames * info.fps / info.source_fps))
    if info.frames:
        return info.frames
    if info.duration_s and info.fps:
        return max(1, round(info.duration_s * info.fps))
    return None


_END = object()


def read_ahead(frames: Iterable[VideoFrame], depth: int = 4) -> Iterator[VideoFrame]:
    """``frames``, decoded on a background thread up to ``depth`` ahead; errors re-raised here."""
    ready: queue.Queue[object] = queue.Queue(depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def decode() -> None:
        try:
            for frame in frames:
                if not put(frame):
                    return
        except BaseException as error:  # handed to the consumer, raised there
            put(error)
            return
        put(_END)

    worker = threading.Thread(target=decode, name="runlift-decode", daemon=True)
    worker.start()
    try:
        while True:
            item = ready.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        worker.join(timeout=5)
