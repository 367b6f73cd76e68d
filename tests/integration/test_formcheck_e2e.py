"""The form check end to end on rendered clips: video → BlazePose → analysis, against the render's
ground truth (rep count, view, depth from the thigh at the bottom, injected faults, clip length).

A compact subset of ``benchmarks/form_reps.py``, and the three real clips' rep counts. Clips
are small (480x360, 20 fps) and each is rendered and tracked once per session. Skipped without
mediapipe, except in CI, where it must be installed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pytest


def need(module: str) -> ModuleType:
    if os.environ.get("CI"):
        return __import__(module)
    return pytest.importorskip(module)


need("mediapipe")
need("av")
need("cv2")

from form_depth import depth_class, render_squat  # noqa: E402
from form_render import Rendered, render_clip  # noqa: E402
from runlift.app.form_check import check_video  # noqa: E402
from runlift.formcheck.analysis import analyse  # noqa: E402
from runlift.formcheck.pose import PoseTrack  # noqa: E402
from runlift.formcheck.result import FormResult  # noqa: E402
from tests_support import SHARED  # noqa: E402

SIZE = {"width": 480, "height": 360, "fps": 20.0}
CLIPS: dict[str, tuple[str, dict[str, Any]]] = {  # name: (exercise, render_clip arguments)
    "side-below-slow": ("squat", {"view_deg": 90, "reps": 2, "rep_s": 2.0, "depth_deg": 45}),
    "side-above-fast": ("squat", {"view_deg": 90, "reps": 3, "rep_s": 1.2, "depth_deg": 110}),
    "front-parallel-slow": ("squat", {"view_deg": 0, "reps": 2, "rep_s": 2.0, "depth_deg": 75}),
    "front-above-fast": ("squat", {"view_deg": 0, "reps": 3, "rep_s": 1.2, "depth_deg": 110}),
    "push-up": ("push-up", {"view_deg": 90, "reps": 3, "rep_s": 1.5}),
    "lunge": ("lunge", {"view_deg": 90, "reps": 2, "rep_s": 2.0, "depth_deg": 90}),
    "walk": ("walk", {"view_deg": 0, "hold_s": 4.0}),
    "stand": ("stand", {"view_deg": 90, "hold_s": 4.0}),
    "random": ("random", {"view_deg": 45, "hold_s": 4.0}),
    "trunk-forward": (
        "squat",
        {"view_deg": 90, "reps": 2, "rep_s": 2.0, "depth_deg": 75, "faults": ("trunk-forward",)},
    ),
    "knees-in": (
        "squat",
        {"view_deg": 0, "reps": 2, "rep_s": 2.0, "depth_deg": 75, "faults": ("knees-in",)},
    ),
    "push-up-sag": ("push-up", {"view_deg": 90, "reps": 2, "rep_s": 2.0, "faults": ("hips-sag",)}),
    "plank": ("plank", {"view_deg": 90, "hold_s": 4.0}),
    "plank-sag": ("plank", {"view_deg": 90, "hold_s": 4.0, "faults": ("hips-sag",)}),
}


@dataclass(frozen=True)
class Checked:
    rendered: Rendered
    result: FormResult

    @property
    def kinds(self) -> dict[str, str]:
        return {f.kind: f.confidence for f in self.result.faults}


@pytest.fixture(scope="session")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Checked]:
    """``clip(name, exercise)``: the named clip rendered, run through ``check_video`` as
    ``exercise`` ("" for what was filmed); each clip is rendered and tracked once a session,
    and another exercise re-analyses the same landmarks."""
    folder = tmp_path_factory.mktemp("form_e2e")
    done: dict[tuple[str, str], Checked] = {}
    tracked: dict[str, tuple[Rendered, PoseTrack]] = {}

    def get(name: str, exercise: str = "") -> Checked:
        filmed, kwargs = CLIPS[name]
        key = (name, exercise or filmed)
        if key in done:
            return done[key]
        if name in tracked:
            r, track = tracked[name]
            done[key] = Checked(r, analyse(track, key[1]))
            return done[key]
        path = folder / f"{name}.mp4"
        if filmed == "squat":
            r = render_squat(path, **kwargs, **SIZE)
        else:
            r = render_clip(path, filmed, **kwargs, **SIZE)
        checked = check_video(r.path, key[1])
        tracked[name] = (r, checked.track)
        done[key] = Checked(r, checked.result)
        return done[key]

    return get


@pytest.mark.parametrize(
    "name",
    [
        "side-below-slow",
        "side-above-fast",
        "front-parallel-slow",
        "front-above-fast",
        "push-up",
        "lunge",
        "trunk-forward",
        "knees-in",
        "push-up-sag",
    ],
)
def test_exact_rep_count(clip: Callable[[str, str], Checked], name: str) -> None:
    c = clip(name, "")
    assert c.rendered.rep_count > 0
    assert c.result.rep_count == c.rendered.rep_count, c.result.warnings


@pytest.mark.parametrize("name", ["walk", "stand", "random"])
@pytest.mark.parametrize("exercise", ["squat", "lunge"])
def test_no_reps_without_exercise(
    clip: Callable[[str, str], Checked], name: str, exercise: str
) -> None:
    c = clip(name, exercise)
    assert c.rendered.rep_count == 0
    assert c.result.rep_count == 0


@pytest.mark.parametrize(
    "name", ["side-below-slow", "front-above-fast", "push-up", "knees-in", "lunge", "walk"]
)
def test_view_detected(clip: Callable[[str, str], Checked], name: str) -> None:
    view_deg = CLIPS[name][1]["view_deg"]
    assert clip(name, "squat" if name == "walk" else "").result.view == (
        "side" if view_deg == 90 else "front"
    )


@pytest.mark.parametrize(
    ("name", "want"), [("side-below-slow", "below-parallel"), ("side-above-fast", "above-parallel")]
)
def test_depth_class_from_the_side(
    clip: Callable[[str, str], Checked], name: str, want: str
) -> None:
    c = clip(name, "")
    assert depth_class(c.rendered) == want  # the truth, from the rendered thigh
    assert [r.depth for r in c.result.reps] == [want] * c.rendered.rep_count
    assert ("depth" in c.kinds) == (want == "above-parallel")


def test_trunk_forward_is_a_trunk_lean(clip: Callable[[str, str], Checked]) -> None:
    assert "trunk-lean" in clip("trunk-forward", "").kinds
    assert "trunk-lean" not in clip("side-below-slow", "").kinds
    assert "trunk-lean" not in clip("side-above-fast", "").kinds


def test_knees_in_from_the_front_is_a_possible_valgus(
    clip: Callable[[str, str], Checked],
) -> None:
    assert clip("knees-in", "").kinds.get("knee-valgus") == "possible"  # never "likely"
    assert "knee-valgus" not in clip("front-parallel-slow", "").kinds
    assert "knee-valgus" not in clip("front-above-fast", "").kinds


@pytest.mark.parametrize("name", ["push-up-sag", "plank-sag"])
def test_hips_sag(clip: Callable[[str, str], Checked], name: str) -> None:
    kinds = clip(name, "").kinds
    assert "hip-sag" in kinds
    assert "hip-pike" not in kinds


@pytest.mark.parametrize("name", ["push-up", "plank"])
def test_no_body_line_fault_when_straight(clip: Callable[[str, str], Checked], name: str) -> None:
    kinds = clip(name, "").kinds
    assert "hip-sag" not in kinds
    assert "hip-pike" not in kinds


def test_plank_hold_time(clip: Callable[[str, str], Checked]) -> None:
    c = clip("plank", "")
    length_s = len(c.rendered.times_s) / c.rendered.fps
    assert c.result.hold_s is not None
    assert abs(c.result.hold_s - length_s) <= 0.5
    assert c.result.rep_count == 0


@pytest.mark.parametrize(
    ("clip_name", "exercise", "reps"),
    [
        ("mediapipe_pose_world_landmarks_squats.mp4", "squat", 3),
        ("tfjs_pose_squats.mp4", "bodyweight-squat", 2),  # a third rep is cut off
        ("tfjs_combined_squat_dance.gif", "squat", 0),  # a held squat and dancing
    ],
)
def test_the_real_clips(clip_name: str, exercise: str, reps: int) -> None:
    result = check_video(SHARED / "formcheck" / clip_name, exercise).result
    assert result.rep_count == reps, result.warnings
    assert all(f.confidence == "possible" for f in result.faults if f.kind == "knee-valgus")
