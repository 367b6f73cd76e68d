"""Report: the printed report's charts (same renderer, so both always agree) and the flags,
each with an "apply this suggestion" button that changes the plan only when pressed."""

from __future__ import annotations

from typing import Annotated
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


@router.get("/report", response_model=None)
def report_page(web: PageUser, store: StoreDep, msg: str = "", err: str = "") -> Response:
    on = today_date()
    view = report(store, on, athlete_id=web.athlete_id)
    units = view.profile.units
    page = render_html(view.report, athlete=view.athlete, generated_on=on, units=units)
    return render(
        "report.html.j2",
        web=web,
        page="report",
        view=view,
        flags=current_flags(view.report, on),
        body=Markup(_body(page)),  # render_html escapes every piece of text
        msg=msg,
        err=err,
    )


@router.post("/report/accept", response_model=None, dependencies=[CsrfChecked])
def accept_flag(
    web: PageUser, store: StoreDep, flag_id: Annotated[str, Form()]
) -> RedirectResponse:
    try:
        done = adjust.accept(store, flag_id, today_date(), web.athlete_id)
    except BadInput as exc:
        return back(f"/report?err={quote('; '.join(exc.problems)[:300])}")
    said = "; ".join(done.changes) or "the plan is updated"
    return back(f"/report?msg={quote(f'Applied {done.kind}: {said}'[:300])}")
