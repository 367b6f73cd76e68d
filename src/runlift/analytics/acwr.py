"""Acute:chronic workload ratio as exponentially weighted averages (Williams et al. 2017).

EWMA_t = λ·load_t + (1 − λ)·EWMA_{t−1}, with λ = 2 / (N + 1) for N = 7 (acute) and 28 (chronic)
days. Each average is seeded with the plain mean of its first N days, the usual start for an EMA,
so a steady load reads exactly 1 from the first day a ratio exists: day 28 of the history.

Only a descriptive trend: Lolli 2019 and Impellizzeri 2020 showed the ratio is statistically
weak (a ratio of two coupled averages), so runlift never turns it into an injury probability.
Gabbett 2016's labels ("sweet spot" 0.8–1.3, ≥ 1.5 high) are shown as descriptions only.
"""

from __future__ import annotations

from collections.abc import Sequence

ACUTE_D = 7
CHRONIC_D = 28
SWEET_SPOT = (0.8, 1.3)
HIGH = 1.5


def ewma_lambda(n_days: int) -> float:
    """λ = 2 / (N + 1)."""
    return 2.0 / (n_days + 1)


def ewma_seeded(loads: Sequence[float], n_days: int) -> list[float | None]:
    """EWMA of ``loads``: None for the first ``n_days`` − 1 days, then seeded with their mean."""
    lam = ewma_lambda(n_days)
    out: list[float | None] = []
    x = 0.0
    for i, load in enumerate(loads):
        if i < n_days - 1:
            out.append(None)
            continue
        x = sum(loads[:n_days]) / n_days if i == n_days - 1 else lam * load + (1 - lam) * x
        out.append(x)
    return out


def acwr_ewma(
    loads: Sequence[float], acute_d: int = ACUTE_D, chronic_d: int = CHRONIC_D
) -> list[float | None]:
    """Acute EWMA ÷ chronic EWMA for each day; None before day ``chronic_d`` or over a zero."""
    acute = ewma_seeded(loads, acute_d)
    chronic = ewma_seeded(loads, chronic_d)
    return [
        None if a is None or c is None or c <= 0 else a / c
        for a, c in zip(acute, chronic, strict=True)
    ]
