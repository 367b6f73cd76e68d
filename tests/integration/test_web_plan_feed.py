"""The Plan page's audit results and calendar subscription, through TestClient on SQLite and
PostgreSQL: the feed URL works with no cookie, revoking or replacing it kills the old token, one
athlete's token never serves another's plan, the POSTs need CSRF, and the token is stored and
logged only as its hash (or not at all)."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from test_web_pages import csrf, login

from api_support import PASSWORD, World, build_world
from runlift.app import athlete
from runlift.store.tables import CalendarFeedRow, PlanRow
from runlift.web.access_log import ACCESS_LOGGER, HideTokens
from runlift.web.app import create_app
from runlift.web.settings import Settings

FEED_URL = re.compile(r'id="feed-web" readonly value="(http://testserver/calendar/([^"/]+)\.ics)"')
WEBCAL_URL = re.compile(
    r'id="feed-webcal" readonly value="webcal://testserver/calendar/([^"/]+)\.ics"'
)


@pytest.fixture
def world(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    monkeypatch.setenv("RUNLIFT_TODAY", "2026-12-08")
    w = build_world(db_url)
    # The other athlete gets a plan of their own (another name, other days), so a feed that
    # served the wrong athlete would show.
    doc = athlete.stored_profile(w.store, w.other_aid).to_contract()
    doc["athlete"]["name"] = "Robin"
    doc["strength"]["available_days"] = ["mon", "wed", "fri"]
    athlete.replan(w.store, dt.date(2026, 12, 8), profile_doc=doc, athlete_id=w.other_aid)
    yield w
    w.client.close()
    w.store.close()


def subscribe(c: TestClient, token: str) -> tuple[str, str]:
    """POST "Create subscription link"; (the https-or-http feed URL, the clear token)."""
    r = c.post("/plan/calendar-link", data={"csrf_token": token})
    assert r.status_code == 200, r.text[:300]
    assert r.headers["cache-control"] == "no-store"
    found = FEED_URL.search(r.text)
    assert found, r.text[:2000]
    webcal = WEBCAL_URL.search(r.text)
    assert webcal
    assert webcal.group(1) == found.group(2)
    return found.group(1), found.group(2)


def feed(w: World, token: str) -> Any:
    """GET the feed with a fresh client: no cookie, no header, nothing but the URL."""
    anonymous = TestClient(w.client.app)  # not entered: the app's shutdown would close the store
    try:
        return anonymous.get(f"/calendar/{token}.ics")
    finally:
        anonymous.close()


def event_dates(body: bytes) -> list[str]:
    cal = icalendar.Calendar.from_ical(body)
    return sorted(str(e.decoded("dtstart")) for e in cal.walk("VEVENT"))


def plan_dates(w: World, athlete_id: int) -> list[str]:
    plan = athlete.active_plan(w.store, athlete_id)
    return sorted(d["date"] for d in plan["days"] if d["strength"])


def feed_rows(w: World) -> list[tuple[int, str]]:
    with w.store.engine.connect() as conn:
        rows = conn.execute(select(CalendarFeedRow.athlete_id, CalendarFeedRow.token_hash))
        return [(r[0], r[1]) for r in rows]


def test_plan_page_shows_the_audit_and_its_failures(world: World) -> None:
    c = world.client
    login(c)
    page = c.get("/plan").text
    assert "Plan check" in page
    assert re.search(r"All \d+ rules pass", page)
    assert "pull-push" in page
    assert "Evidence: Schoenfeld 2017" in page  # leg-volume-cap's source, from planning.rules

    # Turn week 1's pulling into pushing in the stored plan: the page must now say it fails.
    with world.store.engine.begin() as conn:
        row = conn.execute(
            select(PlanRow.id, PlanRow.plan_json).where(
                PlanRow.athlete_id == world.aid, PlanRow.active.is_(True)
            )
        ).one()
        doc = json.loads(row.plan_json)
        for day in doc["days"]:
            if day["week"] == 1 and day["strength"]:
                for e in day["strength"]["exercises"]:
                    if e["pattern"].startswith("pull-"):
                        e["pattern"] = "push-horizontal"
        conn.execute(update(PlanRow).where(PlanRow.id == row.id).values(plan_json=json.dumps(doc)))
    page = c.get("/plan").text
    assert re.search(r"1 of \d+ rules fail", page)
    failed = re.search(
        r'<li class="fail"><span class="sev">fail</span> <b>([^<]+)</b><br>([^<]+)', page
    )
    assert failed, page
    assert failed.group(1) == "pull-push"
    assert html.unescape(failed.group(2)).startswith("week 1: 0 pull < ")
    assert 'id="check-balance"' in page


def test_subscribe_feed_revoke_and_replace(world: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    c = world.client
    token = login(c)
    assert "Create subscription link" in c.get("/plan").text

    url, secret = subscribe(c, token)
    assert len(secret) >= 43  # token_urlsafe(32)
    r = feed(world, secret)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/calendar")
    assert "no-store" in r.headers["cache-control"]
    assert "private" in r.headers["cache-control"]
    assert "set-cookie" not in r.headers
    assert event_dates(r.content) == plan_dates(world, world.aid)
    assert r.content == c.get("/plan.ics").content  # the same calendar as the download
    assert url == f"http://testserver/calendar/{secret}.ics"

    # Stored only as its SHA-256.
    rows = feed_rows(world)
    assert rows == [(world.aid, hashlib.sha256(secret.encode()).hexdigest())]
    assert all(secret not in h for _, h in rows)
    page = c.get("/plan").text
    assert secret not in page  # shown once, on the POST's answer only
    assert "New link" in page
    assert "Revoke" in page

    # A new link replaces the old one.
    _, second = subscribe(c, token)
    assert second != secret
    assert feed(world, secret).status_code == 404
    assert feed(world, second).status_code == 200
    assert len(feed_rows(world)) == 1

    # Revoking stops it for good.
    r = c.post("/plan/calendar-link/revoke", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/plan?msg=")
    assert feed(world, second).status_code == 404
    assert feed_rows(world) == []
    assert "Create subscription link" in c.get("/plan").text
    assert feed(world, "not-a-token").status_code == 404

    # Every log line the server side wrote; httpx's are TestClient's own, the calendar app's
    # side of the wire (and they do name the URL, which shows this check can see a leak).
    server = [r.getMessage() for r in caplog.records if not r.name.startswith("httpx")]
    assert any(secret in r.getMessage() for r in caplog.records if r.name.startswith("httpx"))
    for secret_seen in (secret, second):
        assert not [line for line in server if secret_seen in line]


def test_another_athletes_token_never_serves_your_plan(world: World) -> None:
    c = world.client
    mine = subscribe(c, login(c))[1]
    other = TestClient(c.app)
    theirs = subscribe(other, login(other, "other@example.org"))[1]
    assert mine != theirs
    my_dates = event_dates(feed(world, mine).content)
    their_body = feed(world, theirs).content
    assert event_dates(their_body) == plan_dates(world, world.other_aid)
    assert my_dates == plan_dates(world, world.aid)
    assert my_dates != event_dates(their_body)
    assert b"runlift: Robin" in their_body
    assert b"Robin" not in feed(world, mine).content
    # Their revoking leaves mine alone.
    other.post("/plan/calendar-link/revoke", data={"csrf_token": csrf(other.get("/plan").text)})
    assert feed(world, theirs).status_code == 404
    assert feed(world, mine).status_code == 200


def test_the_posts_need_csrf_and_a_signed_in_athlete(world: World) -> None:
    c = world.client
    anonymous = c.post("/plan/calendar-link", follow_redirects=False)
    assert anonymous.status_code in (303, 403)  # refused: no session, so no CSRF token either
    token = login(c)
    assert c.post("/plan/calendar-link").status_code == 403
    assert c.post("/plan/calendar-link", data={"csrf_token": "forged"}).status_code == 403
    assert feed_rows(world) == []
    secret = subscribe(c, token)[1]
    assert c.post("/plan/calendar-link/revoke").status_code == 403
    assert c.post("/plan/calendar-link/revoke", data={"csrf_token": "x"}).status_code == 403
    assert feed(world, secret).status_code == 200
    # The htmx header carries the token too.
    r = c.post("/plan/calendar-link/revoke", headers={"X-CSRF-Token": token})
    assert r.status_code == 200  # followed the redirect back to /plan
    assert feed(world, secret).status_code == 404
    # A coach without an athlete of their own has no feed to make.
    coach = TestClient(c.app)
    t = csrf(coach.get("/login").text)
    coach.post("/login", data={"email": "coach@example.org", "password": PASSWORD, "csrf_token": t})
    coach_token = csrf(coach.get("/coach").text)
    r = coach.post("/plan/calendar-link", data={"csrf_token": coach_token})
    assert r.status_code == 404
    assert feed_rows(world) == []


def test_uvicorn_access_log_line_hides_the_token() -> None:
    """uvicorn writes each request's path to ``uvicorn.access``; the filter blanks the token."""
    token = "Zq3_secret-Token"
    record = logging.LogRecord(
        ACCESS_LOGGER,
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/calendar/{token}.ics", "1.1", 200),
        None,
    )
    assert HideTokens().filter(record)
    line = record.getMessage()
    assert token not in line
    assert line == '127.0.0.1:5000 - "GET /calendar/[token] HTTP/1.1" 200'
    other = logging.LogRecord(ACCESS_LOGGER, logging.INFO, __file__, 1, "GET /plan", None, None)
    assert HideTokens().filter(other)
    assert other.getMessage() == "GET /plan"
    link = logging.LogRecord(
        ACCESS_LOGGER, logging.INFO, __file__, 1, "GET %s", (f"/login/once/{token}",), None
    )
    assert HideTokens().filter(link)
    assert link.getMessage() == "GET /login/once/[token]"


def test_the_filter_is_installed_when_the_app_starts(tmp_path: Path) -> None:
    """Before any feed is fetched: uvicorn may log a mistyped feed path that no route answers."""
    logger = logging.getLogger(ACCESS_LOGGER)
    for f in [f for f in logger.filters if isinstance(f, HideTokens)]:
        logger.removeFilter(f)
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'runlift.db'}"))
    assert not any(isinstance(f, HideTokens) for f in logger.filters)
    with TestClient(app):
        assert any(isinstance(f, HideTokens) for f in logger.filters)
