"""The web pages through TestClient against SQLite and PostgreSQL: sign-in, CSRF, logging."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from api_support import PASSWORD, World, count, world_fixture
from runlift.app import accounts
from runlift.store.tables import LoginLinkRow, SetRow, StrengthSessionRow
from web_support import COACH, csrf, login, signed_in

PAGES = (
    "/today",
    "/plan",
    "/plan/2026-12-08",
    "/history",
    "/report",
    "/exercises",
    "/exercises/goblet-squat",
    "/plan.ics",
)

world = world_fixture  # the populated app on SQLite and on PostgreSQL


def test_anonymous_is_sent_to_login_and_owner_sees_every_page(world: World) -> None:
    c = world.client
    for path in PAGES:
        r = c.get(path, follow_redirects=False)
        assert r.status_code == 303, path
        assert r.headers["location"].startswith("/login?next="), path
    login(c)
    for path in PAGES:
        r = c.get(path)
        assert r.status_code == 200, (path, r.text[:300])
    assert "BEGIN:VCALENDAR" in c.get("/plan.ics").text
    assert "<svg" in c.get("/report").text
    assert c.get("/exercises?pattern=squat&level=beginner").status_code == 200
    assert c.get("/exercises/no-such-thing").status_code == 404


def test_wrong_password_and_csrf_refusals(world: World) -> None:
    c = world.client
    token = csrf(c.get("/login").text)
    bad = {"email": "owner@example.org", "password": "nope nope", "csrf_token": token}
    assert c.post("/login", data=bad).status_code == 401
    no_token = {"email": "owner@example.org", "password": PASSWORD}
    assert c.post("/login", data=no_token).status_code == 403
    login(c)
    before = count(world, SetRow)
    one = {"exercise_id": "goblet-squat", "reps": "8", "load": "12"}
    assert c.post("/today/sets", data=one).status_code == 403
    assert c.post("/today/sets", data={**one, "csrf_token": "forged"}).status_code == 403
    assert count(world, SetRow) == before


def test_log_a_set_see_it_in_history_and_delete(world: World) -> None:
    c = world.client
    token = login(c)
    today = c.get("/today").text
    first = re.search(r'<form method="post" action="/today/sets">(.*?)</form>', today, re.S)
    assert first
    fields = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', first.group(1)))
    r = c.post("/today/sets", data=fields, follow_redirects=False)
    assert r.status_code == 303
    assert "rest=" in r.headers["location"]
    # Taps add to one session; the header works as well as the hidden field.
    data = {k: v for k, v in fields.items() if k != "csrf_token"}
    r = c.post("/today/sets", data=data, headers={"X-CSRF-Token": token})
    assert r.status_code == 200
    assert count(world, StrengthSessionRow) == 1
    assert count(world, SetRow) == 2
    assert "✓ Set 1" in r.text
    history = c.get("/history").text
    session_id = re.search(r"/history/session/([0-9a-f]+)/delete", history)
    assert session_id
    delete = f"/history/session/{session_id.group(1)}/delete"
    assert c.post(delete, data={}).status_code == 403
    assert c.post(delete, data={"csrf_token": token}).status_code == 200
    assert count(world, StrengthSessionRow) == 0
    assert c.post(delete, data={"csrf_token": token}).status_code == 404


def test_run_log_and_hostile_text_is_escaped(world: World) -> None:
    c = world.client
    token = login(c)
    r = c.post("/today/run", data={"distance": "8", "minutes": "45", "csrf_token": token})
    assert r.status_code == 200
    assert "Run logged" in r.text
    hostile = "<script>alert(1)</script>"
    page = c.get("/exercises", params={"search": hostile}).text
    assert hostile not in page
    assert "&lt;script&gt;" in page
    page = c.get("/today", params={"msg": hostile}).text
    assert hostile not in page


def test_other_athletes_entries_are_404_and_coach_has_no_pages(world: World) -> None:
    c = world.client
    token = login(c)
    assert c.post("/history/run/nope/delete", data={"csrf_token": token}).status_code == 404
    other, _ = signed_in(world, COACH, "/coach")
    # A coach has no athlete pages: Today sends them home to /coach, the rest are 404.
    home = other.get("/today", follow_redirects=False)
    assert home.status_code == 303
    assert home.headers["location"] == "/coach"
    for path in ("/history", "/plan", "/report", "/profile"):
        assert other.get(path).status_code == 404, path


def test_one_time_link_works_once(world: World) -> None:
    owner = accounts.ensure_owner(world.store)
    assert owner is not None
    assert owner.email == "owner@example.org"
    token = accounts.create_login_link(world.store, owner.id)
    with world.store.engine.connect() as conn:
        stored = list(conn.execute(select(LoginLinkRow.token_hash)).scalars())
    assert token not in stored
    c = world.client
    r = c.get(f"/login/once/{token}", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/today"
    assert c.get("/today").status_code == 200
    fresh = TestClient(c.app)
    assert fresh.get(f"/login/once/{token}").status_code == 400
    logout = c.post(
        "/logout", data={"csrf_token": csrf(c.get("/today").text)}, follow_redirects=False
    )
    assert logout.status_code == 303
    assert c.get("/today", follow_redirects=False).status_code == 303
