"""Load formulas against values worked out by hand (the arithmetic is in the comments)."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.analytics.acwr import acwr_ewma, ewma_lambda, ewma_seeded
from runlift.analytics.load import (
    daily_loads,
    rpe_from_banister,
    rpe_from_edwards,
    run_load,
    session_loads,
    strength_load,
    trimp_banister,
    trimp_edwards,
)
from runlift.analytics.model import HeartProfile, PlannedRef
from runlift.analytics.monotony import monotony_foster, rolling_monotony_strain
from runlift.analytics.pmc import ewma_tau, fitness_fatigue
from runlift.training.model import LoggedSet, Run, StrengthSession

D0 = dt.date(2026, 1, 5)
UTC = dt.UTC


def run(day: int = 0, minutes: float = 50.0, **kw: object) -> Run:
    start = dt.datetime.combine(D0 + dt.timedelta(days=day), dt.time(7), UTC)
    return Run(start_at=start, distance_m=10_000.0, timer_s=minutes * 60, **kw)  # type: ignore[arg-type]


# --- session RPE -----------------------------------------------------------------------------


def test_srpe_is_rpe_times_minutes() -> None:
    # Foster 2001: 50 min at CR-10 6 = 300 AU.
    x = run_load(run(srpe=6.0), HeartProfile())
    assert x.load == pytest.approx(300.0)
    assert not x.estimated


def test_banister_trimp_worked_by_hand() -> None:
    # 60 min, HR 150, rest 60, max 190, male: HRr = 90/130 = 0.692308;
    # y = 0.692308 × 0.64 × e^(1.92 × 0.692308) = 0.692308 × 0.64 × e^1.329231
    #   = 0.443077 × 3.778141 = 1.674005; TRIMP = 60 × 1.674005 = 100.44.
    assert trimp_banister(60, 150, 60, 190, "male") == pytest.approx(100.44, abs=0.01)
    # Women: 0.692308 × 0.86 × e^(1.67 × 0.692308) = 0.595385 × 3.177688 = 1.891963 → 113.52.
    assert trimp_banister(60, 150, 60, 190, "female") == pytest.approx(113.52, abs=0.01)


def test_banister_rpe_is_ten_at_max_and_low_when_easy() -> None:
    assert rpe_from_banister(190, 60, 190, "male") == pytest.approx(10.0)
    # HRr 0.6 male: 0.6 × 0.64 × e^1.152 = 1.215475; at max 0.64 × e^1.92 = 4.365499;
    # 10 × 1.215475 / 4.365499 = 2.784.
    assert rpe_from_banister(60 + 0.6 * 130, 60, 190, "male") == pytest.approx(2.784, abs=0.001)
    # Below rest counts as 0, not negative.
    assert rpe_from_banister(50, 60, 190, "male") == 0.0


def test_edwards_trimp_worked_by_hand() -> None:
    # max 200: 10 min at 190 (95 %, weight 5) = 50; 20 min at 150 (75 %, weight 3) = 60;
    # 5 min at 80 (40 %, below zone 1) = 0. Total 110 over 35 min.
    hist = {190: 600.0, 150: 1200.0, 80: 300.0}
    assert trimp_edwards(hist, 200) == pytest.approx(110.0)
    # Zone edges: exactly 50 % is zone 1, exactly 90 % zone 5.
    assert trimp_edwards({100: 60.0, 180: 60.0}, 200) == pytest.approx(1 + 5)
    # CR-10: twice the mean weight, 2 × 110 / 35 = 6.2857.
    assert rpe_from_edwards(110, 35) == pytest.approx(6.2857, abs=1e-4)


def test_run_estimates_prefer_samples_then_average_then_default() -> None:
    heart = HeartProfile(rest_bpm=50, max_bpm=200, sex="male")
    with_samples = run_load(
        run(minutes=35, hr_histogram={190: 600.0, 150: 1200.0, 80: 300.0}), heart
    )
    assert with_samples.method == "trimp-edwards"
    assert with_samples.load == pytest.approx(220.0)  # 2 × Edwards 110
    with_avg = run_load(run(avg_hr_bpm=150.0), heart)
    assert with_avg.method == "trimp-banister"
    assert with_avg.estimated
    no_max = run_load(run(avg_hr_bpm=150.0), HeartProfile())
    assert no_max.method == "default"


def test_strength_estimates() -> None:
    sets = (
        LoggedSet("back-squat", 1, reps=5, load_kg=60, rpe=7),
        LoggedSet("back-squat", 2, reps=5, load_kg=60, rpe=9),
    )
    rated = strength_load(StrengthSession(D0, sets, duration_min=40), None)
    assert (rated.method, rated.load) == ("set-rpe", pytest.approx(320.0))  # mean 8 × 40
    plain = tuple(LoggedSet("back-squat", i, reps=5, load_kg=60) for i in range(1, 7))
    planned = PlannedRef(D0, "2026-01-05-a", "heavy", 45)
    by_plan = strength_load(StrengthSession(D0, plain, planned_session_id="2026-01-05-a"), planned)
    assert (by_plan.method, by_plan.load) == ("planned-intensity", pytest.approx(8 * 45))
    alone = strength_load(StrengthSession(D0, plain), None)
    assert (alone.method, alone.minutes) == ("default", pytest.approx(6 * 2.5))


def test_days_without_training_count_zero() -> None:
    loads = session_loads([run(0, srpe=5.0), run(2, srpe=5.0)], [], HeartProfile())
    days = daily_loads(loads, D0, D0 + dt.timedelta(days=3))
    assert [d.total for d in days] == [250.0, 0.0, 250.0, 0.0]


# --- CTL / ATL / TSB -------------------------------------------------------------------------


def test_ewma_impulse_response_matches_closed_form() -> None:
    # One 100 AU day then rest: X_1 = 100·k, X_n = 100·k·e^(−(n−1)/τ), k = 1 − e^(−1/τ).
    k = 1 - math.exp(-1 / 7)
    got = ewma_tau([100.0, 0.0, 0.0, 0.0], 7)
    assert got[0] == pytest.approx(13.3122, abs=1e-4)  # 100 × (1 − 0.866878)
    for n, x in enumerate(got, start=1):
        assert x == pytest.approx(100 * k * math.exp(-(n - 1) / 7))


def test_tsb_uses_yesterday() -> None:
    ff = fitness_fatigue([100.0, 100.0, 0.0])
    assert ff.tsb[0] == 0.0  # both start at 0
    k42, k7 = 1 - math.exp(-1 / 42), 1 - math.exp(-1 / 7)
    # Day 2: CTL_1 − ATL_1 = 100·k42 − 100·k7 = 2.35282 − 13.31221 = −10.9594.
    assert ff.tsb[1] == pytest.approx(100 * k42 - 100 * k7)
    assert ff.tsb[1] == pytest.approx(-10.9594, abs=1e-4)
    assert ff.tsb[2] == pytest.approx(ff.ctl[1] - ff.atl[1])


def test_constant_load_from_zero_follows_closed_form() -> None:
    # X_n = L·(1 − e^(−n/τ)) for a constant L from 0.
    got = ewma_tau([50.0] * 100, 42)
    assert got[99] == pytest.approx(50 * (1 - math.exp(-100 / 42)))


# --- ACWR ------------------------------------------------------------------------------------


def test_acwr_seeding_and_one_step_by_hand() -> None:
    assert ewma_lambda(7) == 0.25
    assert ewma_lambda(28) == pytest.approx(2 / 29)
    loads = [100.0] * 28 + [200.0]
    ratio = acwr_ewma(loads)
    assert ratio[:27] == [None] * 27
    assert ratio[27] == pytest.approx(1.0)  # both seeded with 100
    # Day 29: acute 0.25 × 200 + 0.75 × 100 = 125; chronic (2/29) × 200 + (27/29) × 100
    # = 13.7931 + 93.1034 = 106.8966; 125 / 106.8966 = 1.16935.
    assert ratio[28] == pytest.approx(1.16935, abs=1e-5)


def test_acwr_seed_is_the_first_window_mean_and_gaps_are_zero() -> None:
    loads = [70.0, 0.0, 0.0, 70.0, 0.0, 0.0, 70.0, 140.0]
    acute = ewma_seeded(loads, 7)
    assert acute[5] is None
    assert acute[6] == pytest.approx(30.0)  # (70 × 3) / 7
    assert acute[7] == pytest.approx(0.25 * 140 + 0.75 * 30)  # 57.5
    assert acwr_ewma([0.0] * 40)[-1] is None  # no chronic load: no ratio


# --- monotony and strain ---------------------------------------------------------------------


def test_monotony_and_strain_by_hand() -> None:
    week = [100.0, 0.0, 100.0, 0.0, 100.0, 0.0, 100.0]
    # mean 400/7; population SD = 100·√(4·3)/7 = 49.487; monotony 4/√12 = 1.1547;
    # strain = 400 × 1.1547 = 461.88.
    assert monotony_foster(week) == pytest.approx(4 / math.sqrt(12))
    m, strain = rolling_monotony_strain(week)[-1]
    assert m == pytest.approx(1.1547, abs=1e-4)
    assert strain == pytest.approx(461.88, abs=0.01)
    assert rolling_monotony_strain(week)[5] == (None, None)
    assert monotony_foster([60.0] * 7) is None


# --- properties ------------------------------------------------------------------------------

loads_st = st.lists(
    st.floats(min_value=0, max_value=2000, allow_nan=False), min_size=1, max_size=120
)


@given(st.floats(min_value=1, max_value=1500, allow_nan=False))
def test_constant_load_gives_acwr_one_and_tsb_zero_at_steady_state(load: float) -> None:
    loads = [load] * 1000
    ff = fitness_fatigue(loads)
    assert ff.tsb[-1] == pytest.approx(0.0, abs=load * 1e-9)
    assert ff.ctl[-1] == pytest.approx(load)
    ratios = acwr_ewma(loads)
    assert all(r == pytest.approx(1.0) for r in ratios[27:])


@given(loads_st)
def test_load_model_is_never_negative(loads: list[float]) -> None:
    ff = fitness_fatigue(loads)
    assert min(ff.ctl) >= 0
    assert min(ff.atl) >= 0
    assert all(r is None or r >= 0 for r in acwr_ewma(loads))
    assert all(s is None or s >= 0 for _, s in rolling_monotony_strain(loads))


@given(
    st.floats(min_value=0, max_value=10),
    st.floats(min_value=0, max_value=300),
    st.one_of(st.none(), st.floats(min_value=30, max_value=230)),
    st.dictionaries(st.integers(30, 230), st.floats(0, 3600), max_size=20),
)
def test_a_session_load_is_never_negative(
    rpe: float, minutes: float, avg_hr: float | None, hist: dict[int, float]
) -> None:
    heart = HeartProfile(rest_bpm=55, max_bpm=195, sex="unspecified")
    assert run_load(run(minutes=minutes, avg_hr_bpm=avg_hr, hr_histogram=hist), heart).load >= 0
    assert run_load(run(minutes=minutes, srpe=rpe), heart).load >= 0
