"""Form-check speed: frames a second of decoding plus BlazePose, beside decoding alone, same run.

Target (the form-check issue): at least 30 frames a second of analysis, decoding included, on
this 2-core machine. Clips: the three real clips in ``../shared/formcheck`` and a rendered 720p
(1280x720) side-on squat (``tests/form_render.py``). Per clip, best of ``--repeat`` passes:

- decode: ``open_video`` to upright RGB arrays, nothing else;
- decode + pose: ``track_video`` with a fresh ``BlazePose`` per pass (its graph starts on the
  first frame, which is counted), with the process CPU time per frame: on a machine busy with
  other work, CPU ms a frame is the steadier figure (1000 / it is the rate one free core gives);
- with ``--max-fps``: the same with frames dropped to that rate before conversion.

The machine is shared: the load average is printed at the start and the end.

    taskset -c 0,1 .venv/bin/python benchmarks/form_speed.py     # both cores (the target)
    taskset -c 0 .venv/bin/python benchmarks/form_speed.py       # one core
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from form_render import render_clip  # noqa: E402
from runlift.formats.video import open_video  # noqa: E402
from runlift.formcheck.blazepose import BlazePose  # noqa: E402
from runlift.formcheck.track import track_video  # noqa: E402

CLIPS = ROOT.parent / "shared" / "formcheck"


def decode_fps(path: Path, max_fps: float | None) -> tuple[int, float]:
    t = time.perf_counter()
    with open_video(path, max_fps=max_fps) as video:
        n = sum(1 for _ in video)
    return n, n / (time.perf_counter() - t)


def pose_fps(path: Path, max_fps: float | None) -> tuple[int, float, float, int]:
    """(frames, frames/s wall, process CPU ms a frame, frames with a person)."""
    model = BlazePose()
    t, cpu = time.perf_counter(), time.process_time()
    with open_video(path, max_fps=max_fps) as video:
        track = track_video(video, model)
    fps = track.frames / (time.perf_counter() - t)
    cpu_ms = (time.process_time() - cpu) / track.frames * 1000
    model.close()
    return track.frames, fps, cpu_ms, int(track.found.sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--max-fps", type=float, default=None)
    args = parser.parse_args()
    t = time.perf_counter()
    import mediapipe  # noqa: F401  (import time, paid once per process)

    import_s = time.perf_counter() - t
    cpus = sorted(os.sched_getaffinity(0))
    print(f"cores {cpus}; mediapipe import {import_s:.1f} s; load {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        rendered = Path(tmp) / "rendered_720p_squat.mp4"
        render_clip(rendered, "squat", view_deg=90, reps=3, width=1280, height=720)
        clips = [*sorted(p for p in CLIPS.iterdir() if p.suffix in (".mp4", ".gif")), rendered]
        print(
            f"{'clip':44s} {'frames':>6s} {'WxH':>9s} {'decode f/s':>10s} "
            f"{'decode+pose f/s':>15s} {'ratio':>6s} {'CPU ms/f':>8s} {'found':>7s}"
        )
        totals = [0, 0.0]
        for path in clips:
            with open_video(path) as video:
                size = f"{video.info.width}x{video.info.height}"
            dec = max(decode_fps(path, args.max_fps)[1] for _ in range(args.repeat))
            runs = [pose_fps(path, args.max_fps) for _ in range(args.repeat)]
            n, fps, cpu_ms, found = max(runs, key=lambda r: r[1])
            totals[0] += n
            totals[1] += n / fps
            print(
                f"{path.name:44s} {n:6d} {size:>9s} {dec:10.0f} {fps:15.1f} "
                f"{fps / dec:6.2f} {cpu_ms:8.1f} {found:3d}/{n:<3d}"
            )
    print(f"all clips: {totals[0] / totals[1]:.1f} frames/s decode + pose (best passes)")
    print(f"load at the end {os.getloadavg()}")


if __name__ == "__main__":
    main()
