"""Report: the printed report's charts (same renderer, so both always agree) and the flags,
each with an "apply this suggestion" button that changes the plan only when pressed."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from runlift.app import adjust
from runlift.app.report import current_flags, report
from runlift.errors import BadInput
from runlift.formats.report_html import render_html
from runlift.web.deps import StoreDep
from runlift.web.pages.common import CsrfChecked, PageUser, back, render, today_date

router = APIRouter(include_in_schema=False)


def _body(page: str) -> str:
    """The sections of a whole report page (everything in it is already escaped)."""
    start, end = page.find("<main>"), page.rfind("</main>")
    return page[start + len("<main>") : end] if start >= 0 and end > start else ""


def report_context(store: StoreDep, athlete_id: int) -> dict[str, Any]:
    """What the report template needs for one athlete (the athlete's own page and a coach's)."""
    on = today_date()
    view = report(store, on, athlete_id=athlete_id)
    units = view.profile.units
    page = render_html(view.report, athlete=view.athlete, generated_on=on, units=units)
    return {
        "view": view,
        "flags": current_flags(view.report, on),
        "body": Markup(_body(page)),  # render_html escapes every piece of text
    }


def accept_message(store: StoreDep, athlete_id: int, flag_id: str) -> str:
    """Apply a flag's suggestion to the athlete's plan: the query string that says how it went."""
    try:
        done = adjust.accept(store, flag_id, today_date(), athlete_id)
    except BadInput as exc:
        return f"err={quote('; '.join(exc.problems)[:300])}"
    said = "; ".join(done.changes) or "the plan is updated"
    return f"msg={quote(f'Applied {done.kind}: {said}'[:300])}"


@router.get("/report", response_model=None)
def report_page(web: PageUser, store: StoreDep, msg: str = "", err: str = "") -> Response:
    context = report_context(store, web.athlete_id)
    return render("report.html.j2", web=web, page="report", msg=msg, err=err, **context)


@router.post("/report/accept", response_model=None, dependencies=[CsrfChecked])
def accept_flag(
    web: PageUser, store: StoreDep, flag_id: Annotated[str, Form()]
) -> RedirectResponse:
    return back(f"/report?{accept_message(store, web.athlete_id, flag_id)}")
