"""Adherence to the plan, week by week, and moving a missed session to another day.

A plan only helps if it is done; the weekly ratio shows drift early, and a missed session is
better moved than lost, but never onto a day the planner's hard rules forbid
(:func:`runlift.planning.placement.blocked_reason`: not before a long run, a quality run or a race).
Weeks start on Monday, as the report's weeks do (``docs/contracts.md`` §5).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from runlift.planning.placement import (
    DAY_PREFERENCE,
    PENALTY_NO_48H,
    blocked_reason,
    clear_48h,
    weekday,
)
from runlift.training.model import StrengthSession

DAY = dt.timedelta(days=1)


def week_start(date: dt.date) -> dt.date:
    """The Monday of ``date``'s week."""
    return date - dt.timedelta(days=date.weekday())


@dataclass(frozen=True)
class WeekAdherence:
    """One week: what was planned, what of it was done, and what was done besides."""

    week_start: dt.date  # a Monday
    planned: int
    done: int  # planned sessions done (linked by id, or on the same date)
    extra: int  # sessions done that match no planned session
    missed: tuple[str, ...]  # ids of planned sessions not done

    @property
    def ratio(self) -> float | None:
        """done / planned, at most 1.0; None when nothing was planned.

        Extra sessions do not make up for missed ones; they are counted in ``extra``.
        """
        return None if self.planned == 0 else min(1.0, self.done / self.planned)


def weekly_adherence(
    planned: Iterable[tuple[dt.date, str]],
    done: Iterable[StrengthSession],
) -> list[WeekAdherence]:
    """Per-week adherence over every week from the first to the last date seen, oldest first.

    A done session matches the planned session its ``planned_session_id`` names; failing that, an
    unmatched planned session on the same date. Each planned session matches at most one done
    session and each done session at most one planned session. A planned session counts in the week
    it was planned for even if done in another week; an unmatched done session is an extra in its
    own week.
    """
    plan = sorted(planned)
    sessions = list(done)
    matched: dict[str, StrengthSession] = {}
    ids = {session_id for _, session_id in plan}
    leftover: list[StrengthSession] = []
    for s in sessions:
        sid = s.planned_session_id
        if sid is not None and sid in ids and sid not in matched:
            matched[sid] = s
        else:
            leftover.append(s)
    # Group once by date and by week: a decade of history is thousands of sessions.
    on_date: dict[dt.date, list[str]] = {}
    by_week: dict[dt.date, list[str]] = {}
    for when, sid in plan:
        on_date.setdefault(when, []).append(sid)
        by_week.setdefault(week_start(when), []).append(sid)
    extras: Counter[dt.date] = Counter()
    for s in leftover:
        same_day = next((sid for sid in on_date.get(s.on, ()) if sid not in matched), None)
        if same_day is None:
            extras[week_start(s.on)] += 1
        else:
            matched[same_day] = s
    dates = [when for when, _ in plan] + [s.on for s in sessions]
    if not dates:
        return []
    weeks: list[WeekAdherence] = []
    monday, last = week_start(min(dates)), week_start(max(dates))
    while monday <= last:
        ids_in_week = by_week.get(monday, [])
        weeks.append(
            WeekAdherence(
                week_start=monday,
                planned=len(ids_in_week),
                done=sum(sid in matched for sid in ids_in_week),
                extra=extras[monday],
                missed=tuple(sid for sid in ids_in_week if sid not in matched),
            )
        )
        monday += 7 * DAY
    return weeks


def _day(date: dt.date) -> str:
    return weekday(date).capitalize()


@dataclass(frozen=True)
class Reschedule:
    """Where a missed session goes, or why it is dropped."""

    missed_on: dt.date
    moved_to: dt.date | None  # None: dropped
    reason: str

    @property
    def dropped(self) -> bool:
        return self.moved_to is None


def reschedule(
    missed_on: dt.date,
    week_days: Sequence[dt.date],
    run_on: Callable[[dt.date], str],
    available_days: tuple[str, ...],
    race: dt.date | None,
    taken_dates: Collection[dt.date],
    today: dt.date | None = None,
) -> Reschedule:
    """Move the session planned on ``missed_on`` to another day of ``week_days``, or drop it.

    Candidates are the week's days from ``today`` on (after ``missed_on`` when ``today`` is not
    given), other than ``missed_on``, not in ``taken_dates`` (the week's other strength sessions),
    and allowed by the planner's hard rules (``blocked_reason``). Among them, a day next to another
    strength session is used only when nothing else is left; then the planner's preferences: a
    quality day, then easy, rest, long, with 48 h clear before the next key run; then the earliest.
    """
    earliest = today if today is not None else missed_on + DAY
    why_not: dict[dt.date, str] = {}
    for d in sorted(set(week_days)):
        if d == missed_on:
            continue
        if d < earliest:
            why_not[d] = "already past"
        elif d in taken_dates:
            why_not[d] = "another strength session"
        elif (blocked := blocked_reason(d, run_on, available_days, race)) is not None:
            why_not[d] = blocked
        else:
            why_not[d] = ""
    free = [d for d, why in why_not.items() if not why]
    if not free:
        details = "; ".join(f"{_day(d)}: {why}" for d, why in why_not.items())
        return Reschedule(
            missed_on,
            None,
            f"Dropped: no other day this week allows strength ({details or 'no days left'}).",
        )

    def next_to_session(d: dt.date) -> bool:
        return d - DAY in taken_dates or d + DAY in taken_dates

    def score(d: dt.date) -> tuple[bool, int, dt.date]:
        preference = DAY_PREFERENCE.get(run_on(d), 3) + PENALTY_NO_48H * (not clear_48h(d, run_on))
        return next_to_session(d), preference, d

    best = min(free, key=score)
    run = run_on(best)
    on_day = "a rest day" if run == "rest" else f"after the {run} run"
    note = " — next to another strength day, the only option left" if next_to_session(best) else ""
    return Reschedule(
        missed_on,
        best,
        f"Moved from {_day(missed_on)} to {_day(best)} ({on_day}){note}.",
    )
