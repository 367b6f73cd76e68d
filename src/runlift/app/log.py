"""Logging use cases: strength sessions from set lines, and runs. One command, one transaction."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, fields, replace
from typing import Any

from runlift.app import trash
from runlift.app.athlete import require_athlete
from runlift.app.catalog import exercise_by_id, resolve_for_logging
from runlift.errors import BadInput
from runlift.formats.set_syntax import parse_set_line
from runlift.store.uow import Store, UnitOfWork
from runlift.training.model import LoggedSet, Run, StrengthSession

LOGGED_FIELDS = {f.name for f in fields(LoggedSet)} - {"source_name"}
DOSE_WORDS = {
    "reps": "reps (e.g. 3x5)",
    "duration": "a hold (e.g. 2x30s)",
    "contacts": "foot contacts (e.g. 2x20c)",
}


def check_date(on: dt.date, today: dt.date, what: str = "--date") -> dt.date:
    if on > today:
        raise BadInput(f"{what}: {on} is in the future (today is {today})")
    return on


def sets_from_items(items: list[str | dict[str, Any]]) -> list[LoggedSet]:
    """Sets from set lines and from history-contract set objects, mixed, numbered in order."""
    problems: list[str] = []
    out: list[LoggedSet] = []
    for n, item in enumerate(items):
        try:
            if isinstance(item, str):
                out.extend(sets_from_lines([item], first_order=len(out) + 1))
                continue
            ex = exercise_by_id(str(item["exercise_id"]))
            doses = [k for k in ("reps", "duration_s", "contacts") if item.get(k) is not None]
            if len(doses) != 1:
                raise BadInput(f"sets[{n}]: give exactly one of reps, duration_s, contacts")
            fields = {k: v for k, v in item.items() if k in LOGGED_FIELDS and k != "order"}
            out.append(LoggedSet(**{**fields, "exercise_id": ex.id, "order": len(out) + 1}))
        except BadInput as exc:
            problems.extend(
                f"sets[{n}]: {p}" if not p.startswith("sets[") else p for p in exc.problems
            )
    if problems:
        raise BadInput(problems)
    if not out:
        raise BadInput("sets: no sets given")
    return out


def sets_from_lines(lines: list[str], first_order: int = 1) -> list[LoggedSet]:
    """Every set row the lines describe; BadInput lists every bad line, and nothing is kept."""
    problems: list[str] = []
    out: list[LoggedSet] = []
    order = first_order
    for line in lines:
        try:
            parsed = parse_set_line(line)
            ex = resolve_for_logging(parsed.exercise)
        except BadInput as exc:
            problems.extend(exc.problems)
            continue
        given = (
            "reps"
            if parsed.reps is not None
            else "duration"
            if parsed.duration_s is not None
            else "contacts"
        )
        if given != ex.dose:
            problems.append(f"{line!r}: {ex.id} is logged in {DOSE_WORDS[ex.dose]}")
            continue
        for _ in range(parsed.sets):
            out.append(
                LoggedSet(
                    exercise_id=ex.id,
                    order=order,
                    reps=parsed.reps,
                    duration_s=parsed.duration_s,
                    contacts=parsed.contacts,
                    load_kg=parsed.load_kg,
                    rpe=parsed.rpe,
                    side=parsed.side,
                    warmup=parsed.warmup,
                    technique=parsed.technique,
                )
            )
            order += 1
    if problems:
        raise BadInput(problems)
    if not out:
        raise BadInput("no sets given; e.g. runlift log strength 'squat 3x5@60kg rpe8'")
    return out


@dataclass(frozen=True)
class Logged:
    id: str
    sets: int
    planned_session_id: str | None
    session: StrengthSession | None = None  # what was stored (log_sets), as it reads back


def _as_stored(value: float | None) -> float | None:
    return None if value is None else float(value)


def as_stored(session: StrengthSession) -> StrengthSession:
    """The session as the store hands it back: its float columns as floats (a set line's
    ``30s`` hold is the int 30 until it is stored), so the answer need not re-read it."""
    sets = tuple(
        replace(
            s,
            duration_s=_as_stored(s.duration_s),
            load_kg=_as_stored(s.load_kg),
            rpe=_as_stored(s.rpe),
        )
        for s in session.sets
    )
    return replace(
        session,
        sets=sets,
        duration_min=_as_stored(session.duration_min),
        srpe=_as_stored(session.srpe),
    )


def log_strength(
    store: Store,
    lines: list[str],
    on: dt.date,
    today: dt.date,
    minutes: float | None = None,
    srpe: float | None = None,
    notes: str = "",
    athlete_id: int | None = None,
) -> Logged:
    check_date(on, today)
    return log_sets(
        store, sets_from_lines(lines), on, today, minutes, srpe, notes, athlete_id=athlete_id
    )


def log_sets(
    store: Store,
    sets: list[LoggedSet],
    on: dt.date,
    today: dt.date,
    minutes: float | None = None,
    srpe: float | None = None,
    notes: str = "",
    planned_session_id: str | None = None,
    athlete_id: int | None = None,
) -> Logged:
    """Store one session of already-checked sets, linked to the plan's session that day."""
    check_date(on, today)
    if minutes is not None and not 1 <= minutes <= 600:
        raise BadInput(f"--minutes: expected 1 to 600; got {minutes:g}")
    if srpe is not None and not 0 <= srpe <= 10:
        raise BadInput(f"--srpe: expected 0 to 10 (CR-10); got {srpe:g}")
    with store.unit_of_work() as uow:
        athlete = require_athlete(uow, athlete_id)
        planned = planned_session_id or planned_session_on(uow, athlete.id, on)
        session = StrengthSession(
            on=on,
            sets=tuple(sets),
            duration_min=minutes,
            srpe=srpe,
            planned_session_id=planned,
            notes=notes,
        )
        session_id = uow.log.add_strength(athlete.id, session)
        uow.commit()
    stored = as_stored(replace(session, id=session_id))
    return Logged(session_id, len(sets), planned, stored)


def planned_session_on(uow: UnitOfWork, athlete_id: int, on: dt.date) -> str | None:
    """The active plan's session id on that date, if it has one."""
    return uow.plans.active_session_id_on(athlete_id, on)


def log_run(
    store: Store,
    on: dt.date,
    today: dt.date,
    distance_m: float,
    timer_s: float,
    avg_hr_bpm: float | None = None,
    srpe: float | None = None,
    athlete_id: int | None = None,
) -> str:
    check_date(on, today)
    if avg_hr_bpm is not None and not 30 <= avg_hr_bpm <= 250:
        raise BadInput(f"--hr: expected 30 to 250 bpm; got {avg_hr_bpm:g}")
    if srpe is not None and not 0 <= srpe <= 10:
        raise BadInput(f"--rpe: expected 0 to 10 (CR-10); got {srpe:g}")
    # A typed-in run has a date but no time of day: noon UTC keeps it on that date everywhere.
    start_at = dt.datetime.combine(on, dt.time(12), tzinfo=dt.UTC)
    run = Run(
        start_at=start_at,
        distance_m=distance_m,
        timer_s=timer_s,
        elapsed_s=timer_s,
        avg_hr_bpm=avg_hr_bpm,
        srpe=srpe,
    )
    with store.unit_of_work() as uow:
        athlete = require_athlete(uow, athlete_id)
        run_id = uow.log.add_run(athlete.id, run)
        uow.commit()
    return run_id


def delete_entry(store: Store, athlete_id: int, kind: str, entry_id: str) -> bool:
    """Delete one of the athlete's runs (``kind="run"``) or strength sessions; False if none.

    Every delete goes through the trash (``app.trash``), from the web pages and the API alike,
    so any deleted entry can be undone from History within the undo window."""
    return trash.delete(store, athlete_id, kind, entry_id) is not None


def planned_session(store: Store, on: dt.date) -> dict[str, object] | None:
    """The planned session on a date, as its plan-contract JSON."""
    with store.unit_of_work() as uow:
        athlete = require_athlete(uow)
        plan = uow.plans.active(athlete.id)
        if plan is None:
            return None
        for row in plan.sessions:
            if row.on == on:
                doc: dict[str, object] = json.loads(row.session_json)
                return doc
    return None


def log_one_set(
    store: Store, athlete_id: int, on: dt.date, today: dt.date, one: LoggedSet
) -> Logged:
    """Log a set tapped in the web page: it joins that day's session for the same planned
    session (made by the first tap), so a workout logged set by set is one session."""
    check_date(on, today)
    with store.unit_of_work() as uow:
        planned = planned_session_on(uow, athlete_id, on)
        same = [
            s
            for s in uow.log.strength_sessions(athlete_id, on, on)
            if s.planned_session_id == planned and s.id is not None
        ]
        if same and same[-1].id is not None:
            session_id = same[-1].id
            uow.log.append_sets(athlete_id, session_id, [one])
            count = len(same[-1].sets) + 1
        else:
            session = StrengthSession(on=on, sets=(one,), planned_session_id=planned)
            session_id = uow.log.add_strength(athlete_id, session)
            count = 1
        uow.commit()
    return Logged(session_id, count, planned)
