"""Training monotony and strain over a rolling 7 days (Foster 1998).

Monotony = mean daily load ÷ its standard deviation over the 7 days; strain = the 7 days' load ×
monotony. The SD is the population SD of the seven days (the week is the whole of what is
described, not a sample of it); a sample SD would read about 7% lower monotony. When all seven
days carry the same load the SD is 0 and monotony is undefined (None). Monotony above 2.0 is
flagged **[practice]**.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

WINDOW_D = 7
MONOTONY_HIGH = 2.0
# Where floats stop being accurate enough for the two-pass SD (see monotony_foster).
_NORMAL_VAR = (1e-250, 1e250)
_EXACT_ABOVE = 1e6


def monotony_foster(week: Sequence[float]) -> float | None:
    """mean ÷ population SD of the daily loads; None when the SD is 0 (every day alike).

    Two passes in floats with correctly rounded sums (``math.fsum``): within a few ulps of
    ``statistics.pstdev``, whose exact fractions cost about 40 µs a week, most of a 10-year
    report. A week where that could matter (an SD below a millionth of the mean, or squares
    outside the normal float range) takes the exact path.
    """
    if not week:
        raise statistics.StatisticsError("monotony needs at least one day")
    if min(week) == max(week):
        return None
    mean = math.fsum(week) / len(week)
    var = math.fsum([(x - mean) * (x - mean) for x in week]) / len(week)
    sd = math.sqrt(var)
    if not _NORMAL_VAR[0] < var < _NORMAL_VAR[1] or abs(mean) > _EXACT_ABOVE * sd:
        sd = statistics.pstdev(week)
    return None if sd == 0 else mean / sd


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
