"""Rep counting: exact counts, hysteresis, the gates that make non-exercise count 0, holds."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import formcheck_support as fs
from runlift.formcheck.analysis import analyse
from runlift.formcheck.exercises import FAMILY_CONFIG
from runlift.formcheck.pose import PoseTrack
from runlift.formcheck.reps import count_reps, hold_seconds
from tests_support import SHARED

FPS = 30.0


def squat_clip(
    n: int, rep_s: float = 2.0, rest_s: float = 0.6, low: float = 80.0, fps: float = FPS
) -> PoseTrack:
    t = fs.times(fs.clip_length(n, rep_s, rest_s), fps)
    return fs.side_squat(fs.rep_profile(t, n, rep_s, rest_s, low), t, fps)


@pytest.mark.parametrize("n", range(1, 11))
@pytest.mark.parametrize("rep_s", [0.9, 2.0, 4.0])
def test_counts_every_squat_rep_exactly(n: int, rep_s: float) -> None:
    assert analyse(squat_clip(n, rep_s), "squat").rep_count == n


def test_rep_times_and_minimum_angle_come_from_the_construction() -> None:
    result = analyse(squat_clip(2, rep_s=2.0, rest_s=1.0, low=70.0), "squat")
    bottoms = [r.bottom_s for r in result.reps]
    # Reps start at 1.0 s and 4.0 s (rep 2 s + rest 1 s); the bottom is half-way through.
    assert bottoms == pytest.approx([2.0, 5.0], abs=0.1)
    for rep in result.reps:
        assert rep.start_s < rep.bottom_s < rep.end_s
        assert rep.angle_min_deg == pytest.approx(70.0, abs=2.0)
        assert 1.0 <= rep.end_s - rep.start_s <= 2.0


def test_noise_dropouts_and_swaps_do_not_change_the_count() -> None:
    clip = fs.with_noise(squat_clip(5), px=2.0, seed=3)
    clip = fs.with_dropouts(clip, [20, 21, 22, 90, 91, 150])
    clip = fs.with_swaps(clip, [40, 41, 120, 200])
    assert analyse(clip, "squat").rep_count == 5


def test_a_rep_cut_off_by_the_end_of_the_clip_is_not_counted() -> None:
    clip = squat_clip(3)
    cut = int((1.0 + 2 * 2.6 + 1.2) * FPS)  # during the third rep, before it stands back up
    trimmed = PoseTrack(clip.fps, clip.width, clip.height, clip.times_s[:cut],
                        clip.points[:cut], clip.visibility[:cut])  # fmt: skip
    assert analyse(trimmed, "squat").rep_count == 2


def test_a_held_squat_counts_zero() -> None:
    t = fs.times(8.0, FPS)
    knee = np.full(t.shape, 90.0)
    knee[: int(FPS)] = np.linspace(175, 90, int(FPS))  # sits down once and holds
    result = analyse(fs.with_noise(fs.side_squat(knee, t, FPS), 2.0), "squat")
    assert result.rep_count == 0


def test_a_noisy_standing_hold_counts_zero() -> None:
    t = fs.times(8.0, FPS)
    rng = np.random.default_rng(1)
    knee = 170.0 + 6.0 * np.sin(2 * np.pi * 1.3 * t) + rng.normal(0, 2.0, t.shape)
    assert analyse(fs.side_squat(np.minimum(knee, 179.0), t, FPS), "squat").rep_count == 0


def test_hysteresis_jitter_near_the_threshold_does_not_double_count() -> None:
    # One rep to 80°, paused on the way up at 130° with ±6° jitter: the jitter crosses the
    # half-range threshold (~127°) many times but never climbs back to the upper one (~151°).
    t = fs.times(9.0, FPS)
    knee = np.full(t.shape, 175.0)
    down = (t >= 1.0) & (t < 2.0)
    knee[down] = 175 - 95 * (t[down] - 1.0)
    pause = (t >= 2.0) & (t < 5.0)
    knee[pause] = 80 + 50 * np.clip(t[pause] - 2.0, 0, 1) + 6 * np.sin(2 * np.pi * 3 * t[pause])
    up = (t >= 5.0) & (t < 6.0)
    knee[up] = 130 + 45 * (t[up] - 5.0)
    assert analyse(fs.side_squat(knee, t, FPS), "squat").rep_count == 1


def test_hysteresis_band_is_what_stops_double_counting() -> None:
    # The same jitter on a raw series, counted directly: band on → 1; a zero-width band (both
    # thresholds at the middle) would count each crossing.
    t = np.arange(0, 6, 1 / FPS)
    angle = np.where(t < 1, 175.0, 128.0 + 6 * np.sin(2 * np.pi * 3 * t))
    angle[(t > 0.8) & (t < 1.3)] = 80.0
    angle[t > 5] = 175.0
    family = FAMILY_CONFIG["squat"]
    counted = count_reps(angle, t, np.zeros_like(t), float("nan"), family)
    assert len(counted.reps) == 1


def test_walking_counts_zero() -> None:
    t = fs.times(10.0, FPS)
    result = analyse(fs.walking(t, FPS), "squat")
    assert result.rep_count == 0
    assert any("walking" in w for w in result.warnings)


@pytest.mark.parametrize("seed", range(5))
def test_random_dancing_motion_counts_zero(seed: int) -> None:
    rng = np.random.default_rng(seed)
    t = fs.times(10.0, FPS)
    base = fs.side_squat(np.full(t.shape, 172.0), t, FPS, far_vis=0.9)
    # Smooth random displacement of every landmark (arms most), like dancing in place.
    steps = rng.normal(0, 1, (t.size, 33, 2))
    kernel = np.ones(15) / 15
    smooth = np.apply_along_axis(lambda x: np.convolve(x, kernel, mode="same"), 0, steps)
    scale = np.full(33, 25.0)
    scale[11:23] = 60.0
    pts = base.points.copy()
    pts[:, :, :2] += np.cumsum(smooth, axis=0) * scale[None, :, None] / 4
    clip = PoseTrack(FPS, base.width, base.height, t, pts, base.visibility)
    assert analyse(clip, "squat").rep_count == 0


@pytest.mark.parametrize("n", [1, 4, 8])
def test_counts_push_ups(n: int) -> None:
    t = fs.times(fs.clip_length(n, 1.5, 0.5), FPS)
    elbow = fs.rep_profile(t, n, 1.5, 0.5, low=85.0, high=170.0)
    assert analyse(fs.side_push_up(elbow, t, FPS), "push-up").rep_count == n


@pytest.mark.parametrize("view", ["side", "front"])
def test_counts_single_leg_deadlifts(view: str) -> None:
    t = fs.times(fs.clip_length(4, 2.5, 0.8), FPS)
    trunk = fs.rep_profile(t, 4, 2.5, 0.8, low=75.0, high=0.0)
    assert analyse(fs.sldl(trunk, t, FPS, view=view), "single-leg-deadlift").rep_count == 4


def test_counts_squats_filmed_from_the_front() -> None:
    t = fs.times(fs.clip_length(6, 1.8, 0.4), FPS)
    clip = fs.front_squat_view(fs.rep_profile(t, 6, 1.8, 0.4, 85.0), t, FPS)
    assert analyse(clip, "squat").rep_count == 6


def test_plank_hold_time_and_no_reps() -> None:
    stand = fs.side_squat(np.full(60, 175.0), fs.times(2.0, FPS), FPS)
    plank = fs.side_push_up(np.full(450, 170.0), fs.times(15.0, FPS), FPS)
    result = analyse(fs.concat(stand, plank, stand), "plank")
    assert result.rep_count == 0
    assert result.hold_s == pytest.approx(15.0, abs=0.3)


def test_hold_seconds_is_the_longest_flat_stretch() -> None:
    t = np.arange(0, 10, 0.1)
    incline = np.where((t >= 2) & (t < 5), 80.0, 5.0)
    incline[(t >= 6) & (t < 7)] = 85.0
    assert hold_seconds(incline, t) == pytest.approx(3.0, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(1, 6),
    rep_s=st.floats(0.8, 4.0),
    rest_s=st.floats(0.2, 1.5),
    fps=st.sampled_from([15.0, 24.0, 30.0, 60.0]),
    low=st.floats(60.0, 120.0),
)
def test_count_is_invariant_to_speed_depth_and_frame_rate(
    n: int, rep_s: float, rest_s: float, fps: float, low: float
) -> None:
    assert analyse(squat_clip(n, rep_s, rest_s, low, fps), "squat").rep_count == n


@settings(max_examples=20, deadline=None)
@given(
    n=st.integers(1, 6),
    swaps=st.lists(st.integers(0, 400), max_size=12),
    gaps=st.lists(st.tuples(st.integers(0, 400), st.integers(1, 9)), max_size=4),
    seed=st.integers(0, 1000),
)
def test_count_survives_noise_dropouts_and_swaps(
    n: int, swaps: list[int], gaps: list[tuple[int, int]], seed: int
) -> None:
    clip = fs.with_noise(squat_clip(n), px=2.0, seed=seed)
    frames = clip.frames
    dropped = sorted({f for a, k in gaps for f in range(a, a + k) if f < frames})
    clip = fs.with_dropouts(fs.with_swaps(clip, [f for f in swaps if f < frames]), dropped)
    assert analyse(clip, "squat").rep_count == n


@settings(max_examples=15, deadline=None)
@given(n=st.integers(1, 5), rep_s=st.floats(1.0, 3.0), front=st.booleans())
def test_mirror_symmetry(n: int, rep_s: float, front: bool) -> None:
    t = fs.times(fs.clip_length(n, rep_s, 0.5), FPS)
    knee = fs.rep_profile(t, n, rep_s, 0.5, 85.0)
    clip = fs.front_squat_view(knee, t, FPS) if front else fs.side_squat(knee, t, FPS)
    a = analyse(clip, "squat")
    b = analyse(fs.mirrored(clip), "squat")
    assert (a.rep_count, a.view) == (b.rep_count, b.view) == (n, "front" if front else "side")


def test_recorded_blazepose_front_squats_count_two() -> None:
    """BlazePose reference keypoints (tfjs-models) of a real clip: two full squats and a third
    cut off on the way up (shared/formcheck/README.md), at 5 fps, facing the camera."""
    path = SHARED / "formcheck" / "tfjs_pose_squats.reference_keypoints.json"
    if not path.exists():
        pytest.skip("shared form-check clips are not available")
    pts = np.array(json.loads(path.read_text()), dtype=float)
    n = pts.shape[0]
    track = PoseTrack(5.0, 720, 1280, np.arange(n) / 5.0, pts, np.ones((n, 33)))
    result = analyse(track, "squat")
    assert result.view == "front"
    assert result.rep_count == 2


def test_walking_in_and_out_of_the_frame_adds_no_reps() -> None:
    walk = fs.walking(fs.times(3.0, FPS), FPS)
    assert analyse(fs.concat(walk, squat_clip(3), walk), "squat").rep_count == 3
