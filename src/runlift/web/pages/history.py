"""History: runs and strength sessions, newest first; each can be edited, and deleted with undo.

Every action is a plain form POST that answers with a redirect, so the page works without
JavaScript. When htmx sends it (``HX-Request``), the answer is instead the one entry's fragment to
swap in: the entry after an edit or an undo, the "Deleted … Undo" strip after a delete, and the
edit form with each refused field's message beside it (status 422) after a refused edit.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import Response

from runlift.app import entry_edit, trash
from runlift.app.catalog import catalog
from runlift.app.entry_forms import FieldErrors, clock, dose_field, run_values, session_values
from runlift.app.history import stored
from runlift.errors import Conflict
from runlift.training.model import LoggedSet, Run, StrengthSession
from runlift.units import LB_PER_KG, M_PER_MI
from runlift.web.deps import StoreDep
from runlift.web.pages.common import CsrfChecked, PageUser, WebUser, back, is_htmx, render

router = APIRouter(include_in_schema=False)
KINDS = {"run": "run", "session": "strength session"}  # the URL's word → the use cases'
WEB_KINDS = {v: k for k, v in KINDS.items()}
DOSE_LABELS = {"reps": "Reps", "hold": "Hold (s)", "contacts": "Contacts"}


async def form_fields(request: Request) -> dict[str, str]:
    """Every text field of the posted form: an edit form's field names carry set ids."""
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


FormFields = Annotated[dict[str, str], Depends(form_fields)]


def _name(exercise_id: str) -> str:
    return catalog().get(exercise_id).name if exercise_id in catalog() else exercise_id


def _set_text(s: LoggedSet, imperial: bool) -> str:
    dose = (
        f"{s.reps} reps"
        if s.reps is not None
        else f"{s.duration_s:.0f} s"
        if s.duration_s is not None
        else f"{s.contacts} contacts"
    )
    parts = [dose]
    if s.load_kg is not None:
        parts.append(
            f"{_trim(s.load_kg * LB_PER_KG, 1)} lb" if imperial else f"{_trim(s.load_kg, 2)} kg"
        )
    if s.rpe is not None:
        parts.append(f"RPE {_trim(s.rpe, 1)}")
    if s.side != "both":
        parts.append(s.side)
    if s.warmup:
        parts.append("warm-up")
    if s.technique is not None:
        parts.append(f"technique {s.technique}")
    return " · ".join(parts)


def _trim(value: float, places: int) -> str:
    out = f"{value:.{places}f}"
    return out.rstrip("0").rstrip(".") if "." in out else out


def _run_view(r: Run, imperial: bool) -> dict[str, Any]:
    distance = (
        f"{_trim(r.distance_m / M_PER_MI, 2)} mi"
        if imperial
        else f"{_trim(r.distance_m / 1000, 2)} km"
    )
    parts = [distance, clock(r.timer_s)]
    if r.avg_hr_bpm:
        parts.append(f"{r.avg_hr_bpm:.0f} bpm")
    if r.srpe is not None:
        parts.append(f"RPE {_trim(r.srpe, 1)}")
    on = r.start_at.date()
    return {"kind": "run", "on": on, "id": r.id, "summary": " · ".join(parts), "key": (on, 0)}


def _session_view(
    s: StrengthSession, imperial: bool, set_ids: tuple[int, ...] = ()
) -> dict[str, Any]:
    ordered = list(zip(set_ids or range(len(s.sets)), s.sets, strict=True))
    lines = [
        {
            "id": set_id,
            "name": _name(x.exercise_id),
            "text": _set_text(x, imperial),
            "dose": dose_field(x),
            "warmup": x.warmup,
        }
        for set_id, x in ordered
    ]
    parts = []
    if s.duration_min is not None:
        parts.append(f"{_trim(s.duration_min, 1)} min")
    if s.srpe is not None:
        parts.append(f"session RPE {_trim(s.srpe, 1)}")
    return {
        "kind": "session",
        "on": s.on,
        "id": s.id,
        "lines": lines,
        "summary": " · ".join(parts),
        "key": (s.on, 1),
    }


def _view(found: entry_edit.Entry) -> dict[str, Any]:
    if found.run is not None:
        return _run_view(found.run, found.imperial)
    assert found.session is not None
    return _session_view(found.session.session, found.imperial, found.session.set_ids)


def _values(found: entry_edit.Entry) -> dict[str, str]:
    if found.run is not None:
        return run_values(found.run, found.imperial)
    assert found.session is not None
    return session_values(found.session, found.imperial)


def _fragment(
    web: WebUser,
    found: entry_edit.Entry,
    editing: bool = False,
    note: str = "",
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    page: bool = False,
) -> Response:
    """One entry, shown or in its edit form; ``page`` wraps it in the whole page (no JS)."""
    context: dict[str, Any] = {
        "e": _view(found),
        "units": found.units,
        "editing": editing,
        "note": note,
        "values": {**_values(found), **(form or {})},
        "errors": errors or {},
        "sides": ("both", "left", "right"),
        "dose_labels": DOSE_LABELS,
    }
    name = "_history_edit_page.html.j2" if page else "_history_entry.html.j2"
    return render(name, 422 if errors else 200, web=web, page="history", **context)


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"{kind} not found")
    return KINDS[kind]


def _found(web: WebUser, store: StoreDep, kind: str, entry_id: str) -> entry_edit.Entry:
    found = entry_edit.entry(store, web.athlete_id, _kind(kind), entry_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"{kind} not found")
    return found


def history_context(store: StoreDep, athlete_id: int) -> dict[str, Any]:
    """One athlete's runs and sessions, newest first, in their units (theirs and their coach's)."""
    runs, sessions = stored(store, athlete_id=athlete_id)
    imperial = entry_edit.units(store, athlete_id) == "imperial"
    entries = [_run_view(r, imperial) for r in runs]
    entries += [_session_view(s, imperial) for s in sessions]
    entries.sort(key=lambda e: e["key"], reverse=True)
    return {"entries": entries, "units": "imperial" if imperial else "metric"}


@router.get("/history", response_model=None)
def history_page(web: PageUser, store: StoreDep, msg: str = "", undo: str = "") -> Response:
    context = history_context(store, web.athlete_id)
    # With an undo id the message goes in the Undo strip, not in the page's flash. The id goes
    # into a form's action, so only a trash id's shape is taken (no "../" from a crafted link).
    undo = undo if re.fullmatch(r"[0-9a-f]{32}", undo) else ""
    return render(
        "history.html.j2",
        web=web,
        page="history",
        msg="" if undo else msg,
        undo_msg=msg if undo else "",
        undo=undo,
        **context,
    )


@router.get("/history/{kind}/{entry_id}", response_model=None)
def entry_page(
    kind: str, entry_id: str, request: Request, web: PageUser, store: StoreDep
) -> Response:
    """The entry as shown (htmx's Cancel); without htmx, its place in the History page."""
    found = _found(web, store, kind, entry_id)
    return _fragment(web, found) if is_htmx(request) else back(f"/history#entry-{entry_id}")


@router.get("/history/{kind}/{entry_id}/edit", response_model=None)
def edit_form(
    kind: str, entry_id: str, request: Request, web: PageUser, store: StoreDep
) -> Response:
    found = _found(web, store, kind, entry_id)
    return _fragment(web, found, editing=True, page=not is_htmx(request))


@router.post("/history/{kind}/{entry_id}/edit", response_model=None, dependencies=[CsrfChecked])
def save_edit(
    kind: str, entry_id: str, request: Request, web: PageUser, store: StoreDep, form: FormFields
) -> Response:
    """Save the form whole, or nothing: a refused field comes back beside its input (422)."""
    try:
        saved = entry_edit.edit(store, web.athlete_id, _kind(kind), entry_id, form)
    except FieldErrors as exc:
        found = _found(web, store, kind, entry_id)
        fields = {k: v for k, v in form.items() if k != "csrf_token"}
        return _fragment(web, found, True, "", fields, exc.errors, page=not is_htmx(request))
    if saved is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"{kind} not found")
    if is_htmx(request):
        return _fragment(web, saved, note=f"Saved the {kind}.")
    return back(f"/history?msg={quote(f'Saved the {kind}')}#entry-{entry_id}")


@router.post("/history/{kind}/{entry_id}/delete", response_model=None, dependencies=[CsrfChecked])
def delete_entry(
    kind: str, entry_id: str, request: Request, web: PageUser, store: StoreDep
) -> Response:
    """Only the user's own entries: another athlete's id deletes nothing and answers 404."""
    gone = trash.delete(store, web.athlete_id, _kind(kind), entry_id)
    if gone is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"{kind} not found")
    what = f"Deleted the {kind} from {gone.on:%a %d %b}"
    if is_htmx(request):
        return render(
            "_history_deleted.html.j2", web=web, what=what, entry_id=entry_id, undo=gone.trash_id
        )
    return back(f"/history?msg={quote(what)}&undo={gone.trash_id}")


@router.post("/history/undo/{trash_id}", response_model=None, dependencies=[CsrfChecked])
def undo_delete(trash_id: str, request: Request, web: PageUser, store: StoreDep) -> Response:
    """Only the user's own, recent deletes; anything else (done already, too old, another
    athlete's) answers 404 and restores nothing."""
    try:
        back_in = trash.undo(store, web.athlete_id, trash_id)
    except Conflict as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None
    if back_in is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            "Nothing to undo: it was undone already, or the undo window has passed.",
        )
    kind = WEB_KINDS[back_in.kind]
    if is_htmx(request):
        found = _found(web, store, kind, back_in.entry_id)
        return _fragment(web, found, note=f"Restored the {kind}.")
    what = f"Restored the {kind} from {back_in.on:%a %d %b}"
    return back(f"/history?msg={quote(what)}#entry-{back_in.entry_id}")
