"""Profile: the stored profile as TOML in a textarea, checked like ``runlift profile edit``.

The same validation (``profile_from_dict`` through ``athlete.replan``) gives the same messages;
each is shown beside the line of the key it names. A refused edit stores nothing; an accepted
one stores the profile and replans from today. Below it the athlete manages coaches: joins one
with an invite code, and removes one, which ends that coach's access at once; and makes and
revokes the bearer tokens scripts use for the REST API (a new token is shown once, in the answer
to the POST itself, never in a URL).
"""

from __future__ import annotations

import re
import tomllib
from typing import Annotated, Any
from urllib.parse import quote

import tomli_w
from fastapi import APIRouter, Form, HTTPException, status
from fastapi.responses import RedirectResponse, Response

from runlift.app import accounts, athlete, coaching
from runlift.errors import BadInput
from runlift.web.deps import StoreDep
from runlift.web.pages.common import CsrfChecked, PageUser, back, render, today_date

router = APIRouter(include_in_schema=False)
MAX_TOML = 20_000
_SECTION = re.compile(r"^\s*\[([A-Za-z0-9_-]+)\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_WHERE = re.compile(r"^\[?([A-Za-z0-9_-]+)\]?(?:\.([A-Za-z0-9_-]+))?(?:\[\d+\])?:")
_TOML_LINE = re.compile(r"at line (\d+)")


def _line_of(text: str, problem: str) -> int | None:
    """The 1-based line a problem names: ``section.key: …`` or ``[section]: …``, else None."""
    found = _TOML_LINE.search(problem)
    if problem.startswith("not valid TOML") and found:
        return int(found.group(1))
    where = _WHERE.match(problem)
    if where is None:
        return None
    section, key = where.group(1), where.group(2)
    current = ""
    header = None
    for n, line in enumerate(text.splitlines(), start=1):
        head = _SECTION.match(line)
        if head:
            current = head.group(1)
            if current == section:
                header = n
            continue
        k = _KEY.match(line)
        if k and key and current == section and k.group(1) == key:
            return n
        if k and not key and current == "" and k.group(1) == section:  # e.g. ``schema = …``
            return n
    return header


def _annotated(text: str, problems: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """The text's lines, each with the problems that name it, and the problems naming none."""
    by_line: dict[int, list[str]] = {}
    loose: list[str] = []
    for p in problems:
        n = _line_of(text, p)
        if n is None:
            loose.append(p)
        else:
            by_line.setdefault(n, []).append(p)
    lines = [
        {"n": n, "text": line, "problems": by_line.get(n, [])}
        for n, line in enumerate(text.splitlines(), start=1)
    ]
    return lines, loose


def _page(
    web: PageUser,
    store: StoreDep,
    text: str,
    problems: list[str],
    code: int,
    msg: str = "",
    err: str = "",
    token_made: str = "",
) -> Response:
    lines, loose = _annotated(text, problems)
    return render(
        "profile.html.j2",
        code,
        web=web,
        page="profile",
        text=text,
        rows=max(12, min(40, text.count("\n") + 2)),
        problems=problems,
        lines=[line for line in lines if line["problems"]],
        loose=loose,
        coaches=coaching.coaches_of(store, web.athlete_id),
        tokens=accounts.live_tokens(store, web.user.id),
        token_made=token_made,
        msg=msg,
        err=err,
    )


@router.get("/profile", response_model=None)
def profile_page(web: PageUser, store: StoreDep, msg: str = "", err: str = "") -> Response:
    return _page(web, store, _current_text(store, web), [], 200, msg, err)


@router.post("/profile", response_model=None, dependencies=[CsrfChecked])
def save_profile(
    web: PageUser, store: StoreDep, profile: Annotated[str, Form()] = ""
) -> Response | RedirectResponse:
    text = profile.replace("\r\n", "\n")
    try:
        if len(text) > MAX_TOML:
            raise BadInput(f"profile: expected at most {MAX_TOML} characters")
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise BadInput(f"not valid TOML: {exc}") from None
        planned = athlete.replan(store, today_date(), profile_doc=doc, athlete_id=web.athlete_id)
    except BadInput as exc:
        return _page(web, store, text, [*exc.problems], 400)
    said = f"Saved; the plan is rebuilt from today ({len(planned.plan.days)} days)."
    return back(f"/profile?msg={quote(said)}")


@router.post("/profile/coaches", response_model=None, dependencies=[CsrfChecked])
def join_coach(
    web: PageUser, store: StoreDep, code: Annotated[str, Form()] = ""
) -> RedirectResponse:
    """Accept a coach's invite code: that coach can then read this athlete's training."""
    try:
        if not code.strip():
            raise BadInput("code: enter the invite code your coach gave you")
        coach_id = accounts.accept_invite(store, web.athlete_id, code.strip())
    except BadInput as exc:
        return back(f"/profile?err={quote('; '.join(exc.problems)[:300])}")
    coaches = coaching.coaches_of(store, web.athlete_id)
    name = next((c.name for c in coaches if c.id == coach_id), "The coach")
    said = quote(f"{name} can now see your training")
    return back(f"/profile?msg={said}")


@router.post("/profile/coaches/{coach_id}/remove", response_model=None, dependencies=[CsrfChecked])
def remove_coach(coach_id: int, web: PageUser, store: StoreDep) -> RedirectResponse:
    """Only the athlete's own links: another coach id removes nothing and answers 404."""
    if not coaching.leave_coach(store, web.athlete_id, coach_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "coach not found")
    return back(f"/profile?msg={quote('Removed; that coach no longer sees your training')}")


def _current_text(store: StoreDep, web: PageUser) -> str:
    return tomli_w.dumps(athlete.stored_profile(store, web.athlete_id).to_contract())


@router.post("/profile/tokens", response_model=None, dependencies=[CsrfChecked])
def make_token(web: PageUser, store: StoreDep, name: Annotated[str, Form()] = "") -> Response:
    """A new API token, shown on the page this once; only its SHA-256 is kept."""
    _id, token = accounts.create_token(store, web.user.id, name or "script")
    return _page(web, store, _current_text(store, web), [], 200, token_made=token)


@router.post("/profile/tokens/{token_id}/revoke", response_model=None, dependencies=[CsrfChecked])
def revoke_token(token_id: int, web: PageUser, store: StoreDep) -> RedirectResponse:
    """Only the user's own tokens: another id revokes nothing and answers 404."""
    if not accounts.revoke_token(store, web.user.id, token_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "token not found")
    return back(f"/profile?msg={quote('Token revoked: scripts using it are refused from now on')}")
