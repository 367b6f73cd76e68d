"""Signal steps and view detection, against values known from the construction."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import formcheck_support as fs
from runlift.formcheck import body
from runlift.formcheck import landmarks as lm
from runlift.formcheck.pose import PoseTrack
from runlift.formcheck.signals import angle_deg, fill_gaps, fix_swaps, from_vertical_deg, smooth
from runlift.formcheck.view import detect_view, unjudged

FPS = 30.0


@given(st.floats(1.0, 179.0), st.floats(-180.0, 180.0), st.floats(1.0, 500.0))
def test_angle_deg_recovers_a_constructed_angle(theta: float, rot: float, r: float) -> None:
    b = np.array([[10.0, 20.0]])
    u = np.radians(rot)
    a = b + r * np.array([[np.cos(u), np.sin(u)]])
    c = b + 2 * r * np.array([[np.cos(u + np.radians(theta)), np.sin(u + np.radians(theta))]])
    assert angle_deg(a, b, c)[0] == pytest.approx(theta, abs=1e-6)


def test_from_vertical_in_image_coordinates() -> None:
    hip = np.array([[0.0, 0.0], [0.0, 0.0]])
    shoulder = np.array([[0.0, -10.0], [10.0, 0.0]])  # straight up; horizontal
    assert from_vertical_deg(hip, shoulder) == pytest.approx([0.0, 90.0])


def test_fill_gaps_bridges_short_holes_only() -> None:
    x = np.array([0.0, np.nan, np.nan, 3.0, np.nan, np.nan, np.nan, np.nan, 8.0])
    out = fill_gaps(x, max_gap=2)
    assert out[:4] == pytest.approx([0.0, 1.0, 2.0, 3.0])
    assert np.isnan(out[4:8]).all()


def test_smooth_removes_a_single_frame_spike_and_keeps_a_dip() -> None:
    t = np.arange(0, 4, 1 / FPS)
    x = 175 - 90 * np.exp(-(((t - 2) / 0.4) ** 2))
    spiked = x.copy()
    spiked[30] = 60.0
    out = smooth(spiked, FPS)
    assert out[30] == pytest.approx(x[30], abs=1.0)
    assert out.min() == pytest.approx(85.0, abs=2.0)


def test_fix_swaps_restores_labels_facing_the_camera() -> None:
    t = fs.times(6.0, FPS)
    clean = fs.front_squat_view(fs.rep_profile(t, 2, 2.0, 0.5, 80.0), t, FPS)
    frames = [10, 11, 12, 60, 100, 101]
    pts, vis, swapped = fix_swaps(*_pv(fs.with_swaps(clean, frames)))
    assert np.flatnonzero(swapped).tolist() == frames
    assert np.allclose(pts, clean.points)
    assert np.allclose(vis, clean.visibility)


def test_fix_swaps_leaves_a_clean_clip_alone() -> None:
    t = fs.times(6.0, FPS)
    for clip in (
        fs.front_squat_view(fs.rep_profile(t, 2, 2.0, 0.5, 80.0), t, FPS),
        fs.side_squat(fs.rep_profile(t, 2, 2.0, 0.5, 80.0), t, FPS),
        fs.walking(t, FPS),
    ):
        _, _, swapped = fix_swaps(*_pv(clip))
        assert not swapped.any()


def test_side_on_the_better_seen_side_is_used() -> None:
    t = fs.times(3.0, FPS)
    clip = fs.side_squat(np.full(t.shape, 120.0), t, FPS, far_vis=0.3)
    sig = body.build(clip.points, clip.visibility, clip.times_s, FPS, "side")
    assert sig.primary == "left"
    assert not sig.both_seen
    assert np.nanmedian(sig.main("knee")) == pytest.approx(120.0, abs=0.5)
    mirrored = fs.mirrored(clip)
    sig2 = body.build(mirrored.points, mirrored.visibility, mirrored.times_s, FPS, "side")
    assert sig2.primary == "right"


def test_low_visibility_points_are_dropped_and_bridged() -> None:
    t = fs.times(3.0, FPS)
    clip = fs.side_squat(np.full(t.shape, 120.0), t, FPS)
    vis = clip.visibility.copy()
    vis[40:45, lm.LEFT_KNEE] = 0.1
    pts = clip.points.copy()
    pts[40:45, lm.LEFT_KNEE, :2] += 200.0  # a wild guess the model was unsure of
    sig = body.build(pts, vis, clip.times_s, FPS, "side")
    assert sig.main("knee")[40:45] == pytest.approx([120.0] * 5, abs=0.5)


@pytest.mark.parametrize("kind", ["side", "front"])
def test_view_detection(kind: str) -> None:
    t = fs.times(5.0, FPS)
    knee = fs.rep_profile(t, 2, 1.5, 0.5, 85.0)
    clip = fs.side_squat(knee, t, FPS) if kind == "side" else fs.front_squat_view(knee, t, FPS)
    view, warnings = detect_view(clip.points)
    assert view == kind
    assert warnings == []
    assert detect_view(fs.mirrored(clip).points)[0] == kind


def test_view_detection_for_horizontal_and_hinge_movements() -> None:
    t = fs.times(5.0, FPS)
    assert detect_view(fs.side_push_up(np.full(t.shape, 160.0), t, FPS).points)[0] == "side"
    trunk = fs.rep_profile(t, 2, 1.5, 0.5, 70.0, 0.0)
    assert detect_view(fs.sldl(trunk, t, FPS).points)[0] == "side"
    assert detect_view(fs.sldl(trunk, t, FPS, view="front").points)[0] == "front"


def test_each_view_says_what_it_cannot_judge() -> None:
    squat = ("depth", "trunk-lean", "knee-valgus", "asymmetry")
    side = " ".join(unjudged("side", squat))
    front = " ".join(unjudged("front", squat))
    assert "knee valgus" in side
    assert "depth" not in side
    assert "depth" in front
    assert "trunk lean" in front
    assert "valgus" not in front


def _pv(track: PoseTrack) -> tuple[np.ndarray, np.ndarray]:
    return track.points, track.visibility
