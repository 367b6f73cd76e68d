"""What every page shares: the templates, the signed-in user, CSRF checks, and rendering.

Pages act for the signed-in user's own athlete only; a user without one gets 404, and an
anonymous visitor is sent to the login form (``LoginRequired``), then back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote

import jinja2
from fastapi import Depends, Form, Header, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse

from runlift.app import accounts
from runlift.web import sessions
from runlift.web.deps import StoreDep

# Inline scripts and styles only (no CDN, no build step); nothing may frame the pages.
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
CSRF_REFUSED = "CSRF token missing or wrong; reload"
NAV = (("today", "Today"), ("plan", "Plan"), ("history", "History"), ("report", "Report"))


class LoginRequired(Exception):
    """Raised by the page dependency for an anonymous visitor; answered with a redirect."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


class GoTo(Exception):
    """Raised by a page dependency to send the visitor elsewhere (a coach's home is /coach)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def login_redirect(_request: Request, exc: Exception) -> RedirectResponse:
    assert isinstance(exc, LoginRequired)
    return RedirectResponse(f"/login?next={quote(exc.next_url)}", status.HTTP_303_SEE_OTHER)


def go_to(_request: Request, exc: Exception) -> RedirectResponse:
    assert isinstance(exc, GoTo)
    return RedirectResponse(exc.url, status.HTTP_303_SEE_OTHER)


def _load(name: str) -> str | None:
    node = resources.files("runlift").joinpath("templates", "web", *name.split("/"))
    try:
        return node.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        return None


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = lambda v, d=1: "" if v is None else f"{v:.{d}f}".rstrip("0").rstrip(".")
    return env


@dataclass(frozen=True)
class WebUser:
    user: accounts.User
    athlete_id: int
    session: sessions.Session
    csrf: str


def signed_in(
    request: Request, store: StoreDep, after_post: str
) -> tuple[sessions.Session, accounts.User]:
    """The session and its user; anonymous → login, then back (to ``after_post`` after a POST)."""
    session = sessions.read(request)
    user = None
    if session is not None and session.user_id != sessions.ANONYMOUS:
        user = accounts.user_by_id(store, session.user_id)
    if session is None or user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target if request.method == "GET" else after_post)
    return session, user


def web_user(request: Request, store: StoreDep) -> WebUser:
    """The signed-in user with their own athlete; anonymous → login, no athlete → 404."""
    session, user = signed_in(request, store, "/today")
    if user.athlete_id is None:
        if user.role == "coach" and request.method == "GET" and request.url.path == "/today":
            raise GoTo("/coach")  # where a coach lands after signing in
        raise HTTPException(status.HTTP_404_NOT_FOUND, "athlete not found")
    token = sessions.csrf_token(request.app.state.session_key, session)
    return WebUser(user, user.athlete_id, session, token)


PageUser = Annotated[WebUser, Depends(web_user)]


def check_csrf(
    request: Request,
    csrf_token: Annotated[str | None, Form()] = None,
    x_csrf_token: Annotated[str | None, Header()] = None,
) -> None:
    """Every POST carries the session's token, in a hidden field or the X-CSRF-Token header."""
    key: bytes = request.app.state.session_key
    if not sessions.csrf_ok(key, sessions.read(request), csrf_token or x_csrf_token):
        raise HTTPException(status.HTTP_403_FORBIDDEN, CSRF_REFUSED)


CsrfChecked = Depends(check_csrf)


def upload_csrf_gate(request: Request) -> Callable[[dict[str, str]], None]:
    """``check_csrf`` for a streamed upload: the X-CSRF-Token header, or a ``csrf_token`` field
    sent before the first file (the streamer calls the gate before it writes a byte)."""
    key: bytes = request.app.state.session_key
    session = sessions.read(request)
    header = request.headers.get("x-csrf-token")

    def gate(fields: dict[str, str]) -> None:
        if not sessions.csrf_ok(key, session, header or fields.get("csrf_token")):
            raise HTTPException(status.HTTP_403_FORBIDDEN, CSRF_REFUSED)

    return gate


def render(
    name: str, status_code: int = 200, web: WebUser | None = None, **context: Any
) -> HTMLResponse:
    page = (
        environment()
        .get_template(name)
        .render(
            me=web.user if web else context.pop("me", None),
            csrf=web.csrf if web else context.pop("csrf", ""),
            nav=NAV,
            **context,
        )
    )
    response = HTMLResponse(page, status_code=status_code)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response


def is_htmx(request: Request) -> bool:
    """True for a request htmx made: it wants a fragment to swap in, not a whole page."""
    return request.headers.get("HX-Request") == "true"


def back(url: str) -> RedirectResponse:
    """After a POST, back to a page with GET (so a reload does not post twice)."""
    return RedirectResponse(url, status.HTTP_303_SEE_OTHER)


def today_date() -> dt.date:
    from runlift.config import today

    return today()
