"""Today and this week: the planned sessions with target loads from what was actually lifted.

A session missed earlier in the week is moved to the best day left (the planner's placement rules
decide), or dropped with the reason; this is worked out afresh each time from the plan and the
log, so there is no "rescheduled" state to drift out of date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Any

from runlift.app.athlete import (
    NO_PLAN,
    current_profile,
    parsed_plan,
    plan_json,
    profile_from_json,
    require_athlete,
)
from runlift.app.catalog import catalog
from runlift.catalog import Exercise
from runlift.errors import BadInput
from runlift.planning import Profile
from runlift.planning.dosing import CONTACT_CAP, Dose
from runlift.store.db import reads_without_transaction
from runlift.store.uow import Store
from runlift.training.adherence import WeekAdherence, reschedule, weekly_adherence
from runlift.training.advice import NextTarget
from runlift.training.increments import Increments
from runlift.training.model import StrengthSession
from runlift.training.progression import next_target

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Targeted:
    """One planned exercise with its target for this session."""

    planned: dict[str, Any]  # the plan contract's exercise
    exercise: Exercise
    target: NextTarget | None  # None for warm-ups


@dataclass(frozen=True)
class DayView:
    on: dt.date
    run: str
    phase: str | None
    session: dict[str, Any] | None  # the plan contract's session, when one is due today
    exercises: list[Targeted]
    moved_from: dt.date | None  # the session was planned for this day and missed
    done: bool  # a strength session is logged on this day
    units: str


@dataclass(frozen=True)
class WeekView:
    days: list[DayView]
    adherence: WeekAdherence | None
    notes: list[str]  # reschedules and drops, in words


def _dose(planned: dict[str, Any]) -> Dose:
    return Dose(
        sets=planned["sets"],
        reps=planned.get("reps"),
        duration_s=planned.get("duration_s"),
        contacts=planned.get("contacts"),
        per_side=bool(planned.get("per_side")),
        rpe=planned.get("rpe"),
        pct_1rm=planned.get("pct_1rm"),
        rest_s=planned.get("rest_s") or 0,
    )


def increments_for(profile: Profile) -> Increments:
    return Increments(**profile.loads)  # type: ignore[arg-type]


@dataclass
class PlanContext:
    profile: Profile
    plan: dict[str, Any]
    sessions: list[StrengthSession]

    def day(self, on: dt.date) -> dict[str, Any] | None:
        wanted = on.isoformat()
        return next((d for d in self.plan["days"] if d["date"] == wanted), None)

    def run_on(self, on: dt.date) -> str:
        day = self.day(on)
        if day is not None:
            return str(day["run"])
        return self.profile.week[WEEKDAY_NAMES[on.weekday()]]


def load_context(
    store: Store,
    today: dt.date,
    athlete_id: int | None = None,
    *,
    exercises_on: Collection[dt.date] | None = None,
) -> PlanContext:
    """The profile, the active plan and the sessions logged up to ``today``.

    ``exercises_on`` keeps, of the logged sets, only those of the exercises planned on these
    dates (every session is still there, for what was done when): the targets of those days come
    out the same, from a fraction of the rows."""
    with store.unit_of_work() as uow:
        reads_without_transaction(uow.session)
        aid = athlete_id if athlete_id is not None else require_athlete(uow).id
        found = uow.plans.active_ref_and_profile(aid)
        if found is None:  # say what is missing, as the row-by-row reads did
            athlete = require_athlete(uow, aid)
            ref = uow.plans.active_ref(athlete.id)
            if ref is None:
                raise BadInput(NO_PLAN)
            profile = current_profile(uow, athlete)
            plan_id, created_at = ref
        else:
            plan_id, created_at, profile_text = found
            profile = profile_from_json(profile_text)
        plan = parsed_plan(plan_json(uow, plan_id, created_at))
        wanted = None if exercises_on is None else _planned_exercises(plan, exercises_on)
        return PlanContext(
            profile,
            plan,
            uow.log.strength_sessions(aid, until=today, exercise_ids=wanted),
        )


def _planned_exercises(plan: dict[str, Any], dates: Collection[dt.date]) -> set[str]:
    wanted = {d.isoformat() for d in dates}
    return {
        planned["exercise_id"]
        for day in plan["days"]
        if day["date"] in wanted and day.get("strength")
        for planned in day["strength"]["exercises"]
    }


def targets_for(ctx: PlanContext, session: dict[str, Any], on: dt.date) -> list[Targeted]:
    increments = increments_for(ctx.profile)
    cap = CONTACT_CAP[ctx.profile.lifting_experience]
    out: list[Targeted] = []
    for planned in session["exercises"]:
        ex = catalog().get(planned["exercise_id"])
        if planned["block"] == "warmup":
            out.append(Targeted(planned, ex, None))
            continue
        target = next_target(
            ex,
            _dose(planned),
            ctx.sessions,
            increments,
            previous_dose=_previous_dose(ctx, ex.id, on),
            on=on,
            contact_cap=cap,
            conservative_start=False,
        )
        if target.contacts is not None:
            cap -= target.sets * target.contacts * (2 if planned.get("per_side") else 1)
        out.append(Targeted(planned, ex, target))
    return out


def _previous_dose(ctx: PlanContext, exercise_id: str, on: dt.date) -> Dose | None:
    before = on.isoformat()
    for day in reversed(ctx.plan["days"]):
        if day["date"] >= before or not day.get("strength"):
            continue
        for planned in day["strength"]["exercises"]:
            if planned["exercise_id"] == exercise_id:
                return _dose(planned)
    return None


def _week_days(on: dt.date) -> list[dt.date]:
    monday = on - dt.timedelta(days=on.weekday())
    return [monday + dt.timedelta(days=i) for i in range(7)]


def _moves(ctx: PlanContext, today: dt.date) -> tuple[dict[dt.date, dt.date], list[str]]:
    """Missed sessions of this week: {new day: planned day}, and what happened in words."""
    days = _week_days(today)
    done = {s.on for s in ctx.sessions} | {
        dt.date.fromisoformat(s.planned_session_id[:10])
        for s in ctx.sessions
        if s.planned_session_id
    }
    planned = {d: self_day for d in days if (self_day := ctx.day(d)) and self_day.get("strength")}
    taken = set(planned) | {s.on for s in ctx.sessions if s.on in days}
    race = ctx.profile.race_date
    moves: dict[dt.date, dt.date] = {}
    notes: list[str] = []
    for missed in sorted(d for d in planned if d < today and d not in done):
        result = reschedule(
            missed,
            days,
            ctx.run_on,
            ctx.profile.available_days,
            race,
            taken - {missed},
            today=today,
        )
        title = planned[missed]["strength"]["title"]
        if result.moved_to is not None:
            moves[result.moved_to] = missed
            taken.add(result.moved_to)
            notes.append(
                f"{title} from {missed:%a %d %b} moves to {result.moved_to:%a %d %b}: "
                f"{result.reason}"
            )
        else:
            notes.append(f"{title} from {missed:%a %d %b} is dropped: {result.reason}")
    return moves, notes


def day_view(
    store: Store,
    on: dt.date,
    today: dt.date,
    athlete_id: int | None = None,
    *,
    fixed_targets: bool = False,
) -> DayView:
    """The day's session with targets. ``fixed_targets`` bases them on the days before only,
    so they stay put while the session is logged set by set (the web page)."""
    # Only the exercises that can be on this day: its own session, or one moved from this week.
    ctx = load_context(store, max(on, today), athlete_id, exercises_on=[on, *_week_days(today)])
    view = _day_view(ctx, on, _moves(ctx, today)[0] if on >= today else {})
    if fixed_targets and view.session is not None:
        earlier = replace(ctx, sessions=[s for s in ctx.sessions if s.on < on])
        view = replace(view, exercises=targets_for(earlier, view.session, on))
    return view


def _day_view(ctx: PlanContext, on: dt.date, moves: dict[dt.date, dt.date]) -> DayView:
    plan_day = ctx.day(on)
    session = plan_day.get("strength") if plan_day else None
    moved_from = moves.get(on)
    if moved_from is not None:
        moved_day = ctx.day(moved_from)
        session = moved_day["strength"] if moved_day else session
    exercises = targets_for(ctx, session, on) if session else []
    return DayView(
        on,
        ctx.run_on(on),
        plan_day["phase"] if plan_day else None,
        session,
        exercises,
        moved_from,
        any(s.on == on for s in ctx.sessions),
        ctx.profile.units,
    )


def week_view(store: Store, today: dt.date) -> WeekView:
    ctx = load_context(store, today)
    moves, notes = _moves(ctx, today)
    days = _week_days(today)
    views = [_day_view(ctx, d, moves if d >= today else {}) for d in days]
    planned = [
        (d, str(v["strength"]["id"])) for d in days if (v := ctx.day(d)) and v.get("strength")
    ]
    done = [s for s in ctx.sessions if s.on in days]
    adherence = weekly_adherence(planned, done)
    return WeekView(views, adherence[0] if adherence else None, notes)


def day_contract(view: DayView) -> dict[str, Any]:
    """A day as JSON: the plan's session (§2) with each exercise's target and ``load_kg``."""
    if view.session is None:
        return {"date": view.on.isoformat(), "run": view.run, "session": None}
    exercises = []
    for t in view.exercises:
        target = t.target
        exercises.append(
            {
                **t.planned,
                "load_kg": target.load_kg if target else None,
                "target": None
                if target is None
                else {
                    "sets": target.sets,
                    "reps": target.reps,
                    "duration_s": target.duration_s,
                    "contacts": target.contacts,
                    "load_kg": target.load_kg,
                    "rpe": target.rpe,
                    "reason": target.reason,
                },
            }
        )
    session = {**view.session, "exercises": exercises}
    moved = view.moved_from.isoformat() if view.moved_from else None
    return {
        "date": view.on.isoformat(),
        "run": view.run,
        "phase": view.phase,
        "done": view.done,
        "moved_from": moved,
        "session": session,
    }
