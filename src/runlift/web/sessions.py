"""Browser sessions: a compact HMAC-signed cookie, and the CSRF token derived from it.

The cookie holds ``user_id.nonce.issued.mac`` (user 0 is an anonymous visitor, who still needs
a CSRF token for the login form). Nothing secret is in it; the MAC, made with the settings'
secret key (or a random per-process key in development), is what makes it unforgeable. The
CSRF token is a second MAC of the nonce, so it needs no storage and changes with every sign-in.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from fastapi import Request, Response

COOKIE = "runlift_session"
MAX_AGE_S = 14 * 24 * 3600
ANONYMOUS = 0


@dataclass(frozen=True)
class Session:
    user_id: int  # ANONYMOUS before signing in
    nonce: str
    issued: int  # Unix seconds


def session_key(secret: str | None) -> bytes:
    """The signing key: derived from the configured secret, else random for this process."""
    if secret:
        return hashlib.sha256(b"runlift-session:" + secret.encode("utf-8")).digest()
    return secrets.token_bytes(32)


def _mac(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def encode(key: bytes, session: Session) -> str:
    payload = f"{session.user_id}.{session.nonce}.{session.issued}"
    return f"{payload}.{_mac(key, payload)}"


def decode(key: bytes, value: str, now: float | None = None) -> Session | None:
    """The session a cookie value holds, or None when it is forged, malformed or too old."""
    parts = value.split(".")
    if len(parts) != 4:
        return None
    payload, mac = ".".join(parts[:3]), parts[3]
    if not hmac.compare_digest(_mac(key, payload), mac):
        return None
    try:
        user_id, issued = int(parts[0]), int(parts[2])
    except ValueError:
        return None
    now = time.time() if now is None else now
    if not 0 <= now - issued <= MAX_AGE_S:
        return None
    return Session(user_id, parts[1], issued)


def new_session(user_id: int) -> Session:
    return Session(user_id, secrets.token_urlsafe(16), int(time.time()))


def csrf_token(key: bytes, session: Session) -> str:
    return _mac(key, f"csrf:{session.nonce}:{session.user_id}")


def csrf_ok(key: bytes, session: Session | None, token: str | None) -> bool:
    if session is None or not token:
        return False
    return hmac.compare_digest(csrf_token(key, session), token)


def read(request: Request) -> Session | None:
    value = request.cookies.get(COOKIE)
    key: bytes = request.app.state.session_key
    return decode(key, value) if value else None


def write(request: Request, response: Response, session: Session) -> None:
    """Set the cookie: HttpOnly, SameSite=Lax, and Secure whenever the request came over https."""
    response.set_cookie(
        COOKIE,
        encode(request.app.state.session_key, session),
        max_age=MAX_AGE_S,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def clear(request: Request, response: Response) -> None:
    response.delete_cookie(
        COOKIE, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )
