"""Coach use cases: a note on one planned session, kept in the plan as a new plan version.

Like an accepted adjustment (``app/adjust.py``), the note is written into a copy of the active
plan (the session's ``coach_notes`` list) stored as a new version, so the plan says who wrote
what and when, and the older version still shows the plan before it.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from runlift.app.athlete import require_athlete
from runlift.errors import BadInput
from runlift.store.uow import Store

MAX_NOTE = 1000


@dataclass(frozen=True)
class Noted:
    on: dt.date
    title: str


def note_session(
    store: Store, athlete_id: int, on: dt.date, text: str, author: str, today: dt.date
) -> Noted:
    """Add the coach's note to the strength session planned on ``on`` (today or later)."""
    words = " ".join(text.split())
    if not words:
        raise BadInput("note: write something")
    if len(words) > MAX_NOTE:
        raise BadInput(f"note: expected at most {MAX_NOTE} characters; got {len(words)}")
    if on < today:
        raise BadInput(f"date: {on} is past; a note is for a session today or later")
    with store.unit_of_work() as uow:
        athlete = require_athlete(uow, athlete_id)
        row = uow.plans.active(athlete.id)
        if row is None:
            raise BadInput("no active plan")
        plan: dict[str, Any] = copy.deepcopy(json.loads(row.plan_json))
        day = next((d for d in plan["days"] if d["date"] == on.isoformat()), None)
        session = day.get("strength") if day else None
        if not session:
            raise BadInput(f"date: no strength session is planned on {on}")
        session["coach_notes"] = [
            *session.get("coach_notes", []),
            {"by": author, "on": today.isoformat(), "text": words},
        ]
        uow.plans.add(athlete.id, row.profile_id, plan)
        uow.commit()
    return Noted(on, str(session.get("title", "")))


def upcoming_sessions(
    store: Store, athlete_id: int, today: dt.date, limit: int = 6
) -> list[dict[str, Any]]:
    """The next ``limit`` planned strength sessions, each with its ``date``."""
    with store.unit_of_work() as uow:
        row = uow.plans.active(require_athlete(uow, athlete_id).id)
        plan = json.loads(row.plan_json) if row else {"days": []}
    out = [
        {"date": d["date"], **d["strength"]}
        for d in plan["days"]
        if d.get("strength") and d["date"] >= today.isoformat()
    ]
    return out[:limit]


@dataclass(frozen=True)
class CoachRef:
    id: int
    name: str


def coaches_of(store: Store, athlete_id: int) -> list[CoachRef]:
    """Who can read this athlete's training: the coaches whose invites the athlete accepted."""
    with store.unit_of_work() as uow:
        return [CoachRef(u.id, u.name) for u in uow.accounts.coaches_of(athlete_id)]


def leave_coach(store: Store, athlete_id: int, coach_user_id: int) -> bool:
    """The athlete withdraws a coach's access at once; False when that coach was not linked."""
    with store.unit_of_work() as uow:
        found = uow.accounts.unlink(coach_user_id, athlete_id)
        uow.commit()
    return found
