"""The load model against pandas: the same definitions, written independently, to 1e-9 relative.

pandas is only a test oracle (runlift never imports it); the module is skipped without it.

- CTL and ATL: ``Series.ewm(alpha=1 − e^(−1/τ), adjust=False)``, which starts from its first
  value, run over the loads with a 0 put in front (the day before the history) and then dropped.
- TSB: yesterday's CTL − ATL, the same series shifted by one day (0 on the first day).
- ACWR: ``ewm(alpha=2/(N+1), adjust=False)`` over the loads from day N on, the first of them
  replaced by the mean of the first N days (acwr.py's seed), acute ÷ chronic where chronic > 0.
- Monotony and strain: None before day 7 and where the seven days are all equal (SD 0), which
  pandas tells by ``rolling(7).max() == rolling(7).min()``; elsewhere pandas' two-pass mean and
  population SD (``ddof=0``) of each 7-day window. Not ``rolling(7).std(ddof=0)``: it updates a
  running sum of squares as days enter and leave, so earlier days leave rounding behind. Seven
  rest days after 0.01, 0.51 and 0.01 AU get an SD of 2.6e-9 from it (monotony 0, not
  undefined), and a week of 0.001–0.003 AU after 2,000 AU days reads 4e-4 off the exact SD
  (pandas 3.1): no 1e-9 check survives that. The benchmark (``benchmarks/report_speed.py``) does
  use ``rolling(7).std``, on a realistic history where it agrees to 1e-9.

Loads are 0 (rest days, about half of them) or 0.01–2,000 AU in steps of 0.01: real loads are
RPE × minutes, and a window of loads that differ only in their last bits (1.0 and the next float
up) has no monotony worth the name, which neither implementation can read to 1e-9.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runlift.analytics.acwr import ACUTE_D, CHRONIC_D, acwr_ewma
from runlift.analytics.monotony import WINDOW_D, rolling_monotony_strain
from runlift.analytics.pmc import ATL_TAU_D, CTL_TAU_D, fitness_fatigue

pd = pytest.importorskip("pandas")

REL = 1e-9

load_st = st.one_of(st.just(0.0), st.integers(1, 200_000).map(lambda c: c / 100))
# The length drawn first: a plain st.lists(max_size=400) rarely grows past 28 days, where ACWR
# starts, in a hundred examples.
loads_st = st.integers(1, 400).flatmap(lambda n: st.lists(load_st, min_size=n, max_size=n))


def series(loads: list[float]) -> pd.Series:
    return pd.Series(loads, dtype="float64")


def assert_close(ours: list[float | None], theirs: pd.Series, what: str) -> None:
    """Equal to 1e-9 relative, None exactly where pandas has NaN."""
    expected = theirs.tolist()
    assert len(ours) == len(expected), what
    for i, (a, b) in enumerate(zip(ours, expected, strict=True)):
        if a is None:
            assert math.isnan(b), (what, i, a, b)
        else:
            assert not math.isnan(b), (what, i, a, b)
            assert math.isclose(a, b, rel_tol=REL), (what, i, a, b)


def pmc_pandas(loads: list[float], tau_d: float) -> pd.Series:
    """EWMA from 0 the day before the first day: a 0 in front, dropped after."""
    with_zero = pd.concat([series([0.0]), series(loads)], ignore_index=True)
    ewm = with_zero.ewm(alpha=1.0 - math.exp(-1.0 / tau_d), adjust=False).mean()
    return ewm.iloc[1:].reset_index(drop=True)


def seeded_pandas(loads: list[float], n_days: int) -> pd.Series:
    """EWMA with λ = 2/(N+1), NaN before day N, seeded with the mean of the first N days."""
    s = series(loads)
    if len(s) < n_days:
        return pd.Series([math.nan] * len(s))
    x = s.iloc[n_days - 1 :].copy()
    x.iloc[0] = s.iloc[:n_days].mean()
    return x.ewm(alpha=2.0 / (n_days + 1), adjust=False).mean().reindex(s.index)


@settings(deadline=None)
@given(loads_st)
def test_ctl_and_atl_match_pandas_ewm(loads: list[float]) -> None:
    ff = fitness_fatigue(loads)
    assert_close(list(ff.ctl), pmc_pandas(loads, CTL_TAU_D), "ctl")
    assert_close(list(ff.atl), pmc_pandas(loads, ATL_TAU_D), "atl")


@settings(deadline=None)
@given(loads_st)
def test_tsb_is_yesterdays_ctl_minus_atl_as_in_pandas(loads: list[float]) -> None:
    ctl, atl = pmc_pandas(loads, CTL_TAU_D), pmc_pandas(loads, ATL_TAU_D)
    expected = (ctl - atl).shift(1, fill_value=0.0).tolist()
    # A difference near 0 has no relative precision: it is held to 1e-9 of what was subtracted.
    scale = pd.concat([ctl, atl], axis=1).max(axis=1).shift(1, fill_value=0.0).tolist()
    ours = fitness_fatigue(loads).tsb
    assert len(ours) == len(expected)
    for i, (a, b, size) in enumerate(zip(ours, expected, scale, strict=True)):
        assert math.isclose(a, b, rel_tol=REL, abs_tol=REL * size), (i, a, b)


@settings(deadline=None)
@given(loads_st)
def test_acwr_matches_seeded_pandas_ewm(loads: list[float]) -> None:
    acute, chronic = seeded_pandas(loads, ACUTE_D), seeded_pandas(loads, CHRONIC_D)
    expected = (acute / chronic).where(chronic > 0)
    assert_close(acwr_ewma(loads), expected, "acwr")


@settings(deadline=None)
@given(loads_st)
def test_monotony_and_strain_match_pandas_windows(loads: list[float]) -> None:
    s = series(loads)
    ours = rolling_monotony_strain(loads)
    assert len(ours) == len(loads)
    # Undefined before day 7 (NaN) and where the seven days are equal (max = min: SD 0).
    roll = s.rolling(WINDOW_D)
    high, low = roll.max(), roll.min()
    undefined = (high.isna() | (high == low)).tolist()
    assert [m is None for m, _ in ours] == undefined
    assert [x is None for _, x in ours] == undefined
    if len(loads) < WINDOW_D:
        return
    # The values: each window's own mean and population SD, in two passes.
    windows = pd.DataFrame([loads[i : i + WINDOW_D] for i in range(len(loads) - WINDOW_D + 1)])
    monotony = windows.mean(axis=1) / windows.std(axis=1, ddof=0)
    strain = windows.sum(axis=1) * monotony
    for i, (m, x) in enumerate(ours[WINDOW_D - 1 :]):
        if m is None or x is None:
            continue
        assert math.isclose(m, monotony.iloc[i], rel_tol=REL), (i, m, monotony.iloc[i])
        assert math.isclose(x, strain.iloc[i], rel_tol=REL), (i, x, strain.iloc[i])


def test_the_oracle_is_not_trivial() -> None:
    # One hand-worked week through the pandas side, so a broken oracle cannot pass everything:
    # 100, 0, 100, 0, 100, 0, 100 → monotony 4/√12 (test_analytics_load's worked example).
    week = [100.0, 0.0, 100.0, 0.0, 100.0, 0.0, 100.0]
    frame = pd.DataFrame([week])
    assert (frame.mean(axis=1) / frame.std(axis=1, ddof=0)).iloc[0] == pytest.approx(
        4 / math.sqrt(12)
    )
    # Day 1 of a 100 AU day: CTL = 100·(1 − e^(−1/42)).
    assert pmc_pandas([100.0], CTL_TAU_D).iloc[0] == pytest.approx(100 * (1 - math.exp(-1 / 42)))
    assert seeded_pandas([70.0, 0.0, 0.0, 70.0, 0.0, 0.0, 70.0, 140.0], 7).tolist()[6:] == (
        pytest.approx([30.0, 57.5])
    )
