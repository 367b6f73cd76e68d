"""The runlift.form/1 contract (docs/contracts.md §8), exercise names, errors and the rating."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import formcheck_support as fs
from runlift.catalog import Catalog
from runlift.errors import BadInput
from runlift.formcheck.analysis import analyse
from runlift.formcheck.exercises import FAMILIES, resolve
from runlift.formcheck.pose import PoseTrack
from runlift.formcheck.rating import technique
from runlift.formcheck.result import CONFIDENCES, DEPTHS, FAULT_KINDS, Fault

FPS = 20.0


def squats(n: int = 3, **kw: float) -> PoseTrack:
    t = fs.times(fs.clip_length(n, 2.0, 0.5), FPS)
    return fs.side_squat(fs.rep_profile(t, n, 2.0, 0.5, 85.0), t, FPS, **kw)


def _is_num(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def check_contract(doc: dict[str, object]) -> None:
    """Every key and type §8 lists, and nothing of the wrong type."""
    assert doc["schema"] == "runlift.form/1"
    assert isinstance(doc["exercise"], str)
    assert doc["view"] in ("side", "front")
    video = doc["video"]
    assert isinstance(video, dict)
    assert set(video) == {"frames", "fps", "duration_s"}
    assert isinstance(video["frames"], int)
    assert _is_num(video["fps"])
    assert _is_num(video["duration_s"])
    assert isinstance(doc["frames_with_pose"], int)
    assert isinstance(doc["rep_count"], int)
    assert doc["hold_s"] is None or _is_num(doc["hold_s"])
    reps = doc["reps"]
    assert isinstance(reps, list)
    assert len(reps) == doc["rep_count"]
    for rep in reps:
        assert {"start_s", "bottom_s", "end_s", "knee_angle_min_deg", "depth", "faults"} <= set(rep)
        assert all(_is_num(rep[k]) for k in ("start_s", "bottom_s", "end_s", "knee_angle_min_deg"))
        assert rep["depth"] is None or rep["depth"] in DEPTHS
        assert all(k in FAULT_KINDS for k in rep["faults"])
    faults = doc["faults"]
    assert isinstance(faults, list)
    for fault in faults:
        assert set(fault) == {"kind", "reps", "confidence", "message", "cue"}
        assert fault["kind"] in FAULT_KINDS
        assert fault["confidence"] in CONFIDENCES
        assert all(isinstance(r, int) and 1 <= r <= len(reps) for r in fault["reps"])
        assert isinstance(fault["message"], str)
        assert isinstance(fault["cue"], str)
    assert isinstance(doc["technique"], int)
    assert 1 <= doc["technique"] <= 5
    assert isinstance(doc["warnings"], list)
    assert all(isinstance(w, str) for w in doc["warnings"])
    json.dumps(doc, allow_nan=False)


def test_contract_shape_of_a_squat_set() -> None:
    clip = squats(3, thigh_bottom_deg=30.0)
    doc: Any = json.loads(json.dumps(analyse(clip, "squat").to_contract()))
    check_contract(doc)
    assert doc["video"] == {"frames": clip.frames, "fps": FPS, "duration_s": clip.frames / FPS}
    assert doc["frames_with_pose"] == clip.frames
    assert doc["rep_count"] == 3
    assert doc["hold_s"] is None
    assert doc["faults"][0]["kind"] == "depth"
    assert doc["faults"][0]["reps"] == [1, 2, 3]


def test_contract_shape_of_a_plank() -> None:
    stand = fs.side_squat(np.full(40, 175.0), fs.times(2.0, FPS), FPS)
    hold = fs.side_push_up(np.full(200, 170.0), fs.times(10.0, FPS), FPS, line_deg=25.0)
    doc: Any = analyse(fs.concat(stand, hold, stand), "plank").to_contract()
    check_contract(doc)
    assert doc["rep_count"] == 0
    assert doc["reps"] == []
    assert doc["hold_s"] == pytest.approx(10.0, abs=0.3)
    assert doc["faults"][0]["kind"] == "hip-sag"
    assert doc["faults"][0]["reps"] == []


def test_dropouts_are_counted_in_frames_with_pose() -> None:
    clip = fs.with_dropouts(squats(), list(range(5, 15)))
    doc = analyse(clip, "squat").to_contract()
    assert doc["frames_with_pose"] == clip.frames - 10


def test_fewer_than_half_the_frames_with_a_person_is_bad_input() -> None:
    clip = squats()
    gone = fs.with_dropouts(clip, list(range(clip.frames // 2 + 1)))
    with pytest.raises(BadInput, match=r"only \d+ of \d+ frames"):
        analyse(gone, "squat")


@pytest.mark.parametrize(
    ("exercise", "clip", "needle"),
    [
        ("squat", "push-up", "horizontal"),
        ("push-up", "squat", "upright"),
        ("plank", "squat", "upright"),
    ],
)
def test_the_wrong_exercise_gives_zero_reps_and_says_why(
    exercise: str, clip: str, needle: str
) -> None:
    t = fs.times(8.0, FPS)
    if clip == "squat":
        track = fs.side_squat(fs.rep_profile(t, 3, 2.0, 0.5, 85.0), t, FPS)
    else:
        track = fs.side_push_up(fs.rep_profile(t, 3, 2.0, 0.5, 85.0, 170.0), t, FPS)
    result = analyse(track, exercise)
    check_contract(result.to_contract())
    assert result.rep_count == 0
    assert any(needle in w and "check the exercise chosen" in w for w in result.warnings)


def test_squats_analysed_as_lunges_or_hinges_still_do_not_crash() -> None:
    for name in ("lunge", "single-leg-deadlift"):
        check_contract(analyse(squats(), name).to_contract())


def test_unknown_view_and_exercise_are_bad_input() -> None:
    with pytest.raises(BadInput, match="--view"):
        analyse(squats(), "squat", view="top")
    with pytest.raises(BadInput, match="did you mean 'squat'"):
        analyse(squats(), "squatt")
    with pytest.raises(BadInput, match="cannot judge 'bench-press'"):
        analyse(squats(), "bench-press")


def test_forced_view_is_used() -> None:
    assert analyse(squats(), "squat", view="front").view == "front"


@pytest.mark.parametrize(
    ("name", "family", "cue_source"),
    [
        ("squat", "squat", "bodyweight-squat"),
        ("goblet-squat", "squat", "goblet-squat"),
        ("Bulgarian Split Squat", "lunge", "bulgarian-split-squat"),
        ("reverse-lunge", "lunge", "reverse-lunge"),
        ("kettlebell-single-leg-deadlift", "single-leg-deadlift", "kettlebell-single-leg-deadlift"),
        ("incline-push-up", "push-up", "incline-push-up"),
        ("long-lever-plank", "plank", "long-lever-plank"),
        ("plank", "plank", "front-plank"),
    ],
)
def test_exercise_names_resolve_to_families(
    catalog: Catalog, name: str, family: str, cue_source: str
) -> None:
    resolved = resolve(name, catalog)
    assert resolved.family.name == family
    assert resolved.exercise is not None
    assert resolved.exercise.id == cue_source


def test_every_family_root_is_in_the_catalog(catalog: Catalog) -> None:
    for family in FAMILIES:
        assert resolve(family, catalog).exercise is not None


def test_rating_starts_at_five_and_drops_with_each_fault() -> None:
    likely = Fault("depth", (1, 2, 3), "likely", "", "")
    possible = Fault("knee-valgus", (1, 2, 3), "possible", "", "")
    rare = Fault("trunk-lean", (2,), "likely", "", "")
    assert technique([], 3, False)[0] == 5
    assert technique([likely], 3, False)[0] == 4
    assert technique([likely, possible], 3, False)[0] == 4  # 3.5 rounds half up
    assert technique([likely, possible, rare], 3, False)[0] == 3  # 3.0
    many = [Fault(k, (1, 2, 3), "likely", "", "") for k in FAULT_KINDS]
    rating, reasons = technique(many, 3, False)
    assert rating == 1
    assert len(reasons) == len(FAULT_KINDS)


@settings(max_examples=40, deadline=None)
@given(
    frames=st.integers(1, 40),
    seed=st.integers(0, 10_000),
    missing=st.floats(0.0, 1.0),
    vis=st.floats(0.0, 1.0),
    exercise=st.sampled_from(FAMILIES),
    view=st.sampled_from(["auto", "side", "front"]),
)
def test_arbitrary_landmarks_give_a_result_or_bad_input_never_a_crash(
    frames: int, seed: int, missing: float, vis: float, exercise: str, view: str
) -> None:
    rng = np.random.default_rng(seed)
    pts = rng.uniform(0, 1000, (frames, 33, 3))
    pts[rng.uniform(size=frames) < missing] = np.nan
    visibility = np.where(np.isnan(pts[:, :, 0]), 0.0, vis)
    track = PoseTrack(10.0, 1000, 1000, np.arange(frames) / 10.0, pts, visibility)
    if 2 * int(track.found.sum()) < frames:
        with pytest.raises(BadInput, match="frames"):
            analyse(track, exercise, view)
    else:
        check_contract(analyse(track, exercise, view).to_contract())
