"""Form check use case: a filmed set in, the analysis out (and, if asked, the annotated video).

The video is read twice when annotating (once to track, once to draw) rather than holding every
frame in memory: a minute of 1080p is about 11 GB of RGB, while a second decode costs about a
tenth of the pose model's time (benchmarks/README.md, form check).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from runlift.errors import BadInput
from runlift.formats.video import VideoInfo, open_video
from runlift.formcheck.analysis import analyse
from runlift.formcheck.overlay import frame_notes
from runlift.formcheck.pose import PoseTrack
from runlift.formcheck.result import FormResult
from runlift.formcheck.track import track_video

DEFAULT_MAX_FPS = 30.0  # phones film at 30–60 fps; 30 resolves a rep's bottom to ±17 ms

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class FormCheck:
    result: FormResult
    info: VideoInfo
    track: PoseTrack
    annotated: Path | None


def check_video(
    video: str | os.PathLike[str],
    exercise: str,
    view: str = "auto",
    *,
    max_fps: float | None = DEFAULT_MAX_FPS,
    annotate: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> FormCheck:
    """Track the person in ``video`` with BlazePose and analyse the set; BadInput for a file
    that is not a readable video, or where fewer than half the frames show a person."""
    from runlift.app.catalog import catalog
    from runlift.formcheck.blazepose import BlazePose
    from runlift.formcheck.exercises import resolve

    resolve(exercise, catalog())  # an exercise it cannot judge is refused before any work
    with open_video(video, max_fps=max_fps) as frames, BlazePose() as model:
        info = frames.info
        track = track_video(frames, model, progress)
    try:
        result = analyse(track, exercise, view)
    except BadInput as exc:
        raise BadInput("; ".join(exc.problems), os.fspath(video)) from None
    out = None
    if annotate is not None:
        out = Path(annotate)
        _annotate(video, out, track, result, max_fps)
    return FormCheck(result, info, track, out)


def _annotate(
    video: str | os.PathLike[str],
    out: Path,
    track: PoseTrack,
    result: FormResult,
    max_fps: float | None,
) -> None:
    from runlift.formats.video_annotate import Overlay, write_annotated

    notes = frame_notes(result, [float(t) for t in track.times_s])
    name = result.angle_name or "knee"
    overlays = [Overlay(n.angle_deg, n.rep_count, name, n.fault) for n in notes]
    try:
        with open_video(video, max_fps=max_fps) as frames:
            write_annotated(out, (f.rgb for f in frames), track, overlays)
    except (OSError, ValueError) as exc:
        raise BadInput(f"cannot write the annotated video: {exc}", os.fspath(out)) from None
