"""Today: the planned session with targets, one tap per set, and the day's run.

Each set is its own small POST form, so logging works without JavaScript: the redirect back
carries when the set was logged and the planned rest, and a tiny inline script counts it down.
With htmx (the exercise card is boosted) the same POST answers with just that card, and, out of
band, a fresh rest timer and the message, so a tap costs one small response and no page reload.
"""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from runlift.app import log
from runlift.app.history import stored
from runlift.app.today import DayView, Targeted, day_view
from runlift.errors import BadInput
from runlift.training.model import LoggedSet, Run
from runlift.units import LB_PER_KG, M_PER_MI
from runlift.web.deps import StoreDep
from runlift.web.pages.common import (
    CsrfChecked,
    PageUser,
    WebUser,
    back,
    is_htmx,
    render,
    today_date,
)

router = APIRouter(include_in_schema=False)
SIDES = ("both", "left", "right")


def _exercise(t: Targeted, done: int, imperial: bool) -> dict[str, Any]:
    """One card: the dose to do now (the target, else the plan's) and which sets are done."""
    p, target = t.planned, t.target
    src: Any = target if target is not None else None
    reps = src.reps if src else p.get("reps")
    hold = src.duration_s if src else p.get("duration_s")
    contacts = src.contacts if src else p.get("contacts")
    load = target.load_kg if target else None
    shown = None if load is None else round(load * LB_PER_KG, 1) if imperial else load
    sets = target.sets if target else int(p["sets"])
    return {
        "id": p["exercise_id"],
        "name": t.exercise.name,
        "order": p["order"],
        "warmup": p["block"] == "warmup",
        "per_side": bool(p.get("per_side")),
        "reps": reps,
        "hold": hold,
        "contacts": contacts,
        "load": shown,
        "rpe": target.rpe if target else p.get("rpe"),
        "rest_s": int(p.get("rest_s") or 0),
        "reason": target.reason if target else "",
        "cues": p.get("cues", []),
        "sets": [{"n": n + 1, "done": n < done} for n in range(sets)],
    }


def _context(view: DayView, done: dict[str, int]) -> list[dict[str, Any]]:
    imperial = view.units == "imperial"
    return [_exercise(t, done.get(t.planned["exercise_id"], 0), imperial) for t in view.exercises]


def _today(store: StoreDep, web: WebUser) -> tuple[DayView, list[Run], list[dict[str, Any]]]:
    """Today's plan view, runs, and exercise cards with the sets already logged ticked."""
    on = today_date()
    view = day_view(store, on, on, web.athlete_id, fixed_targets=True)
    runs, sessions = stored(store, on, on, web.athlete_id)
    done: dict[str, int] = {}
    for s in sessions:
        for one in s.sets:
            done[one.exercise_id] = done.get(one.exercise_id, 0) + 1
    return view, runs, _context(view, done)


def _card(
    store: StoreDep, web: WebUser, exercise_id: str, order: str, code: int = 200, **context: Any
) -> Response:
    """The one exercise card a set was logged against (htmx), with the timer and message."""
    view, _runs, cards = _today(store, web)
    match = [c for c in cards if c["id"] == exercise_id]
    card = next((c for c in match if str(c["order"]) == order), match[0] if match else None)
    if card is None:  # not in today's plan (an edited request): the whole page is the answer
        return Response(status_code=204, headers={"HX-Refresh": "true"})
    name = "_today_logged.html.j2" if code == 200 else "_today_exercise.html.j2"
    return render(name, code, web=web, ex=card, units=view.units, **context)


@router.get("/today", response_model=None)
def today_page(
    web: PageUser, store: StoreDep, rest: int = 0, at: int = 0, msg: str = "", err: str = ""
) -> Response:
    view, runs, cards = _today(store, web)
    return render(
        "today.html.j2",
        web=web,
        page="today",
        view=view,
        exercises=cards,
        runs=runs,
        units=view.units,
        rest=max(0, min(rest, 900)),
        rest_left=max(0, min(rest, 900) - (int(time.time()) - at)) if at else 0,
        at=at,
        msg=msg,
        err=err,
    )


def _num(text: str, what: str, low: float, high: float) -> float | None:
    if not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        raise BadInput(f"{what}: expected a number; got {text!r}") from None
    if not low <= value <= high:
        raise BadInput(f"{what}: expected {low:g} to {high:g}; got {value:g}")
    return value


@router.post("/today/sets", response_model=None, dependencies=[CsrfChecked])
def log_set(
    request: Request,
    web: PageUser,
    store: StoreDep,
    exercise_id: Annotated[str, Form()],
    order: Annotated[str, Form()] = "",
    reps: Annotated[str, Form()] = "",
    duration_s: Annotated[str, Form()] = "",
    contacts: Annotated[str, Form()] = "",
    load: Annotated[str, Form()] = "",
    rpe: Annotated[str, Form()] = "",
    side: Annotated[str, Form()] = "both",
    technique: Annotated[str, Form()] = "",
    warmup: Annotated[str, Form()] = "",
    rest_s: Annotated[str, Form()] = "0",
    imperial: Annotated[str, Form()] = "",
) -> Response:
    on = today_date()
    try:
        if side not in SIDES:
            raise BadInput(f"side: expected both, left or right; got {side!r}")
        from runlift.app.catalog import exercise_by_id

        ex = exercise_by_id(exercise_id)
        mass = _num(load, "load", 0, 1000)
        r, d = _num(reps, "reps", 1, 500), _num(duration_s, "hold", 1, 3600)
        c = _num(contacts, "contacts", 1, 1000)
        if sum(x is not None for x in (r, d, c)) != 1:
            raise BadInput("give exactly one of reps, hold seconds or contacts")
        tech = _num(technique, "technique", 1, 5)
        one = LoggedSet(
            exercise_id=ex.id,
            order=1,
            reps=int(r) if r is not None else None,
            duration_s=d,
            contacts=int(c) if c is not None else None,
            load_kg=None if mass is None else mass / LB_PER_KG if imperial else mass,
            rpe=_num(rpe, "RPE", 0, 10),
            side=side,
            warmup=bool(warmup),
            technique=int(tech) if tech is not None else None,
        )
        log.log_one_set(store, web.athlete_id, on, on, one)
    except BadInput as exc:
        if is_htmx(request):
            return _card(store, web, exercise_id, order, 422, card_err="; ".join(exc.problems))
        return back(f"/today?err={_q('; '.join(exc.problems))}")
    rest = min(int(rest_s), 900) if rest_s.strip().isdigit() else 0
    if is_htmx(request):
        return _card(store, web, ex.id, order, rest_left=rest, msg=f"Logged {ex.name}")
    return back(f"/today?rest={rest}&at={int(time.time())}&msg={_q(f'Logged {ex.name}')}")


@router.post("/today/run", response_model=None, dependencies=[CsrfChecked])
def log_run(
    web: PageUser,
    store: StoreDep,
    distance: Annotated[str, Form()],
    minutes: Annotated[str, Form()],
    hr: Annotated[str, Form()] = "",
    rpe: Annotated[str, Form()] = "",
    imperial: Annotated[str, Form()] = "",
) -> RedirectResponse:
    on = today_date()
    try:
        km = _num(distance, "distance", 0.1, 500)
        mins = _num(minutes, "minutes", 1, 2000)
        if km is None or mins is None:
            raise BadInput("distance and minutes are both needed")
        metres = km * (M_PER_MI if imperial else 1000)
        log.log_run(
            store,
            on,
            on,
            metres,
            mins * 60,
            _num(hr, "HR", 30, 250),
            _num(rpe, "RPE", 0, 10),
            web.athlete_id,
        )
    except BadInput as exc:
        return back(f"/today?err={_q('; '.join(exc.problems))}")
    return back(f"/today?msg={_q('Run logged')}")


def _q(text: str) -> str:
    from urllib.parse import quote

    return quote(text[:300])
