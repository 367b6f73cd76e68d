"""Plan: the calendar week by week with phases as bands; a session opens on its own page.

The page also shows ``runlift check``'s verdicts on the stored plan and the calendar links: the
signed-in download, and a subscription URL whose secret is shown once, when made (the public
feed itself is ``pages.calendar_feed``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import RedirectResponse, Response

from runlift.app.athlete import active_plan, plan_calendar
from runlift.app.calendar_feeds import create_feed, feed_created_at, revoke_feed
from runlift.app.plan_check import GROUPS, CheckResult, check_plan_doc
from runlift.store.uow import Store
from runlift.web.deps import StoreDep
from runlift.web.pages.common import (
    CsrfChecked,
    PageUser,
    WebUser,
    back,
    render,
    today_date,
)

router = APIRouter(include_in_schema=False)


def _weeks(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Weeks of days; a week that starts a new phase carries that phase, to open its band."""
    weeks: list[dict[str, Any]] = []
    for day in plan["days"]:
        if not weeks or weeks[-1]["n"] != day["week"]:
            new_phase = not weeks or weeks[-1]["phase"] != day["phase"]
            opens = _phase_of(plan, day["date"]) if new_phase else None
            week = {"n": day["week"], "phase": day["phase"], "deload": False, "days": []}
            weeks.append({**week, "opens": opens})
        weeks[-1]["days"].append(day)
        weeks[-1]["deload"] = weeks[-1]["deload"] or bool(day.get("deload"))
    return weeks


def _phase_of(plan: dict[str, Any], on: str) -> dict[str, Any] | None:
    return next((p for p in plan["phases"] if p["start"] <= on <= p["end"]), None)


def _timeline(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The phases with their share of the plan's days, for the bar at the top of the page."""
    total = len(plan["days"]) or 1
    out = []
    for p in plan["phases"]:
        days = sum(1 for d in plan["days"] if p["start"] <= d["date"] <= p["end"])
        out.append({**p, "pct": round(100 * days / total, 2), "days": days})
    return [p for p in out if p["days"]]


def _grouped(checks: list[CheckResult]) -> list[tuple[str, list[CheckResult]]]:
    """The verdicts by the audit's sections, so a phone shows five short lists, not 21 rows."""
    order = [*GROUPS, "other"]
    groups = [(g, [c for c in checks if c.group == g]) for g in order]
    return [(g, cs) for g, cs in groups if cs]


def _feed_urls(request: Request, token: str) -> dict[str, str]:
    """The secret URL from the address this page was asked on (the host is checked by
    TrustedHostMiddleware), in the web form and the ``webcal://`` form calendar apps open."""
    web = f"{str(request.base_url).rstrip('/')}/calendar/{token}.ics"
    return {"web": web, "webcal": "webcal://" + web.split("://", 1)[1]}


def plan_context(store: Store, athlete_id: int) -> dict[str, Any]:
    """What the plan template shows of one athlete's plan (their own page and their coach's)."""
    plan = active_plan(store, athlete_id)
    checks = check_plan_doc(plan)
    return {
        "plan": plan,
        "weeks": _weeks(plan),
        "timeline": _timeline(plan),
        "checks": checks,
        "failed": [c for c in checks if not c.ok],
        "check_groups": _grouped(checks),
        "today": today_date().isoformat(),
    }


def plan_day(store: Store, athlete_id: int, on: dt.date) -> dict[str, Any]:
    """One day of the athlete's plan; 404 when the plan has no such day."""
    plan = active_plan(store, athlete_id)
    day: dict[str, Any] | None = next(
        (d for d in plan["days"] if d["date"] == on.isoformat()), None
    )
    if day is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such day in the plan")
    return day


def _plan_page(
    web: WebUser, store: Store, msg: str = "", feed_urls: dict[str, str] | None = None
) -> Response:
    """The page, for the GET and for the POST that shows a new feed URL (and only that one)."""
    return render(
        "plan.html.j2",
        web=web,
        page="plan",
        feed_since=feed_created_at(store, web.athlete_id),
        feed_urls=feed_urls,
        msg=msg,
        **plan_context(store, web.athlete_id),
    )


@router.get("/plan", response_model=None)
def plan_page(web: PageUser, store: StoreDep, msg: str = "") -> Response:
    return _plan_page(web, store, msg[:200])


@router.post("/plan/calendar-link", response_model=None, dependencies=[CsrfChecked])
def new_calendar_link(request: Request, web: PageUser, store: StoreDep) -> Response:
    """Make (or replace) the subscription and show its secret URL this once: the page is the
    POST's answer, not a redirect, so the token is never in a URL the browser keeps."""
    token = create_feed(store, web.athlete_id)
    return _plan_page(web, store, "New subscription link made", _feed_urls(request, token))


@router.post("/plan/calendar-link/revoke", response_model=None, dependencies=[CsrfChecked])
def revoke_calendar_link(web: PageUser, store: StoreDep) -> RedirectResponse:
    revoked = revoke_feed(store, web.athlete_id)
    text = "Subscription+link+revoked" if revoked else "There+was+no+subscription+link"
    return back(f"/plan?msg={text}#calendar")


@router.get("/plan/{on}", response_model=None)
def session_page(on: dt.date, web: PageUser, store: StoreDep) -> Response:
    day = plan_day(store, web.athlete_id, on)
    return render("session.html.j2", web=web, page="plan", day=day, on=on)


@router.get("/plan.ics", response_model=None)
def plan_ics(web: PageUser, store: StoreDep) -> Response:
    return Response(
        plan_calendar(store, web.athlete_id),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="runlift-plan.ics"'},
    )
