"""Athletes the caller reaches, and each one's profile, plan and day."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from runlift.app import accounts, athlete
from runlift.app.today import day_contract, day_view
from runlift.config import today
from runlift.errors import BadInput
from runlift.web.deps import AthleteAccess, CurrentUser, StoreDep, json_response
from runlift.web.schemas import AthleteRead, PlanCreated

router = APIRouter(prefix="/athletes", tags=["athletes"])
MAX_PROFILE_BYTES = 64 * 1024


@router.get("")
def list_athletes(user: CurrentUser, store: StoreDep) -> list[AthleteRead]:
    return [AthleteRead(id=a.id, name=a.name) for a in accounts.reachable_athletes(store, user)]


@router.get("/{aid}/profile")
def get_profile(aid: AthleteAccess, store: StoreDep) -> dict[str, Any]:
    return athlete.stored_profile(store, aid).to_contract()


async def _profile_doc(request: Request) -> dict[str, Any]:
    """The request body as a profile document: TOML for application/toml, else JSON."""
    data = await request.body()
    if len(data) > MAX_PROFILE_BYTES:
        raise BadInput(f"profile: larger than {MAX_PROFILE_BYTES} bytes")
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    try:
        doc = (
            tomllib.loads(data.decode("utf-8"))
            if kind == "application/toml"
            else json.loads(data.decode("utf-8"))
        )
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        what = "TOML" if kind == "application/toml" else "JSON"
        raise BadInput(f"profile: not valid {what}: {exc}") from None
    if not isinstance(doc, dict):
        raise BadInput("profile: expected an object")
    return doc


# The body is read by hand (JSON or TOML), so FastAPI cannot see it: described here for clients and
# for the schema-driven tests, which otherwise would never send a profile.
PROFILE_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"type": "object"}},
        "application/toml": {"schema": {"type": "string"}},
    },
}


@router.put("/{aid}/profile", openapi_extra={"requestBody": PROFILE_BODY})
async def put_profile(aid: AthleteAccess, store: StoreDep, request: Request) -> PlanCreated:
    doc = await _profile_doc(request)
    planned = await run_in_threadpool(
        athlete.replan, store, today(), profile_doc=doc, athlete_id=aid
    )
    return PlanCreated(plan_id=planned.plan_id)


@router.get(
    "/{aid}/plan",
    response_model=None,
    responses={200: {"content": {"application/json": {}, "text/calendar": {}}}},
)
def get_plan(
    aid: AthleteAccess, store: StoreDep, format: str = Query("json", pattern="^(json|ics)$")
) -> Response:
    if format == "ics":
        body = athlete.plan_calendar(store, aid)
        return Response(body, media_type="text/calendar; charset=utf-8")
    # The stored plan JSON as it is (parsing and re-encoding 300 kB cost tens of ms), cached
    # by plan id: after the first request, one small query.
    return Response(athlete.active_plan_json(store, aid), media_type="application/json")


@router.get("/{aid}/today", response_model=None)
def get_today(aid: AthleteAccess, store: StoreDep, date: dt.date | None = None) -> Response:
    now = today()
    return json_response(day_contract(day_view(store, date or now, now, aid)))
