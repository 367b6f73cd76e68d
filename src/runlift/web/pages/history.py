"""History: runs and strength sessions, newest first, each deletable with one POST."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, status
from fastapi.responses import RedirectResponse, Response

from runlift.app import log
from runlift.app.catalog import catalog
from runlift.app.history import stored
from runlift.web.deps import StoreDep
from runlift.web.pages.common import CsrfChecked, PageUser, back, render

router = APIRouter(include_in_schema=False)
KINDS = {"run": "run", "session": "strength session"}


def _name(exercise_id: str) -> str:
    return catalog().get(exercise_id).name if exercise_id in catalog() else exercise_id


@router.get("/history", response_model=None)
def history_page(web: PageUser, store: StoreDep, msg: str = "") -> Response:
    runs, sessions = stored(store, athlete_id=web.athlete_id)
    entries: list[dict[str, Any]] = []
    for r in runs:
        on = r.start_at.date()
        entries.append({"kind": "run", "on": on, "id": r.id, "run": r, "key": (on, 0)})
    for s in sessions:
        lines = [
            {"name": _name(x.exercise_id), "set": x} for x in sorted(s.sets, key=lambda x: x.order)
        ]
        entries.append(
            {"kind": "session", "on": s.on, "id": s.id, "lines": lines, "key": (s.on, 1)}
        )
    entries.sort(key=lambda e: e["key"], reverse=True)
    return render("history.html.j2", web=web, page="history", entries=entries, msg=msg)


@router.post("/history/{kind}/{entry_id}/delete", response_model=None, dependencies=[CsrfChecked])
def delete_entry(
    kind: str,
    entry_id: str,
    web: PageUser,
    store: StoreDep,
    on: Annotated[dt.date | None, Form()] = None,
) -> RedirectResponse:
    """Only the user's own entries: another athlete's id deletes nothing and answers 404."""
    if kind not in KINDS or not log.delete_entry(store, web.athlete_id, KINDS[kind], entry_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"{kind} not found")
    when = f" from {on:%a %d %b}" if on else ""
    return back(f"/history?msg=Deleted+the+{kind}{when.replace(' ', '+')}")
