"""Place a week's strength sessions on days, around the running week.

Rules (``docs/science.md``, Scheduling around running; all [practice]):
- hard rules: only on available days; never on race day, the day before a race, a quality
  session or a long run; nothing in the last two days before a race;
- preferences: a quality day, after the run ("hard days hard"), then an easy day, then a rest day,
  a long-run day last; 48 h between a heavy lower-body session and the next key run; sessions spread
  out rather than on consecutive days.

Every combination of days is scored (at most C(7, 3) = 35 per week), so the choice is the best one
the week allows, and the same week always gives the same days. When fewer days are allowed than
wanted, the week gets fewer sessions and a reason, never a broken rule.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from runlift.catalog.vocab import WEEKDAYS

DAY = dt.timedelta(days=1)
KEY_RUNS = frozenset({"quality", "long", "race"})
DAY_PREFERENCE = {"quality": 0, "easy": 1, "rest": 2, "long": 4}
PENALTY_NO_48H = 3  # a session with a key run two days later
PENALTY_BACK_TO_BACK = 2  # two sessions on consecutive days


@dataclass(frozen=True)
class Slot:
    """A day chosen for a session, and how it relates to that day's run."""

    date: dt.date
    run: str
    timing: str  # after-run | separate-day
    clear_48h: bool  # no key run on the next two days


@dataclass(frozen=True)
class Placement:
    slots: tuple[Slot, ...]
    reasons: tuple[str, ...]  # why fewer sessions than wanted, or a compromise


def weekday(date: dt.date) -> str:
    return WEEKDAYS[date.weekday()]


def clear_48h(date: dt.date, run_on: Callable[[dt.date], str]) -> bool:
    """No key run on the next two days: room for heavy or novel lower-body work."""
    return all(run_on(date + DAY * k) not in KEY_RUNS for k in (1, 2))


def blocked_reason(
    date: dt.date,
    run_on: Callable[[dt.date], str],
    available: tuple[str, ...],
    race: dt.date | None,
) -> str | None:
    """Why strength may not go on ``date``, or None when it may."""
    if weekday(date) not in available:
        return "not an available day"
    if run_on(date) == "race":
        return "race day"
    if race is not None and dt.timedelta(0) < race - date <= 2 * DAY:
        return "within two days of the race"
    nxt = run_on(date + DAY)
    if nxt in KEY_RUNS:
        return f"the day before a {nxt} run" if nxt != "race" else "the day before the race"
    return None


def place(
    days: list[dt.date],
    wanted: int,
    run_on: Callable[[dt.date], str],
    available: tuple[str, ...],
    race: dt.date | None,
) -> Placement:
    """Choose up to ``wanted`` days of ``days`` for strength sessions."""
    if wanted <= 0:
        return Placement((), ())
    allowed = [d for d in days if blocked_reason(d, run_on, available, race) is None]
    reasons: list[str] = []
    count = min(wanted, len(allowed))
    if count < wanted:
        blocked = sorted(
            {f"{weekday(d)}: {blocked_reason(d, run_on, available, race)}" for d in days}
            - {f"{weekday(d)}: None" for d in allowed}
        )
        reasons.append(
            f"{count} of {wanted} sessions placed: only {len(allowed)} day(s) of this week allow "
            f"strength ({'; '.join(blocked)})."
        )
    if count == 0:
        return Placement((), tuple(reasons))

    def score(combo: tuple[dt.date, ...]) -> tuple[int, tuple[dt.date, ...]]:
        total = sum(DAY_PREFERENCE.get(run_on(d), 3) for d in combo)
        total += PENALTY_NO_48H * sum(not clear_48h(d, run_on) for d in combo)
        total += PENALTY_BACK_TO_BACK * sum((b - a).days < 2 for a, b in itertools.pairwise(combo))
        return total, combo

    best = min(itertools.combinations(allowed, count), key=score)
    slots = tuple(
        Slot(
            date=d,
            run=run_on(d),
            timing="separate-day" if run_on(d) == "rest" else "after-run",
            clear_48h=clear_48h(d, run_on),
        )
        for d in best
    )
    return Placement(slots, tuple(reasons))
