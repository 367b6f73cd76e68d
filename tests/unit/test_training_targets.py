"""Target loads: e1RM × %1RM from the RTS chart, rounded down to a load that exists."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.catalog import Catalog
from runlift.training import Increments, pct_1rm, starting_load, target_load

BARBELL = ("barbell",)


def test_five_at_rpe_8_from_a_150_kg_e1rm() -> None:
    # 5 reps @ RPE 8 → 7 effective reps → 81.1% (RTS chart).
    # 150 kg × 0.811 = 121.65 kg allowed; bar 20 + k × 2.5 ≤ 121.65 → k = 40 → 120.0 kg.
    assert target_load(150.0, 5, 8.0, Increments(), BARBELL) == 120.0
    # With 1 kg change plates (2 kg steps): 20 + 50 × 2 = 120, 20 + 51 × 2 = 122 > 121.65.
    assert target_load(150.0, 5, 8.0, Increments(plate_step_kg=2.0), BARBELL) == 120.0
    # With 0.5 kg steps: 20 + 203 × 0.5 = 121.5.
    assert target_load(150.0, 5, 8.0, Increments(plate_step_kg=0.5), BARBELL) == 121.5


def test_kettlebell_target() -> None:
    # 30 kg e1RM, 8 @ 7 → 11 effective reps → 70.7% → 21.21 kg → the 20 kg bell.
    assert target_load(30.0, 8, 7.0, Increments(), ("kettlebell",)) == 20.0


def test_no_target_when_the_chart_or_the_implement_cannot_give_one() -> None:
    assert target_load(150.0, 12, 7.0, Increments(), BARBELL) is None  # 15 effective reps
    assert target_load(150.0, 5, 8.0, Increments(), ("bodyweight",)) is None
    # 20 kg e1RM × 0.811 = 16.2 kg: lighter than the empty bar.
    assert target_load(20.0, 5, 8.0, Increments(), BARBELL) is None
    with pytest.raises(ValueError, match="negative"):
        target_load(-1.0, 5, 8.0, Increments(), BARBELL)


def test_no_history_asks_the_runner_unless_a_default_is_wanted(catalog: Catalog) -> None:
    squat = catalog.get("back-squat")
    assert starting_load(squat, Increments()) is None
    start = starting_load(squat, Increments(), conservative_default=True)
    assert start is not None
    assert start.load_kg == 20.0  # the empty bar
    assert (start.rpe_low, start.rpe_high) == (6.0, 7.0)
    assert "calibrate" in start.reason
    bell = starting_load(catalog.get("kettlebell-swing"), Increments(), conservative_default=True)
    assert bell is not None
    assert bell.load_kg == 8.0
    plank = catalog.get("front-plank")
    assert starting_load(plank, Increments(), conservative_default=True) is None


EQUIPMENT = [BARBELL, ("dumbbells",), ("kettlebell",), ("cable",), ("barbell", "bench")]
RPES = [5.0, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0]


@given(
    st.floats(0.0, 350.0),
    st.integers(1, 15),
    st.sampled_from(RPES),
    st.sampled_from(EQUIPMENT),
    st.sampled_from([0.5, 1.0, 2.5, 5.0]),
)
def test_target_never_exceeds_what_the_e1rm_allows(
    e1rm: float, reps: int, rpe: float, equipment: tuple[str, ...], step: float
) -> None:
    inc = Increments(plate_step_kg=step)
    got = target_load(e1rm, reps, rpe, inc, equipment)
    pct = pct_1rm(reps, rpe)
    if got is None:
        assert pct is None or e1rm * pct < inc.lightest(equipment)
        return
    assert pct is not None
    assert got <= e1rm * pct
    assert got in inc.available(equipment)
    heavier = inc.step_up(got, equipment)
    assert heavier is None or heavier > e1rm * pct  # nothing heavier would also fit
