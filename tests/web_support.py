"""Signing in to the web pages in the tests: the CSRF token of a page, the login form, and a
real uvicorn server for the browser tests."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from fastapi.testclient import TestClient

from api_support import PASSWORD, World

OWNER = "owner@example.org"
COACH = "coach@example.org"


def csrf(html: str) -> str:
    """The CSRF token a page puts in its forms."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def sign_in_form(c: TestClient, email: str, password: str = PASSWORD) -> httpx.Response:
    """Post the login form as a person does; the answer is a redirect with a strict cookie."""
    token = csrf(c.get("/login").text)
    r: httpx.Response = c.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie
    return r


def login(c: TestClient, email: str = OWNER) -> str:
    """Sign an athlete in on this client; the CSRF token of their session."""
    sign_in_form(c, email)
    return csrf(c.get("/today").text)


def signed_in(w: World, email: str, page: str = "/today") -> tuple[TestClient, str]:
    """A second browser, as it were: a new client signed in as ``email``, and the CSRF token
    read from ``page`` (a coach has no /today)."""
    c = TestClient(w.client.app)
    sign_in_form(c, email)
    return c, csrf(c.get(page).text)


def coach_client(w: World, email: str = COACH) -> tuple[TestClient, str]:
    """A new client signed in as a coach, and its CSRF token."""
    return signed_in(w, email, "/coach")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(app: Any, **config: Any) -> Iterator[str]:
    """The app served by a real uvicorn on a free local port; yields its base URL. ``config``
    goes to ``uvicorn.Config`` (``log_level`` is "warning" unless given)."""
    import uvicorn

    port = free_port()
    config = {"log_level": "warning", **config}
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, **config))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)
