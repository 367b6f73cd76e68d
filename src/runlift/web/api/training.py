"""Logged training: runs and strength sessions, added and deleted.

The use cases are the command line's, so their messages name its options (``--hr: …``); the
API renames them to the JSON fields a client sent (``avg_hr_bpm: …``), as §7 promises.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import APIRouter, HTTPException, Response, status

from runlift.app import log
from runlift.app.history import stored
from runlift.config import today
from runlift.errors import BadInput
from runlift.formats.history_json import run_contract, session_contract
from runlift.web.deps import AthleteAccess, StoreDep
from runlift.web.schemas import RunCreate, StrengthSessionCreate

router = APIRouter(prefix="/athletes/{aid}", tags=["training"])
RUN_FIELDS = {"--date": "date", "--hr": "avg_hr_bpm", "--rpe": "srpe"}
SESSION_FIELDS = {"--date": "date", "--minutes": "duration_min", "--srpe": "srpe"}


@contextmanager
def fields_named(names: dict[str, str]) -> Iterator[None]:
    """Re-raise a use case's BadInput with each option name replaced by its JSON field."""
    try:
        yield
    except BadInput as exc:
        renamed = []
        for problem in exc.problems:
            option, sep, rest = problem.partition(":")
            renamed.append(f"{names[option]}{sep}{rest}" if option in names else problem)
        raise BadInput(renamed, exc.source) from None


@router.post("/runs", status_code=status.HTTP_201_CREATED)
def add_run(aid: AthleteAccess, body: RunCreate, store: StoreDep) -> dict[str, Any]:
    with fields_named(RUN_FIELDS):
        run_id = log.log_run(
            store,
            body.date,
            today(),
            body.distance_m,
            body.timer_s,
            body.avg_hr_bpm,
            body.srpe,
            aid,
        )
    runs, _ = stored(store, body.date, body.date, aid)
    return run_contract(next(r for r in runs if r.id == run_id))


@router.post("/strength-sessions", status_code=status.HTTP_201_CREATED)
def add_session(aid: AthleteAccess, body: StrengthSessionCreate, store: StoreDep) -> dict[str, Any]:
    items = [s if isinstance(s, str) else s.model_dump() for s in body.sets]
    with fields_named(SESSION_FIELDS):
        logged = log.log_sets(
            store,
            log.sets_from_items(items),
            body.date,
            today(),
            body.duration_min,
            body.srpe,
            planned_session_id=body.planned_session_id,
            athlete_id=aid,
        )
    if logged.session is not None:  # what was inserted: no need to re-read the day
        return session_contract(logged.session)
    _, sessions = stored(store, body.date, body.date, aid)
    return session_contract(next(s for s in sessions if s.id == logged.id))


def _delete(store: StoreDep, aid: int, kind: str, entry_id: str) -> Response:
    if not log.delete_entry(store, aid, kind, entry_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"{kind} not found")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/runs/{run_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_run(aid: AthleteAccess, run_id: str, store: StoreDep) -> Response:
    return _delete(store, aid, "run", run_id)


@router.delete("/strength-sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_session(aid: AthleteAccess, session_id: str, store: StoreDep) -> Response:
    return _delete(store, aid, "strength session", session_id)
