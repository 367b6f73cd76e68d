"""Available loads: rounding down to what exists, never above the target."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.training import Increments, implement

BARBELL = ("barbell",)
DUMBBELLS = ("dumbbells",)
KETTLEBELL = ("kettlebell",)
EQUIPMENT = [BARBELL, DUMBBELLS, KETTLEBELL, ("cable",), ("machine",), ("dumbbells", "bench")]


def test_round_down_examples() -> None:
    inc = Increments()
    assert inc.round_down(61.0, BARBELL) == 60.0  # 20 + 16 × 2.5
    assert inc.round_down(62.4, BARBELL) == 60.0
    assert inc.round_down(62.5, BARBELL) == 62.5
    assert inc.round_down(13.9, DUMBBELLS) == 12.0  # 2, 4, …, 12, 14
    assert inc.round_down(19.0, KETTLEBELL) == 16.0  # 8, 12, 16, 20, …
    assert inc.round_down(33.0, ("cable",)) == 30.0
    assert inc.round_down(500.0, BARBELL) == 300.0  # the heaviest there is


def test_below_the_lightest_load_gives_the_lightest() -> None:
    inc = Increments()
    assert inc.round_down(15.0, BARBELL) == 20.0  # the empty bar
    assert inc.lightest(KETTLEBELL) == 8.0


def test_barbell_loads_are_the_bar_plus_plate_pairs() -> None:
    loads = Increments(bar_kg=15.0, plate_step_kg=5.0, barbell_max_kg=40.0).available(BARBELL)
    assert loads == (15.0, 20.0, 25.0, 30.0, 35.0, 40.0)


def test_owned_dumbbells_replace_the_ladder() -> None:
    inc = Increments(dumbbells_kg=(5.0, 12.5, 7.5, 10.0))
    assert inc.available(DUMBBELLS) == (5.0, 7.5, 10.0, 12.5)
    assert inc.round_down(12.4, DUMBBELLS) == 10.0
    assert inc.step_up(10.0, DUMBBELLS) == 12.5
    assert inc.step_up(12.5, DUMBBELLS) is None
    assert inc.step_down(5.0, DUMBBELLS) is None
    assert inc.step_down(11.0, DUMBBELLS) == 10.0


def test_step_up_from_between_loads() -> None:
    assert Increments().step_up(61.0, BARBELL) == 62.5
    assert Increments().step_up(16.0, KETTLEBELL) == 20.0


def test_the_loaded_implement_is_chosen_from_the_equipment() -> None:
    assert implement(("dumbbells", "bench")) == "dumbbells"
    assert implement(("barbell", "bench")) == "barbell"
    assert implement(("bodyweight",)) is None
    with pytest.raises(ValueError, match="no loaded implement"):
        Increments().available(("band",))


@pytest.mark.parametrize(
    "bad",
    [
        {"plate_step_kg": 0.0},
        {"dumbbell_step_kg": -2.0},
        {"kettlebells_kg": ()},
        {"dumbbells_kg": (0.0, 4.0)},
        {"barbell_max_kg": 10.0},
    ],
)
def test_impossible_increments_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="impossible increments"):
        Increments(**bad)  # type: ignore[arg-type]


increments = st.builds(
    Increments,
    bar_kg=st.sampled_from([10.0, 15.0, 20.0]),
    plate_step_kg=st.sampled_from([0.5, 1.0, 2.0, 2.5, 5.0]),
    dumbbell_step_kg=st.sampled_from([1.0, 2.0, 2.5]),
    dumbbell_min_kg=st.sampled_from([1.0, 2.0, 4.0]),
    dumbbells_kg=st.none() | st.lists(st.floats(1.0, 60.0), min_size=1, max_size=8).map(tuple),
    kettlebells_kg=st.lists(st.floats(4.0, 48.0), min_size=1, max_size=8).map(tuple),
    stack_step_kg=st.sampled_from([2.5, 5.0, 7.0]),
)


@given(increments, st.sampled_from(EQUIPMENT), st.floats(0.0, 400.0))
def test_round_down_is_available_and_never_above_the_target(
    inc: Increments, equipment: tuple[str, ...], target: float
) -> None:
    loads = inc.available(equipment)
    got = inc.round_down(target, equipment)
    assert got in loads
    if target >= loads[0]:
        assert got <= target
        heavier = inc.step_up(got, equipment)
        assert heavier is None or heavier > target  # the heaviest that fits
    else:
        assert got == loads[0]


@given(increments, st.floats(0.0, 400.0))
def test_stepped_loads_are_multiples_of_their_step(inc: Increments, target: float) -> None:
    bar = inc.round_down(target, BARBELL)
    k = (bar - inc.bar_kg) / inc.plate_step_kg
    assert k == pytest.approx(round(k), abs=1e-6)
    stack = inc.round_down(target, ("machine",))
    assert stack / inc.stack_step_kg == pytest.approx(round(stack / inc.stack_step_kg), abs=1e-6)
    if inc.dumbbells_kg is None:
        dumbbell = inc.round_down(target, DUMBBELLS)
        k = (dumbbell - inc.dumbbell_min_kg) / inc.dumbbell_step_kg
        assert k == pytest.approx(round(k), abs=1e-6)
