"""Typed dependencies: the store, the signed-in user, and the one authorisation check.

``AthleteAccess`` is the only place that decides who sees an athlete: the athlete themself, or a
coach whose invite they accepted. Anything else answers 404, exactly like an id that does not
exist, so the API never tells a stranger which athletes there are.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Response, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from runlift.app import accounts
from runlift.store.uow import Store
from runlift.web.settings import Settings

_bearer = HTTPBearer(auto_error=False)
NOT_FOUND = "athlete not found"


# ``async`` where nothing blocks: FastAPI runs a plain ``def`` dependency in its thread pool, a
# hop to another thread and back for every request.
async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def current_user(
    store: StoreDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> accounts.User:
    user = accounts.user_for_token(store, credentials.credentials) if credentials else None
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "not signed in: send 'Authorization: Bearer TOKEN' (POST /api/v1/auth/tokens)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user


CurrentUser = Annotated[accounts.User, Depends(current_user)]


async def athlete_access(aid: int, user: CurrentUser, store: StoreDep) -> int:
    """The athlete id from the path, once the caller may reach it; 404 otherwise. Athletes
    reaching their own data need no query, so no trip to the thread pool either."""
    if not (
        accounts.owns(user, aid) or await run_in_threadpool(accounts.can_reach, store, user, aid)
    ):
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    return aid


AthleteAccess = Annotated[int, Depends(athlete_access)]


def json_response(content: Any, status_code: int = 200) -> Response:
    """A JSON answer encoded as FastAPI's JSONResponse does, for content that is plain JSON types
    already: skips ``jsonable_encoder``'s walk over every value (tens of ms on large documents)."""
    body = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return Response(body.encode("utf-8"), status_code, media_type="application/json")
