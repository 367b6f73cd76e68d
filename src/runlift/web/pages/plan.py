"""Plan: the calendar week by week with phases as bands; a session opens on its own page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import Response

from runlift.app.athlete import active_plan, plan_calendar
from runlift.web.deps import StoreDep
from runlift.web.pages.common import PageUser, render, today_date

router = APIRouter(include_in_schema=False)


def _weeks(plan: dict[str, Any]) -> list[dict[str, Any]]:
    weeks: list[dict[str, Any]] = []
    for day in plan["days"]:
        if not weeks or weeks[-1]["n"] != day["week"]:
            weeks.append({"n": day["week"], "phase": day["phase"], "deload": False, "days": []})
        weeks[-1]["days"].append(day)
        weeks[-1]["deload"] = weeks[-1]["deload"] or bool(day.get("deload"))
    return weeks


@router.get("/plan", response_model=None)
def plan_page(web: PageUser, store: StoreDep) -> Response:
    plan = active_plan(store, web.athlete_id)
    return render(
        "plan.html.j2",
        web=web,
        page="plan",
        plan=plan,
        weeks=_weeks(plan),
        today=today_date().isoformat(),
    )


@router.get("/plan/{on}", response_model=None)
def session_page(on: dt.date, web: PageUser, store: StoreDep) -> Response:
    plan = active_plan(store, web.athlete_id)
    day = next((d for d in plan["days"] if d["date"] == on.isoformat()), None)
    if day is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such day in the plan")
    return render("session.html.j2", web=web, page="plan", day=day, on=on)


@router.get("/plan.ics", response_model=None)
def plan_ics(web: PageUser, store: StoreDep) -> Response:
    return Response(
        plan_calendar(store, web.athlete_id),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="runlift-plan.ics"'},
    )
