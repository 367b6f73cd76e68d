"""Training monotony and strain over a rolling 7 days (Foster 1998).

Monotony = mean daily load ÷ its standard deviation over the 7 days; strain = the 7 days' load ×
monotony. The SD is the population SD of the seven days (the week is the whole of what is
described, not a sample of it); a sample SD would read about 7% lower monotony. When all seven
days carry the same load the SD is 0 and monotony is undefined (None). Monotony above 2.0 is
flagged **[practice]**.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

WINDOW_D = 7
MONOTONY_HIGH = 2.0


def monotony_foster(week: Sequence[float]) -> float | None:
    """mean ÷ population SD of the daily loads; None when the SD is 0."""
    sd = statistics.pstdev(week)
    return None if sd == 0 else statistics.fmean(week) / sd


def rolling_monotony_strain(
    loads: Sequence[float], window_d: int = WINDOW_D
) -> list[tuple[float | None, float | None]]:
    """(monotony, strain) for each day over the ``window_d`` days ending that day; None before."""
    out: list[tuple[float | None, float | None]] = []
    for i in range(len(loads)):
        if i < window_d - 1:
            out.append((None, None))
            continue
        week = loads[i - window_d + 1 : i + 1]
        m = monotony_foster(week)
        out.append((m, None if m is None else sum(week) * m))
    return out
