"""Report use cases: the analytics over what is stored, and where the athlete stands today."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from runlift.analytics.model import Flag, HeartProfile, PlannedRef, Report
from runlift.analytics.report import build_report
from runlift.app.athlete import current_profile, require_athlete
from runlift.app.catalog import catalog
from runlift.app.history import check_range
from runlift.errors import BadInput
from runlift.planning import Profile
from runlift.store.tables import PlanRow
from runlift.store.uow import Store, UnitOfWork

DEFAULT_WEEKS = 8
STATUS_WEEKS = 4
CURRENT_D = 7  # a flag raised in the last 7 days is current


@dataclass(frozen=True)
class ReportView:
    report: Report
    profile: Profile
    athlete: str


@dataclass(frozen=True)
class Status:
    report: Report
    profile: Profile
    athlete: str
    today: dt.date
    current_flags: tuple[Flag, ...]
    next_session: dict[str, Any] | None  # the plan's next strength session, with its "date"
    accepted: tuple[dict[str, Any], ...]  # adjustments accepted in the active plan


def planned_refs(plans: list[PlanRow]) -> list[PlannedRef]:
    """Planned sessions, each from the plan that was in force on its date.

    A replan starts a new plan on the day it was made; the older plan still says what was
    planned before that day, which is what adherence must be judged against.
    """
    docs = [json.loads(p.plan_json) for p in plans]
    starts = [dt.date.fromisoformat(d["days"][0]["date"]) if d["days"] else None for d in docs]
    refs: list[PlannedRef] = []
    for i, doc in enumerate(docs):
        later = [s for s in starts[i + 1 :] if s is not None]
        until = min(later) if later else dt.date.max
        for day in doc["days"]:
            session = day.get("strength")
            on = dt.date.fromisoformat(day["date"])
            if session and on < until:
                refs.append(
                    PlannedRef(
                        on=on,
                        session_id=session["id"],
                        intensity=session["intensity"],
                        duration_min=float(session["duration_min"]),
                        title=session["title"],
                        exercise_ids=tuple(
                            e["exercise_id"]
                            for e in session["exercises"]
                            if e.get("block") != "warmup"
                        ),
                    )
                )
    return sorted(refs, key=lambda r: r.on)


def heart_of(profile: Profile) -> HeartProfile:
    return HeartProfile(profile.rest_hr_bpm, profile.max_hr_bpm, profile.sex)


def window(
    today: dt.date, since: dt.date | None, until: dt.date | None, weeks: int | None
) -> tuple[dt.date, dt.date]:
    """The report's days: ``--since``/``--until``, or the last ``weeks`` Monday-weeks to today."""
    if weeks is not None and since is not None:
        raise BadInput("give --weeks or --since, not both")
    if weeks is not None and weeks < 1:
        raise BadInput(f"--weeks: expected 1 or more; got {weeks}")
    check_range(since, until)
    end = until or today
    if since is None:
        monday = end - dt.timedelta(days=end.weekday())
        since = monday - dt.timedelta(weeks=(weeks or DEFAULT_WEEKS) - 1)
    return since, end


def report_in(
    uow: UnitOfWork, start: dt.date, end: dt.date, athlete_id: int | None = None
) -> ReportView:
    athlete = require_athlete(uow, athlete_id)
    profile = current_profile(uow, athlete)
    report = build_report(
        runs=uow.log.runs(athlete.id, until=end),
        sessions=uow.log.strength_sessions(athlete.id, until=end),
        catalog=catalog(),
        heart=heart_of(profile),
        planned=planned_refs(uow.plans.all(athlete.id)),
        start=start,
        end=end,
    )
    return ReportView(report, profile, athlete.name)


def report(
    store: Store,
    today: dt.date,
    since: dt.date | None = None,
    until: dt.date | None = None,
    weeks: int | None = None,
    athlete_id: int | None = None,
) -> ReportView:
    start, end = window(today, since, until, weeks)
    with store.unit_of_work() as uow:
        return report_in(uow, start, end, athlete_id)


def current_flags(report: Report, today: dt.date) -> tuple[Flag, ...]:
    return tuple(f for f in report.flags if (today - f.on).days < CURRENT_D)


def status(store: Store, today: dt.date, athlete_id: int | None = None) -> Status:
    start, end = window(today, None, None, STATUS_WEEKS)
    with store.unit_of_work() as uow:
        view = report_in(uow, start, end, athlete_id)
        row = uow.plans.active(require_athlete(uow, athlete_id).id)
        plan = json.loads(row.plan_json) if row else {"days": []}
    upcoming = next(
        (
            {"date": d["date"], **d["strength"]}
            for d in plan["days"]
            if d.get("strength") and d["date"] >= today.isoformat()
        ),
        None,
    )
    return Status(
        view.report,
        view.profile,
        view.athlete,
        today,
        current_flags(view.report, today),
        upcoming,
        tuple(plan.get("adjustments", [])),
    )
