"""Rules added after the end-to-end benchmark (``benchmarks/form_reps.py``): knees moving
sideways together are not valgus, the front-view knee reads straight when standing, and a
rep's range is measured from the mean of its two tops."""

from __future__ import annotations

import math

import numpy as np
import pytest

from runlift.formcheck import body
from runlift.formcheck import landmarks as lm
from runlift.formcheck.exercises import FAMILY_CONFIG
from runlift.formcheck.faults import VALGUS_OFFSET, _valgus_offset
from runlift.formcheck.reps import count_reps

FPS = 30.0


@pytest.mark.parametrize(
    ("shifts", "flagged"),
    [
        ([0.45, 0.4], True),  # both knees in
        ([0.45, 0.0], True),  # one knee in, the other still
        ([0.2, 0.05], False),  # noise
        ([2.5, -2.0], False),  # both sideways: an oblique camera or a turn
        ([0.5, -0.25], False),  # one in, the other out almost as much
    ],
)
def test_valgus_offset(shifts: list[float], flagged: bool) -> None:
    offset = _valgus_offset(shifts)
    assert (np.isfinite(offset) and offset > VALGUS_OFFSET) == flagged


def test_valgus_offset_without_data_is_not_judged() -> None:
    assert math.isnan(_valgus_offset([float("nan"), float("nan")]))


def test_front_view_knee_reads_straight_when_standing() -> None:
    """The hip–ankle height when standing is a little short of thigh + shin (BlazePose's hip
    sits high); the legs are scaled to it, so standing reads close to 180°."""
    n = 10
    p = np.full((n, 33, 2), np.nan)
    for hip, ankle, x in ((lm.LEFT_HIP, lm.LEFT_ANKLE, 10.0), (lm.RIGHT_HIP, lm.RIGHT_ANKLE, 40.0)):
        p[:, hip] = [x, 100.0]
        p[:, ankle] = [x, 100.0 + 0.97 * 200.0]
    l1, l2 = body._standing_legs(p, 100.0, 100.0)
    assert l1 + l2 == pytest.approx(194.0)
    standing = body._height_angle(np.array([194.0]), l1, l2)[0]
    unscaled = body._height_angle(np.array([194.0]), 100.0, 100.0)[0]
    assert standing > 179.0
    assert unscaled < 160.0  # what the knee read before: a fifth of a shallow rep lost


def _rep(top_a: float, bottom: float, top_b: float, n: int = 60) -> np.ndarray:
    down = bottom + (top_a - bottom) * (0.5 + 0.5 * np.cos(np.linspace(0, np.pi, n // 2)))
    up = bottom + (top_b - bottom) * (0.5 - 0.5 * np.cos(np.linspace(0, np.pi, n // 2)))
    return np.concatenate([down, up])


def test_rep_range_from_the_mean_of_both_tops() -> None:
    """Facing the camera a straight leg reads anywhere from 145° to 175°. A last rep that goes
    down from the near-top level (~162°) to 118° and stands up to only 157° bent 41.5° on
    average (counted), though only 39° from the lower top (the old rule: not counted)."""
    knee = np.concatenate(
        [np.full(15, 170.0), _rep(170, 115, 170), _rep(170, 118, 157), np.full(15, 157.0)]
    )
    t = np.arange(knee.size) / FPS
    hip_y = 500.0 + 2 * (170.0 - knee)
    fam = FAMILY_CONFIG["squat"]
    counted = count_reps(knee, t, hip_y, 10.0, fam)
    assert len(counted.reps) == 2, counted.rejected
    shallower = np.concatenate([knee[:75], _rep(170, 121, 157), knee[135:]])
    assert len(count_reps(shallower, t, 500.0 + 2 * (170.0 - shallower), 10.0, fam).reps) == 1
