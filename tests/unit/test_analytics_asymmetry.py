"""Left/right limb symmetry index and its noise rule (Bishop 2020), against hand arithmetic."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.analytics.asymmetry import LSI_FLAG, asymmetries, set_value
from runlift.catalog import load_default_catalog
from runlift.training.model import LoggedSet, StrengthSession

CATALOG = load_default_catalog()
MON = dt.date(2027, 2, 1)
END = MON + dt.timedelta(days=27)
SLDL = "single-leg-deadlift"


def side(
    side: str,
    loads: Sequence[float | None],
    reps: int = 10,
    exercise_id: str = SLDL,
    warmup: bool = False,
) -> tuple[LoggedSet, ...]:
    return tuple(
        LoggedSet(exercise_id, i, reps=reps, load_kg=kg, side=side, warmup=warmup)
        for i, kg in enumerate(loads)
    )


def day(n: int, *groups: tuple[LoggedSet, ...]) -> StrengthSession:
    return StrengthSession(MON + dt.timedelta(days=n), tuple(s for g in groups for s in g))


def test_one_session_deficit_is_flagged_without_noise() -> None:
    # left 3 × 8 @ 16 kg = 128 a set; right 3 × 8 @ 20 kg = 160 a set. LSI = 128 / 160 = 0.80.
    (a,) = asymmetries(
        [day(0, side("left", [16, 16, 16], reps=8), side("right", [20, 20, 20], reps=8))],
        CATALOG,
        MON,
        END,
    )
    assert a.exercise_id == SLDL
    assert a.lsi == pytest.approx(0.80)
    assert a.weaker_side == "left"
    assert a.measure == "volume-load"
    assert a.sessions == 1
    assert a.noise is None  # one session: too little to know the noise
    assert a.flag
    assert LSI_FLAG == 0.90


def three_sessions(left: list[float], right: list[float]) -> list[StrengthSession]:
    return [day(n, side("left", left), side("right", right)) for n in (0, 2, 4)]


def test_steady_sets_flag_an_088_lsi() -> None:
    # every left set 10 × 22 = 220, every right set 10 × 25 = 250 → LSI 220 / 250 = 0.88.
    # Sets never vary: CV 0, so the 12% deficit is bigger than the noise → flagged.
    (a,) = asymmetries(three_sessions([22, 22], [25, 25]), CATALOG, MON, END)
    assert a.lsi == pytest.approx(0.88)
    assert a.noise == 0.0
    assert a.sessions == 3
    assert a.flag


def test_noisy_sets_do_not_flag_an_088_lsi() -> None:
    # left sets 10 × 18 = 180 and 10 × 26 = 260: mean 220; right 200 and 300: mean 250.
    # LSI = 3 × 220 / (3 × 250) = 0.88.
    # CV left = sd(180, 260) / 220 = 56.57 / 220 = 0.2571; right = 70.71 / 250 = 0.2828.
    # Pooled (each group 1 degree of freedom) = √((0.2571² + 0.2828²) / 2) = 0.2703 > 0.12.
    (a,) = asymmetries(three_sessions([18, 26], [20, 30]), CATALOG, MON, END)
    assert a.lsi == pytest.approx(0.88)
    left_cv = math.sqrt(2 * 40**2) / 220
    right_cv = math.sqrt(2 * 50**2) / 250
    assert a.noise == pytest.approx(math.sqrt((left_cv**2 + right_cv**2) / 2))
    assert a.noise == pytest.approx(0.2703, abs=1e-4)
    assert not a.flag


def test_noise_needs_three_sessions_with_two_sets_a_side() -> None:
    # the third session has one set a side: only two sessions qualify, so the noise is unknown
    # and the 0.88 deficit is flagged on the threshold alone.
    sessions = [
        *three_sessions([18, 26], [20, 30])[:2],
        day(4, side("left", [22]), side("right", [25])),
    ]
    (a,) = asymmetries(sessions, CATALOG, MON, END)
    assert a.sessions == 3
    assert a.noise is None
    assert a.flag


def test_a_small_deficit_is_not_flagged() -> None:
    # 10 × 19 = 190 vs 10 × 20 = 200 → LSI 0.95 ≥ 0.90.
    (a,) = asymmetries([day(0, side("left", [20]), side("right", [19]))], CATALOG, MON, END)
    assert a.lsi == pytest.approx(0.95)
    assert a.weaker_side == "right"
    assert not a.flag


def test_a_skipped_set_on_one_side_is_not_a_deficit() -> None:
    # left 3 sets and right 2 sets of the same 10 × 16: the mean set is equal on both sides.
    (a,) = asymmetries(
        [day(0, side("left", [16, 16, 16]), side("right", [16, 16]))], CATALOG, MON, END
    )
    assert a.lsi == 1.0
    assert not a.flag


def test_measure_falls_back_to_reps_holds_and_contacts() -> None:
    bodyweight = day(0, side("left", [None], reps=8), side("right", [None], reps=10))
    holds = day(
        1,
        (LoggedSet("side-plank", 0, duration_s=30, side="left"),),
        (LoggedSet("side-plank", 1, duration_s=40, side="right"),),
    )
    hops = day(
        2,
        (LoggedSet("single-leg-pogo", 0, contacts=18, side="left"),),
        (LoggedSet("single-leg-pogo", 1, contacts=20, side="right"),),
    )
    found = {a.exercise_id: a for a in asymmetries([bodyweight, holds, hops], CATALOG, MON, END)}
    assert found[SLDL].measure == "reps"
    assert found[SLDL].lsi == pytest.approx(0.8)  # 8 / 10 reps
    assert (found["side-plank"].measure, found["side-plank"].lsi) == ("hold", 0.75)  # 30 / 40 s
    hop = found["single-leg-pogo"]
    assert hop.measure == "contacts"
    assert hop.lsi == pytest.approx(0.9)  # 18 / 20 contacts
    assert not hop.flag  # 0.90 is not below 0.90


def test_a_missing_load_on_some_sets_compares_reps() -> None:
    # one left set without a load: volume-load is not comparable, so reps are: 10 vs 10.
    (a,) = asymmetries([day(0, side("left", [None]), side("right", [30]))], CATALOG, MON, END)
    assert (a.measure, a.lsi) == ("reps", 1.0)


def test_only_sessions_with_both_sides_and_working_sets_in_the_window_count() -> None:
    sessions = [
        day(0, side("left", [16]), side("right", [20])),  # 160 vs 200
        day(1, side("left", [5])),  # left only: no comparison
        day(2, side("left", [20], warmup=True), side("right", [20])),  # the left is a warm-up
        day(-1, side("left", [1]), side("right", [20])),  # before the window
        day(3, side("left", [20]), side("right", [20])),  # 200 vs 200
    ]
    (a,) = asymmetries(sessions, CATALOG, MON, END)
    # LSI = (160 + 200) / (200 + 200) = 0.90
    assert a.sessions == 2
    assert a.lsi == pytest.approx(0.90)


def test_no_entry_without_both_sides() -> None:
    sessions = [day(0, side("left", [16]), side("both", [20])), day(1, side("right", [16]))]
    assert asymmetries(sessions, CATALOG, MON, END) == []


def test_flagged_first_then_weakest() -> None:
    sessions = [
        day(
            0,
            side("left", [19]),  # 0.95: not flagged
            side("right", [20]),
            side("left", [8], exercise_id="split-squat"),  # 0.80: flagged
            side("right", [10], exercise_id="split-squat"),
            side("left", [7], exercise_id="step-up"),  # 0.70: flagged
            side("right", [10], exercise_id="step-up"),
            side("left", [92], exercise_id="custom-lunge"),  # 0.92, not in the catalog
            side("right", [100], exercise_id="custom-lunge"),
        )
    ]
    found = asymmetries(sessions, CATALOG, MON, END)
    assert [a.exercise_id for a in found] == ["step-up", "split-squat", "custom-lunge", SLDL]
    assert [a.flag for a in found] == [True, True, False, False]


def test_set_value_of_each_measure() -> None:
    s = LoggedSet(SLDL, 0, reps=8, load_kg=12.5)
    assert set_value(s, "volume-load") == 100.0  # 8 × 12.5
    assert set_value(s, "reps") == 8.0
    assert set_value(s, "hold") is None
    assert set_value(LoggedSet(SLDL, 0, reps=8, load_kg=0), "volume-load") is None
    with pytest.raises(ValueError, match="measure"):
        set_value(s, "speed")


# --- properties -------------------------------------------------------------------------------

one_sided = st.builds(
    LoggedSet,
    exercise_id=st.sampled_from([SLDL, "side-plank", "split-squat", "custom-x"]),
    order=st.integers(0, 9),
    reps=st.none() | st.integers(0, 30),
    duration_s=st.none() | st.floats(0, 120),
    load_kg=st.none() | st.floats(0, 200),
    side=st.sampled_from(["left", "right", "both"]),
    warmup=st.booleans(),
)


@given(st.lists(st.tuples(st.integers(0, 27), st.lists(one_sided, max_size=10)), max_size=6))
def test_lsi_is_always_between_zero_and_one(logged: list[tuple[int, list[LoggedSet]]]) -> None:
    found = asymmetries([day(n, tuple(sets)) for n, sets in logged], CATALOG, MON, END)
    for a in found:
        assert 0.0 <= a.lsi <= 1.0
        assert a.weaker_side in ("left", "right")
        assert a.noise is None or a.noise >= 0.0
        assert a.flag == (a.lsi < LSI_FLAG and (a.noise is None or 1 - a.lsi > a.noise))
    flags = [a.flag for a in found]
    assert flags == sorted(flags, reverse=True)
