"""The fitness-fatigue model (performance management chart): CTL, ATL and TSB.

Chronic and acute training load are exponentially weighted averages of daily load with time
constants of 42 and 7 days, updated as X_t = X_{t−1} + (load_t − X_{t−1})·(1 − e^(−1/τ))
(Banister 1975's impulse-response model as used by Coggan's PMC; ``docs/science.md``).
Both start at 0 the day before the first day of history: nothing is known of earlier training,
so the first weeks understate fitness, which the report's notes say. TSB ("form") is yesterday's
CTL minus yesterday's ATL, so today's session does not change today's form.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

CTL_TAU_D = 42.0
ATL_TAU_D = 7.0


def ewma_tau(loads: Sequence[float], tau_d: float, initial: float = 0.0) -> list[float]:
    """X_t = X_{t−1} + (load_t − X_{t−1})·(1 − e^(−1/τ)) for each day, starting from ``initial``."""
    k = 1.0 - math.exp(-1.0 / tau_d)
    out: list[float] = []
    x = initial
    for load in loads:
        x += (load - x) * k
        out.append(x)
    return out


@dataclass(frozen=True)
class FitnessFatigue:
    ctl: list[float]
    atl: list[float]
    tsb: list[float]


def fitness_fatigue(
    loads: Sequence[float],
    ctl_tau_d: float = CTL_TAU_D,
    atl_tau_d: float = ATL_TAU_D,
    ctl_start: float = 0.0,
    atl_start: float = 0.0,
) -> FitnessFatigue:
    """CTL, ATL and TSB for each day of ``loads`` [AU/day]; TSB_t = CTL_{t−1} − ATL_{t−1}."""
    ctl = ewma_tau(loads, ctl_tau_d, ctl_start)
    atl = ewma_tau(loads, atl_tau_d, atl_start)
    yesterday = [(ctl_start, atl_start), *zip(ctl, atl, strict=True)][: len(loads)]
    tsb = [c - a for c, a in yesterday]
    return FitnessFatigue(ctl, atl, tsb)
