"""The FastAPI application factory: nothing is built at import, everything in ``create_app``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware

from runlift.errors import BadInput, Conflict
from runlift.store.uow import Store
from runlift.web import sessions
from runlift.web.access_log import hide_tokens
from runlift.web.api import athletes, auth, coach, imports, me, reports, training
from runlift.web.pages import calendar_feed as calendar_feed_page
from runlift.web.pages import coach as coach_page
from runlift.web.pages import common as page_common
from runlift.web.pages import exercises as exercises_page
from runlift.web.pages import form_checks as form_checks_page
from runlift.web.pages import history as history_page
from runlift.web.pages import imports as imports_page
from runlift.web.pages import login as login_page
from runlift.web.pages import plan as plan_page
from runlift.web.pages import profile as profile_page
from runlift.web.pages import report as report_page
from runlift.web.pages import static as static_page
from runlift.web.pages import today as today_page
from runlift.web.ratelimit import AttemptLimiter
from runlift.web.settings import Settings

PREFIX = "/api/v1"


def _field(loc: tuple[int | str, ...]) -> str:
    """``("body", "sets", 0, "reps")`` → ``sets[0].reps``: the name a client sent."""
    out = ""
    for part in loc[1:] if loc and loc[0] in ("body", "query", "path") else loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "body"


def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    messages = [f"{_field(tuple(e['loc']))}: {e['msg']}" for e in exc.errors()]
    return JSONResponse({"detail": "; ".join(messages)}, status_code=422)


def _bad_input(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=400)


def _conflict(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=409)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API for ``settings`` (default: from the environment); opens the database at start-up."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        hide_tokens()
        imports.jobs_for(app)  # this process takes its share of the import queue
        yield
        app.state.store.close()

    app = FastAPI(title="runlift", version=_version(), lifespan=lifespan)
    app.state.settings = settings
    app.state.store = Store(settings.database_url)
    app.state.login_limiter = AttemptLimiter(settings.login_attempts, settings.login_window_s)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(BadInput, _bad_input)
    app.add_exception_handler(Conflict, _conflict)
    for module in (auth, me, athletes, training, reports, coach):
        app.include_router(module.router, prefix=PREFIX)
    app.include_router(imports.router, prefix=PREFIX)
    app.state.session_key = sessions.session_key(settings.secret_key)
    app.add_exception_handler(page_common.LoginRequired, page_common.login_redirect)
    app.add_exception_handler(page_common.GoTo, page_common.go_to)
    for page in (login_page, today_page, history_page, plan_page, report_page, exercises_page):
        app.include_router(page.router)
    app.include_router(profile_page.router)
    app.include_router(coach_page.router)
    app.include_router(imports_page.router)
    app.include_router(static_page.router)
    app.include_router(calendar_feed_page.router)
    app.include_router(form_checks_page.router)
    return app


def _version() -> str:
    from runlift import __version__

    return __version__
