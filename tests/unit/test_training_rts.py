"""The RTS chart in runlift.training.rts, checked against the chart printed in docs/science.md."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.planning import dosing
from runlift.training.rts import effective_reps, pct_1rm, reps_at

# The chart as printed in docs/science.md, typed in again (not copied from the code).
CHART = {1: 100, 2: 95.5, 3: 92.2, 4: 89.2, 5: 86.3, 6: 83.7}
CHART |= {7: 81.1, 8: 78.6, 9: 76.2, 10: 73.9, 11: 70.7, 12: 68.0}


@pytest.mark.parametrize("effective", sorted(CHART))
def test_every_column_of_the_chart(effective: int) -> None:
    # effective reps = reps + (10 − RPE): 1 rep at RPE 11 − effective, or effective reps at 10.
    assert pct_1rm(effective, 10.0) == pytest.approx(CHART[effective] / 100, abs=5e-4)
    assert pct_1rm(1, 11.0 - effective) == pytest.approx(CHART[effective] / 100, abs=5e-4)


@pytest.mark.parametrize(
    ("reps", "rpe", "expected"),
    [
        (5, 8.0, 0.811),  # 5 + 2 = 7 effective reps → 81.1%
        (5, 8.5, 0.824),  # 6.5 effective reps: (83.7 + 81.1) / 2 = 82.4%
        (3, 7.5, 0.850),  # 5.5 effective reps: (86.3 + 83.7) / 2 = 85.0%
    ],
)
def test_half_rpe_interpolates(reps: int, rpe: float, expected: float) -> None:
    assert pct_1rm(reps, rpe) == pytest.approx(expected, abs=5e-4)


def test_beyond_the_chart_is_none() -> None:
    assert pct_1rm(10, 7.0) is None  # 13 effective reps
    assert pct_1rm(12, 10.0) == pytest.approx(0.680)
    assert pct_1rm(0, 10.0) is None  # no reps at all
    assert effective_reps(5, 8.0) == 7.0


def test_reps_at_inverts_the_chart() -> None:
    assert reps_at(0.811, 8.0) == 5  # 5 @ 8 is exactly 81.1%
    assert reps_at(0.80, 8.0) == 5  # 6 @ 8 would be 78.6% < 80%
    assert reps_at(0.786, 8.0) == 6
    assert reps_at(0.95, 8.0) is None  # 1 @ 8 is 92.2%: too heavy for RPE 8
    assert reps_at(0.50, 10.0) == 12  # the chart ends at 12 reps


def test_the_planner_uses_the_same_chart() -> None:
    # One chart: the planner's %1RM is this module's function, not a copy.
    assert dosing.pct_1rm_rts is pct_1rm
    assert not hasattr(dosing, "RTS_PCT")


@given(st.integers(1, 11), st.sampled_from([6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0]))
def test_one_more_rep_is_never_heavier(reps: int, rpe: float) -> None:
    this, more = pct_1rm(reps, rpe), pct_1rm(reps + 1, rpe)
    if this is not None and more is not None:
        assert more < this


@given(st.floats(0.5, 1.0), st.sampled_from([6.0, 7.0, 7.5, 8.0, 8.5, 9.0, 10.0]))
def test_reps_at_is_the_most_reps_the_load_allows(pct: float, rpe: float) -> None:
    reps = reps_at(pct, rpe)
    if reps is None:
        first = pct_1rm(1, rpe)
        assert first is None or first < pct
    else:
        value = pct_1rm(reps, rpe)
        assert value is not None
        assert value >= pct
        beyond = pct_1rm(reps + 1, rpe)
        assert beyond is None or beyond < pct
