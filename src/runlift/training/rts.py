"""The RTS chart: what fraction of 1RM a set of ``reps`` at ``rpe`` is, and the inverse.

It lives in ``training`` because both directions need it: planning turns a dose into %1RM, and
progression turns a logged set into an estimated 1RM and back into a target load. The chart is the
one printed in ``docs/science.md`` (Load prescription and progression), indexed by *effective reps*
= reps + reps in reserve = reps + (10 − RPE) (Zourdos 2016; Helms 2016).
"""

from __future__ import annotations

import math

# %1RM by effective reps 1..12 (docs/science.md, RTS chart).
RTS_PCT: tuple[float, ...] = (
    100.0,
    95.5,
    92.2,
    89.2,
    86.3,
    83.7,
    81.1,
    78.6,
    76.2,
    73.9,
    70.7,
    68.0,
)
MAX_EFFECTIVE_REPS = len(RTS_PCT)


def effective_reps(reps: int, rpe: float) -> float:
    """Reps done plus reps in reserve: ``reps + (10 − rpe)`` [reps]."""
    return reps + (10.0 - rpe)


def pct_1rm(reps: int, rpe: float) -> float | None:
    """%1RM (as a fraction, 3 decimals) for ``reps`` at ``rpe`` from the RTS chart.

    Half (or any fractional) RPEs are interpolated linearly between the chart's columns. Returns
    None beyond the chart (fewer than 1 or more than 12 effective reps), where %1RM is not
    meaningful.

    >>> pct_1rm(5, 8.0)  # 7 effective reps
    0.811
    >>> pct_1rm(5, 8.5)  # halfway between 83.7% and 81.1%
    0.824
    """
    effective = effective_reps(reps, rpe)
    if effective < 1 or effective > MAX_EFFECTIVE_REPS:
        return None
    low = math.floor(effective)
    frac = effective - low
    pct = (
        RTS_PCT[low - 1]
        if frac == 0
        else RTS_PCT[low - 1] + (RTS_PCT[low] - RTS_PCT[low - 1]) * frac
    )
    return round(pct / 100.0, 3)


def reps_at(pct: float, rpe: float) -> int | None:
    """The most whole reps that a load of ``pct`` (fraction of 1RM) allows at ``rpe``.

    The inverse of :func:`pct_1rm`: the largest ``reps`` ≥ 1 with ``pct_1rm(reps, rpe) ≥ pct``.
    None when even a single rep at ``rpe`` is lighter than ``pct`` (too heavy for that effort), or
    when ``rpe`` is so low that one rep is already beyond the chart.

    >>> reps_at(0.811, 8.0)
    5
    """
    best: int | None = None
    for reps in range(1, MAX_EFFECTIVE_REPS + 1):
        value = pct_1rm(reps, rpe)
        if value is None or value < pct:
            break
        best = reps
    return best
