"""Coach: the athletes linked to the signed-in coach, each with current flags, weekly adherence
and the next session; invite codes; and a note on an upcoming session.

Only here may a coach (a user without an athlete of their own) see a page; every athlete
route checks the link (``accounts.can_reach``) and answers 404 for anyone else's athlete.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request, status
from fastapi.responses import RedirectResponse, Response

from runlift.app import accounts, coaching
from runlift.app.report import Status
from runlift.app.report import status as athlete_status
from runlift.errors import BadInput
from runlift.web import sessions
from runlift.web.deps import StoreDep
from runlift.web.pages.common import CsrfChecked, back, render, signed_in, today_date
from runlift.web.pages.history import history_context
from runlift.web.pages.plan import plan_context, plan_day
from runlift.web.pages.report import accept_message, report_context

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class CoachUser:
    user: accounts.User
    csrf: str


def coach_user(request: Request, store: StoreDep) -> CoachUser:
    """The signed-in coach; anonymous → login, any other role → 404."""
    session, user = signed_in(request, store, "/coach")
    if user.role != "coach":
        raise HTTPException(status.HTTP_404_NOT_FOUND, "not found")
    return CoachUser(user, sessions.csrf_token(request.app.state.session_key, session))


CoachDep = Annotated[CoachUser, Depends(coach_user)]


def _reach(store: StoreDep, coach: CoachUser, aid: int) -> accounts.AthleteRef:
    for ref in accounts.reachable_athletes(store, coach.user):
        if ref.id == aid:
            return ref
    raise HTTPException(status.HTTP_404_NOT_FOUND, "athlete not found")


def _summary(store: StoreDep, ref: accounts.AthleteRef, on: dt.date) -> dict[str, Any]:
    try:
        st: Status | None = athlete_status(store, on, athlete_id=ref.id)
    except BadInput:  # an athlete with no profile or plan yet
        st = None
    weeks = st.report.weekly if st else ()
    return {
        "id": ref.id,
        "name": ref.name,
        "ready": st is not None,
        "flags": st.current_flags if st else (),
        "adherence": [(w.week_start, w.adherence) for w in weeks],
        "next": st.next_session if st else None,
    }


def _render(coach: CoachUser, name: str, code: int = 200, **context: Any) -> Response:
    context.setdefault("msg", "")
    context.setdefault("err", "")
    return render(name, code, csrf=coach.csrf, me=coach.user, page="coach", **context)


@router.get("/coach", response_model=None)
def coach_page(coach: CoachDep, store: StoreDep, msg: str = "", err: str = "") -> Response:
    on = today_date()
    athletes = [_summary(store, r, on) for r in accounts.reachable_athletes(store, coach.user)]
    return _render(coach, "coach.html.j2", athletes=athletes, code_made="", msg=msg, err=err)


@router.post("/coach/invites", response_model=None, dependencies=[CsrfChecked])
def make_invite(coach: CoachDep, store: StoreDep) -> Response:
    """The code is shown in the answer itself (never in a URL), this once."""
    code = accounts.create_invite(store, coach.user)
    on = today_date()
    athletes = [_summary(store, r, on) for r in accounts.reachable_athletes(store, coach.user)]
    return _render(coach, "coach.html.j2", athletes=athletes, code_made=code)


@router.get("/coach/athletes/{aid}", response_model=None)
def athlete_page(
    aid: int, coach: CoachDep, store: StoreDep, msg: str = "", err: str = ""
) -> Response:
    ref = _reach(store, coach, aid)
    on = today_date()
    return _render(
        coach,
        "coach_athlete.html.j2",
        athlete=_summary(store, ref, on),
        upcoming=coaching.upcoming_sessions(store, aid, on),
        msg=msg,
        err=err,
    )


@router.post("/coach/athletes/{aid}/notes", response_model=None, dependencies=[CsrfChecked])
def leave_note(
    aid: int,
    coach: CoachDep,
    store: StoreDep,
    on: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> RedirectResponse:
    _reach(store, coach, aid)
    url = f"/coach/athletes/{aid}"
    try:
        try:
            day = dt.date.fromisoformat(on)
        except ValueError:
            raise BadInput(f"date: expected a date like 2026-12-10; got {on!r}") from None
        done = coaching.note_session(store, aid, day, note, coach.user.name, today_date())
    except BadInput as exc:
        return back(f"{url}?err={quote('; '.join(exc.problems)[:300])}")
    return back(f"{url}?msg={quote(f'Note added to {done.on} {done.title}'[:300])}")


@router.get("/coach/athletes/{aid}/report", response_model=None)
def athlete_report(
    aid: int, coach: CoachDep, store: StoreDep, msg: str = "", err: str = ""
) -> Response:
    """The athlete's own report page, read by the coach, with the same "apply" actions."""
    ref = _reach(store, coach, aid)
    return _render(
        coach,
        "report.html.j2",
        msg=msg,
        err=err,
        back_url=f"/coach/athletes/{aid}",
        athlete_name=ref.name,
        accept_url=f"/coach/athletes/{aid}/report/accept",
        **report_context(store, aid),
    )


@router.post("/coach/athletes/{aid}/report/accept", response_model=None, dependencies=[CsrfChecked])
def accept_for_athlete(
    aid: int, coach: CoachDep, store: StoreDep, flag_id: Annotated[str, Form()]
) -> RedirectResponse:
    """The coach adjusts the athlete's plan by applying a flag's suggestion, as the athlete can."""
    _reach(store, coach, aid)
    return back(f"/coach/athletes/{aid}/report?{accept_message(store, aid, flag_id)}")


@router.get("/coach/athletes/{aid}/plan", response_model=None)
def athlete_plan(aid: int, coach: CoachDep, store: StoreDep) -> Response:
    """The athlete's plan as they see it, read-only (the calendar links stay theirs)."""
    ref = _reach(store, coach, aid)
    base = f"/coach/athletes/{aid}/plan"
    context = plan_context(store, aid)
    return _render(
        coach, "plan.html.j2", plan_base=base, back_url=f"/coach/athletes/{aid}",
        athlete_name=ref.name, **context,
    )  # fmt: skip


@router.get("/coach/athletes/{aid}/plan/{on}", response_model=None)
def athlete_session(aid: int, on: dt.date, coach: CoachDep, store: StoreDep) -> Response:
    _reach(store, coach, aid)
    day = plan_day(store, aid, on)
    return _render(
        coach, "session.html.j2", day=day, on=on, plan_base=f"/coach/athletes/{aid}/plan"
    )


@router.get("/coach/athletes/{aid}/history", response_model=None)
def athlete_history(aid: int, coach: CoachDep, store: StoreDep) -> Response:
    """The athlete's logged runs and sessions, read-only: only the athlete edits or deletes."""
    ref = _reach(store, coach, aid)
    return _render(
        coach, "history.html.j2", readonly=True, undo="", undo_msg="",
        back_url=f"/coach/athletes/{aid}", athlete_name=ref.name,
        **history_context(store, aid),
    )  # fmt: skip
