"""Estimated one-rep max (e1RM) from logged sets, so targets follow what the runner can lift now.

Nobody tests a true 1RM between runs: it is estimated from ordinary working sets. Sets of 3–6 reps
estimate best (Reynolds 2006, *JSCR* 20:584), so they are preferred; the RTS chart is used when the
set's RPE says how many reps were left in reserve. An estimate with no recent evidence is decayed,
because strength fades slowly without training and a stale number would set targets too heavy.

Decay [practice]: the estimate is kept whole for :data:`STALE_AFTER_DAYS` (4 weeks) after the last
qualifying set, then falls exponentially with a half-life of ``half_life_days`` (240 days by
default: about −2% a week), never by more than :data:`MAX_DECAY` (−20%). This is a conservative
default, not a trial result; the first new sets recalibrate it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from runlift.training.model import LoggedSet
from runlift.training.rts import pct_1rm

MAX_REPS = 10  # Epley and Brzycki are valid up to 10 reps (Reynolds 2006)
BEST_REPS = range(3, 7)  # the most accurate range, preferred when there is a choice
RECENT_DAYS = 28
STALE_AFTER_DAYS = 28
HALF_LIFE_DAYS = 240.0  # 0.5 ** (7 / 240) ≈ 0.980: about −2% a week once stale
MAX_DECAY = 0.20  # a stale estimate never falls below 80% of what was logged


def one_rm_epley(load_kg: float, reps: int) -> float:
    """Epley's estimated 1RM [kg]: ``w·(1 + r/30)`` for ``load_kg`` w [kg] lifted ``reps`` r times.

    A single rep is the 1RM itself (the usual convention; the formula is for r > 1).
    Valid for 1–10 reps; ValueError outside. Source: Epley 1985, as compared in Reynolds 2006,
    *JSCR* 20:584.

    >>> round(one_rm_epley(100.0, 5), 2)
    116.67
    """
    _check(load_kg, reps)
    return load_kg if reps == 1 else load_kg * (1.0 + reps / 30.0)


def one_rm_brzycki(load_kg: float, reps: int) -> float:
    """Brzycki's estimated 1RM [kg]: ``w·36/(37 − r)`` for ``load_kg`` w [kg] and ``reps`` r.

    Valid for 1–10 reps; ValueError outside. Source: Brzycki 1993, as compared in Reynolds 2006,
    *JSCR* 20:584.

    >>> one_rm_brzycki(100.0, 5)
    112.5
    """
    _check(load_kg, reps)
    return load_kg * 36.0 / (37.0 - reps)


def _check(load_kg: float, reps: int) -> None:
    if not 1 <= reps <= MAX_REPS:
        raise ValueError(f"1RM formulas are valid for 1–{MAX_REPS} reps, not {reps}")
    if load_kg < 0:
        raise ValueError(f"load must not be negative, got {load_kg} kg")


def _estimate_set(s: LoggedSet) -> tuple[float, str, int, float] | None:
    """(e1RM [kg], method, reps, load [kg]) of one set, or None when it says nothing about 1RM."""
    reps, load = s.reps, s.load_kg
    if s.warmup or reps is None or load is None or load <= 0 or not 1 <= reps <= MAX_REPS:
        return None
    if s.rpe is not None:
        pct = pct_1rm(reps, s.rpe)
        return None if pct is None else (load / pct, "rts", reps, load)
    mean = (one_rm_epley(load, reps) + one_rm_brzycki(load, reps)) / 2.0
    return mean, "epley-brzycki", reps, load


def e1rm_of_set(s: LoggedSet) -> float | None:
    """Estimated 1RM [kg] of one logged set, or None when it cannot tell.

    With an RPE, the RTS chart at effective reps = reps + RIR gives %1RM and e1RM = load / %1RM.
    Without one, the set is taken as done to failure and the mean of Epley and Brzycki is used
    (an underestimate when reps were left in reserve, which errs light). Warm-ups, holds, foot
    contacts, sets without load (bodyweight) and sets of more than 10 reps give None, as do sets
    beyond the chart (more than 12 effective reps).
    """
    found = _estimate_set(s)
    return None if found is None else found[0]


@dataclass(frozen=True)
class Estimate:
    """An e1RM and the set it comes from."""

    e1rm_kg: float  # after any decay
    set_on: dt.date  # the date of the set it comes from
    reps: int
    load_kg: float
    stale: bool  # no qualifying set in the 4 weeks before the date asked about: decayed
    method: str  # "rts" (RPE known) or "epley-brzycki" (mean of the two formulas)
    decay: float = 1.0  # the factor applied to the set's own estimate (1.0 when fresh)


def best_e1rm(
    history: Sequence[tuple[dt.date, LoggedSet]],
    on: dt.date,
    half_life_days: float = HALF_LIFE_DAYS,
) -> Estimate | None:
    """The best current e1RM of one exercise on ``on``, from dated sets; None without any.

    Only sets dated on or before ``on`` count. Among the sets of the 4 weeks (28 days) that end
    with the last qualifying set, it takes the highest e1RM of a 3–6 rep set, or of a 1–10 rep set
    when there is no 3–6 rep set. When that last set is more than 28 days before ``on``, the
    estimate is decayed by ``0.5 ** ((days since the last qualifying set − 28) / half_life_days)``,
    never below ``1 − MAX_DECAY``, and marked ``stale``; so without new sets the estimate never
    rises as time passes. ValueError when the sets are of more than one exercise, or when
    ``half_life_days`` is not positive.
    """
    if half_life_days <= 0:
        raise ValueError(f"half_life_days must be positive, got {half_life_days}")
    if len({s.exercise_id for _, s in history}) > 1:
        raise ValueError("best_e1rm takes the sets of one exercise")
    scored = [
        (when, found)
        for when, s in history
        if when <= on and (found := _estimate_set(s)) is not None
    ]
    if not scored:
        return None
    latest = max(when for when, _ in scored)
    idle_days = (on - latest).days
    window = [x for x in scored if (latest - x[0]).days <= RECENT_DAYS]
    preferred = [x for x in window if x[1][2] in BEST_REPS] or window
    when, (value, method, reps, load) = max(preferred, key=lambda x: (x[1][0], x[0]))
    stale = idle_days > STALE_AFTER_DAYS
    decay = 1.0
    if stale:
        decay = max(1.0 - MAX_DECAY, 0.5 ** ((idle_days - STALE_AFTER_DAYS) / half_life_days))
    return Estimate(
        e1rm_kg=value * decay,
        set_on=when,
        reps=reps,
        load_kg=load,
        stale=stale,
        method=method,
        decay=decay,
    )
