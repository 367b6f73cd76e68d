"""The synthetic fixtures themselves: deterministic, and their ground truth means what it says.

The truth is checked here against hand geometry, not against the renderer: the bottom knee angle
is the depth asked for, a fault moves the angle it should, and the drawn joints sit where the
truth says (the figure's pixels are under its projected knee). Needs OpenCV and PyAV.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest


def need(module: str) -> ModuleType:
    if os.environ.get("CI"):
        return __import__(module)
    return pytest.importorskip(module)


need("cv2")
need("av")

from form_figure import angle_deg, pose_squat, truth, v3  # noqa: E402
from form_render import EXERCISES, render_clip  # noqa: E402
from runlift.formats.video import open_video  # noqa: E402
from runlift.formcheck import landmarks as L  # noqa: E402

NO_FAULTS = {"depth_deg": 80.0, "knees_in_m": 0.0, "trunk_forward_deg": 0.0}
NO_FAULTS |= {"hips_sag_m": 0.0, "hips_pike_m": 0.0}


def test_angle_helper() -> None:
    assert angle_deg(v3(1, 0), v3(0, 0), v3(0, 1)) == pytest.approx(90)
    assert angle_deg(v3(-1, 0), v3(0, 0), v3(1, 0)) == pytest.approx(180)
    assert angle_deg(v3(1, 1, 0), v3(0, 0, 0), v3(1, 0, 0)) == pytest.approx(45)


@pytest.mark.parametrize("depth_deg", [70.0, 90.0, 130.0])
def test_squat_bottom_is_the_depth_asked_for(depth_deg: float) -> None:
    top = truth(pose_squat(0.0, NO_FAULTS | {"depth_deg": depth_deg}))
    bottom = truth(pose_squat(1.0, NO_FAULTS | {"depth_deg": depth_deg}))
    assert top["knee_left"] == pytest.approx(180.0)
    assert bottom["knee_left"] == pytest.approx(depth_deg)
    assert bottom["knee_right"] == pytest.approx(depth_deg)


def test_faults_move_what_they_should(tmp_path: Path) -> None:
    plain = render_clip(tmp_path / "a.mp4", "squat", reps=1, depth_deg=90)
    lean = render_clip(tmp_path / "b.mp4", "squat", reps=1, depth_deg=90, faults=("trunk-forward",))
    assert lean.angles_deg["trunk_lean"].max() > plain.angles_deg["trunk_lean"].max() + 25
    front = render_clip(tmp_path / "c.mp4", "squat", view_deg=0, reps=1)
    knees_in = render_clip(tmp_path / "d.mp4", "squat", view_deg=0, reps=1, faults=("knees-in",))
    gap = lambda r: r.points_px[:, L.LEFT_KNEE, 0] - r.points_px[:, L.RIGHT_KNEE, 0]  # noqa: E731
    assert gap(knees_in).min() < 0.5 * gap(front).min()
    straight = render_clip(tmp_path / "e.mp4", "push-up", reps=1)
    sag = render_clip(tmp_path / "f.mp4", "push-up", reps=1, faults=("hips-sag",))
    pike = render_clip(tmp_path / "g.mp4", "plank", hold_s=1, faults=("hips-pike",))
    # Hips sagging: the hip angle opens past straight on the floor side, which an interior
    # angle shows as below 180; piking bends it the other way, also below 180.
    assert straight.angles_deg["hip_left"].min() > 165
    assert sag.angles_deg["hip_left"].max() < 160
    assert pike.angles_deg["hip_left"].max() < 160


def test_same_arguments_same_clip(tmp_path: Path) -> None:
    a = render_clip(tmp_path / "a.mp4", "random", hold_s=1, seed=3, keep_frames=True)
    b = render_clip(tmp_path / "b.mp4", "random", hold_s=1, seed=3, keep_frames=True)
    c = render_clip(tmp_path / "c.mp4", "random", hold_s=1, seed=4)
    assert all((x == y).all() for x, y in zip(a.frames, b.frames, strict=True))
    assert np.array_equal(a.points_px, b.points_px, equal_nan=True)
    assert not np.array_equal(a.points_px, c.points_px, equal_nan=True)


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_exercise_renders_and_reads_back(tmp_path: Path, exercise: str) -> None:
    r = render_clip(tmp_path / "x.mp4", exercise, reps=1, rep_s=1.0, hold_s=1.0, keep_frames=True)
    with open_video(r.path) as video:
        frames = list(video)
    assert len(frames) == len(r.times_s) == len(r.frames)
    assert video.info.fps == r.fps
    assert r.rep_count == (1 if exercise in ("squat", "lunge", "push-up") else 0)
    # The figure is drawn where its truth says: the pixel under each knee is not background.
    for i in (0, len(frames) // 2):
        for knee in (L.LEFT_KNEE, L.RIGHT_KNEE):
            x, y = np.round(r.points_px[i, knee]).astype(int)
            assert np.abs(r.frames[i][y, x].astype(int) - (235, 235, 230)).sum() > 60
