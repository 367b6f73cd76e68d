"""Sign in (e-mail and password, or the one-time link ``runlift serve`` prints) and sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runlift.app import accounts
from runlift.web import sessions
from runlift.web.access_log import hide_tokens
from runlift.web.deps import StoreDep
from runlift.web.pages.common import CsrfChecked, back, render

router = APIRouter(include_in_schema=False)


def _safe_next(url: str | None) -> str:
    """Only a path on this site, so the form cannot bounce a user to another one."""
    if url and url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return url
    return "/today"


def _form(request: Request, error: str = "", next_url: str = "", code: int = 200) -> Response:
    """The login form, with an anonymous session so even this POST carries a CSRF token."""
    session = sessions.read(request)
    fresh = session is None
    if session is None:
        session = sessions.new_session(sessions.ANONYMOUS)
    token = sessions.csrf_token(request.app.state.session_key, session)
    response = render("login.html.j2", code, csrf=token, error=error, next_url=_safe_next(next_url))
    if fresh:
        sessions.write(request, response, session)
    return response


def _signed_in(request: Request, user_id: int, url: str) -> RedirectResponse:
    response = back(url)
    sessions.write(request, response, sessions.new_session(user_id))  # a new nonce: no fixation
    return response


@router.get("/", response_model=None)
def home() -> RedirectResponse:
    return back("/today")


@router.get("/login", response_model=None)
def login_form(request: Request, next: str = "/today") -> Response:
    return _form(request, next_url=next)


@router.post("/login", response_model=None, dependencies=[CsrfChecked])
def login(
    request: Request,
    store: StoreDep,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/today",
) -> Response:
    client = request.client.host if request.client else "?"
    if not request.app.state.login_limiter.allow(email, client):
        return _form(request, "Too many attempts; wait a few minutes.", next, 429)
    user = accounts.authenticate(store, email, password)
    if user is None:
        return _form(request, "Wrong e-mail or password.", next, status.HTTP_401_UNAUTHORIZED)
    return _signed_in(request, user.id, _safe_next(next))


@router.get("/login/once/{token}", response_model=None)
def login_once(token: str, request: Request, store: StoreDep) -> Response:
    hide_tokens()  # the link's token stays out of the access log
    user = accounts.use_login_link(store, token)
    if user is None:
        return _form(request, "That login link is used or expired; sign in below.", code=400)
    return _signed_in(request, user.id, "/today")


@router.post("/logout", response_model=None, dependencies=[CsrfChecked])
def logout(request: Request) -> HTMLResponse | RedirectResponse:
    response = back("/login")
    sessions.clear(request, response)
    return response
