"""e1RM: Epley and Brzycki by hand, the RTS route with RPE, and choosing and decaying estimates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.training import LoggedSet, best_e1rm, e1rm_of_set, one_rm_brzycki, one_rm_epley
from runlift.training.e1rm import MAX_DECAY

DAY0 = dt.date(2027, 3, 1)


def squat(reps: int, load: float | None, rpe: float | None = None, **kw: object) -> LoggedSet:
    return LoggedSet("back-squat", 1, reps=reps, load_kg=load, rpe=rpe, **kw)  # type: ignore[arg-type]


def test_epley_by_hand() -> None:
    assert one_rm_epley(100.0, 5) == pytest.approx(116.67, abs=0.005)  # 100 · (1 + 5/30)
    assert one_rm_epley(80.0, 10) == pytest.approx(106.67, abs=0.005)  # 80 · (1 + 10/30)


def test_brzycki_by_hand() -> None:
    assert one_rm_brzycki(100.0, 5) == pytest.approx(112.5)  # 100 · 36/32
    assert one_rm_brzycki(80.0, 10) == pytest.approx(106.67, abs=0.005)  # 80 · 36/27


def test_a_single_rep_is_the_load_itself() -> None:
    assert one_rm_epley(140.0, 1) == 140.0
    assert one_rm_brzycki(140.0, 1) == 140.0  # 140 · 36/36


@pytest.mark.parametrize("reps", [0, 11, 15, -1])
def test_formulas_refuse_reps_outside_1_to_10(reps: int) -> None:
    with pytest.raises(ValueError, match="1–10 reps"):
        one_rm_epley(100.0, reps)
    with pytest.raises(ValueError, match="1–10 reps"):
        one_rm_brzycki(100.0, reps)


def test_set_with_rpe_uses_the_rts_chart() -> None:
    # 5 @ 8: 7 effective reps → 81.1% → 100 / 0.811 = 123.30 kg.
    assert e1rm_of_set(squat(5, 100.0, 8.0)) == pytest.approx(123.30, abs=0.01)
    # 5 @ 8.5: 6.5 effective reps → 82.4% → 100 / 0.824 = 121.36 kg.
    assert e1rm_of_set(squat(5, 100.0, 8.5)) == pytest.approx(121.36, abs=0.01)


def test_set_without_rpe_is_the_mean_of_epley_and_brzycki() -> None:
    # (116.667 + 112.5) / 2 = 114.58 kg
    assert e1rm_of_set(squat(5, 100.0)) == pytest.approx(114.58, abs=0.01)


def test_sets_that_say_nothing_about_1rm() -> None:
    assert e1rm_of_set(squat(5, 100.0, 8.0, warmup=True)) is None
    assert e1rm_of_set(squat(5, None)) is None  # bodyweight
    assert e1rm_of_set(squat(5, 0.0)) is None
    assert e1rm_of_set(squat(12, 60.0, 8.0)) is None  # over 10 reps
    assert e1rm_of_set(squat(10, 60.0, 7.0)) is None  # 13 effective reps: beyond the chart
    assert e1rm_of_set(LoggedSet("front-plank", 1, duration_s=45.0)) is None
    assert e1rm_of_set(LoggedSet("pogo-hops", 1, contacts=20)) is None


def test_recent_3_to_6_rep_set_beats_a_heavier_estimate_from_9_reps() -> None:
    five = squat(5, 100.0, 8.0)  # 100 / 0.811 = 123.30
    nine = squat(9, 95.0, 9.0)  # 10 effective reps → 73.9% → 95 / 0.739 = 128.55
    assert (e1rm_of_set(nine) or 0) > (e1rm_of_set(five) or 0)
    found = best_e1rm([(DAY0, five), (DAY0 + dt.timedelta(days=3), nine)], DAY0 + dt.timedelta(7))
    assert found is not None
    assert found.reps == 5
    assert found.e1rm_kg == pytest.approx(123.30, abs=0.01)
    assert found.set_on == DAY0
    assert found.method == "rts"
    assert not found.stale


def test_falls_back_to_1_to_10_reps_when_no_3_to_6_rep_set() -> None:
    nine = squat(9, 95.0, 9.0)
    found = best_e1rm([(DAY0, nine), (DAY0, squat(8, 60.0))], DAY0)
    assert found is not None
    assert found.reps == 9
    assert found.e1rm_kg == pytest.approx(128.55, abs=0.01)


def test_the_best_of_several_3_to_6_rep_sets_wins() -> None:
    history = [(DAY0, squat(5, 100.0, 8.0)), (DAY0 + dt.timedelta(2), squat(3, 110.0, 8.0))]
    found = best_e1rm(history, DAY0 + dt.timedelta(3))
    assert found is not None
    assert found.load_kg == 110.0  # 3 @ 8: 5 effective → 86.3% → 127.46 > 123.30
    assert found.e1rm_kg == pytest.approx(127.46, abs=0.01)


def test_an_old_set_outside_the_window_does_not_beat_a_recent_one() -> None:
    old = (DAY0, squat(5, 120.0, 8.0))
    recent = (DAY0 + dt.timedelta(days=40), squat(5, 100.0, 8.0))
    found = best_e1rm([old, recent], DAY0 + dt.timedelta(days=41))
    assert found is not None
    assert found.load_kg == 100.0
    assert not found.stale


def test_estimate_is_kept_whole_for_four_weeks() -> None:
    found = best_e1rm([(DAY0, squat(5, 100.0, 8.0))], DAY0 + dt.timedelta(days=28))
    assert found is not None
    assert not found.stale
    assert found.e1rm_kg == pytest.approx(123.30, abs=0.01)


def test_stale_estimate_decays_and_is_flagged() -> None:
    # 10 weeks past the 4-week grace: 123.30 · 0.5^(70/240) = 123.30 · 0.81696 = 100.74 kg
    on = DAY0 + dt.timedelta(days=28 + 70)
    found = best_e1rm([(DAY0, squat(5, 100.0, 8.0))], on)
    assert found is not None
    assert found.stale
    assert found.e1rm_kg == pytest.approx(100.74, abs=0.01)
    assert found.decay == pytest.approx(0.81696, abs=1e-4)
    # One week past the grace: about −2%.
    week = best_e1rm([(DAY0, squat(5, 100.0, 8.0))], DAY0 + dt.timedelta(days=35))
    assert week is not None
    assert week.decay == pytest.approx(0.98, abs=0.001)


def test_decay_is_capped() -> None:
    found = best_e1rm([(DAY0, squat(5, 100.0, 8.0))], DAY0 + dt.timedelta(days=28 + 3 * 365))
    assert found is not None
    assert found.decay == 1 - MAX_DECAY == 0.8
    assert found.e1rm_kg == pytest.approx(123.30 * 0.8, abs=0.01)


def test_shorter_half_life_decays_faster() -> None:
    history = [(DAY0, squat(5, 100.0, 8.0))]
    on = DAY0 + dt.timedelta(days=28 + 30)
    slow, fast = best_e1rm(history, on), best_e1rm(history, on, half_life_days=100)
    assert slow is not None
    assert fast is not None
    assert fast.decay == pytest.approx(0.5**0.3, abs=1e-9)  # 30 days at a 100-day half-life
    assert fast.e1rm_kg < slow.e1rm_kg


def test_sets_after_the_date_asked_about_are_ignored() -> None:
    assert best_e1rm([(DAY0 + dt.timedelta(days=1), squat(5, 100.0, 8.0))], DAY0) is None
    assert best_e1rm([], DAY0) is None
    assert best_e1rm([(DAY0, squat(5, 100.0, 8.0, warmup=True))], DAY0) is None


def test_mixed_exercises_are_refused() -> None:
    bench = LoggedSet("bench-press", 1, reps=5, load_kg=60.0)
    with pytest.raises(ValueError, match="one exercise"):
        best_e1rm([(DAY0, squat(5, 100.0)), (DAY0, bench)], DAY0)
    with pytest.raises(ValueError, match="half_life_days"):
        best_e1rm([(DAY0, squat(5, 100.0))], DAY0, half_life_days=0)


@given(st.floats(1.0, 400.0), st.integers(1, 10))
def test_epley_never_below_brzycki_and_equal_at_1_and_10(load: float, reps: int) -> None:
    # w(1 + r/30) ≥ 36w/(37 − r) for 1 ≤ r ≤ 10, with equality at r = 1 (convention) and r = 10.
    epley, brzycki = one_rm_epley(load, reps), one_rm_brzycki(load, reps)
    assert epley >= brzycki - 1e-9
    if reps in (1, 10):
        assert epley == pytest.approx(brzycki)
    assert brzycki >= load - 1e-9


@given(
    st.lists(
        st.tuples(st.integers(0, 200), st.integers(1, 12), st.floats(20.0, 200.0)),
        min_size=1,
        max_size=12,
    ),
    st.integers(0, 400),
)
def test_estimate_never_grows_with_time_without_new_sets(
    sets: list[tuple[int, int, float]], later: int
) -> None:
    history = [(DAY0 + dt.timedelta(days=d), squat(r, w, 8.0)) for d, r, w in sets]
    last = max(DAY0 + dt.timedelta(days=d) for d, _, _ in sets)
    now = best_e1rm(history, last)
    after = best_e1rm(history, last + dt.timedelta(days=later))
    if now is None:
        assert after is None
    else:
        assert after is not None
        assert after.e1rm_kg <= now.e1rm_kg + 1e-9
        assert after.e1rm_kg >= (1 - MAX_DECAY) * min(
            e for _, s in history if (e := e1rm_of_set(s)) is not None
        )
