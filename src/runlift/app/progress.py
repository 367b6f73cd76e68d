"""Progress use case: one exercise's e1RM over time and its personal records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from runlift.app.athlete import require_athlete
from runlift.app.catalog import resolve_for_logging
from runlift.catalog import Exercise
from runlift.store.uow import Store
from runlift.training.e1rm import e1rm_of_set
from runlift.training.model import LoggedSet


@dataclass(frozen=True)
class SessionPoint:
    on: dt.date
    working_sets: int
    best_e1rm_kg: float | None
    top_load_kg: float | None
    best_reps: int | None
    longest_hold_s: float | None
    most_contacts: int | None


@dataclass(frozen=True)
class Record:
    what: str
    value: str
    on: dt.date


@dataclass(frozen=True)
class Progress:
    exercise: Exercise
    points: list[SessionPoint]
    records: list[Record]


def _max(values: list[float]) -> float | None:
    return max(values) if values else None


def progress(store: Store, text: str) -> Progress:
    exercise = resolve_for_logging(text)
    with store.unit_of_work() as uow:
        athlete = require_athlete(uow)
        sessions = uow.log.strength_sessions(athlete.id)
    points: list[SessionPoint] = []
    for session in sessions:
        sets: list[LoggedSet] = [
            s for s in session.sets if s.exercise_id == exercise.id and not s.warmup
        ]
        if not sets:
            continue
        e1rms = [v for s in sets if (v := e1rm_of_set(s)) is not None]
        loads = [s.load_kg for s in sets if s.load_kg is not None]
        reps = [s.reps for s in sets if s.reps is not None]
        holds = [s.duration_s for s in sets if s.duration_s is not None]
        contacts = [s.contacts for s in sets if s.contacts is not None]
        points.append(
            SessionPoint(
                session.on,
                len(sets),
                _max(e1rms),
                _max(loads),
                max(reps) if reps else None,
                _max(holds),
                max(contacts) if contacts else None,
            )
        )
    return Progress(exercise, points, _records(points))


def _records(points: list[SessionPoint]) -> list[Record]:
    """Each record's best value and the first session that reached it."""
    out: list[Record] = []
    fields = (
        ("best e1RM", "best_e1rm_kg", "{:.1f} kg"),
        ("heaviest load", "top_load_kg", "{:g} kg"),
        ("most reps in a set", "best_reps", "{}"),
        ("longest hold", "longest_hold_s", "{:g} s"),
        ("most contacts in a set", "most_contacts", "{}"),
    )
    for label, attr, fmt in fields:
        dated = [(getattr(p, attr), p.on) for p in points if getattr(p, attr) is not None]
        if dated:
            best = max(v for v, _ in dated)
            first = min(on for v, on in dated if v == best)
            out.append(Record(label, fmt.format(best), first))
    return out
