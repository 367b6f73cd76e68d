"""A coach reads a linked athlete's report and adjusts the plan from it; the athlete joins and
removes coaches on the Profile page. SQLite and PostgreSQL, through TestClient."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from test_web_pages import csrf, login
from test_web_pages_more import coach_client

from api_support import PASSWORD, World, build_world
from runlift.app import accounts, log
from runlift.store.tables import PlanRow

TODAY = dt.date(2026, 12, 28)
START = dt.date(2026, 12, 7)


@pytest.fixture
def world(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    monkeypatch.setenv("RUNLIFT_TODAY", TODAY.isoformat())
    w = build_world(db_url)
    # Two steady weeks, then a jump in distance: a flag whose suggestion changes the plan.
    for d in range(0, 14, 2):
        log.log_run(w.store, START + dt.timedelta(d), TODAY, 8000.0, 2700.0, None, 5.0, w.aid)
    for d in range(14, 21):
        log.log_run(w.store, START + dt.timedelta(d), TODAY, 12000.0, 3900.0, None, 7.0, w.aid)
    yield w
    w.client.close()
    w.store.close()


def plans(w: World, aid: int) -> int:
    with w.store.engine.connect() as conn:
        query = select(func.count()).select_from(PlanRow).where(PlanRow.athlete_id == aid)
        return int(conn.execute(query).scalar_one())


def test_coach_reads_the_report_and_applies_a_suggestion(world: World) -> None:
    coach, token = coach_client(world)
    url = f"/coach/athletes/{world.aid}/report"
    assert coach.get(f"/coach/athletes/{world.other_aid}/report").status_code == 404
    assert f'href="{url}"' in coach.get(f"/coach/athletes/{world.aid}").text
    page = coach.get(url).text
    assert 'id="chart-load"' in page
    flag = re.search(
        rf'<form method="post" action="{url}/accept".*?name="flag_id" value="([^"]+)"', page, re.S
    )
    assert flag, "the jump in distance offers a plan change"
    before = plans(world, world.aid)
    data = {"flag_id": flag.group(1), "csrf_token": token}
    assert coach.post(f"{url}/accept", data={**data, "csrf_token": "x"}).status_code == 403
    other_url = f"/coach/athletes/{world.other_aid}/report/accept"
    assert coach.post(other_url, data=data).status_code == 404
    assert plans(world, world.other_aid) == 1
    r = coach.post(f"{url}/accept", data=data, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith(f"{url}?msg=Applied")
    assert plans(world, world.aid) == before + 1
    # The same suggestion twice changes nothing more, and says why.
    again = coach.post(f"{url}/accept", data=data)
    assert "already accepted" in again.text
    assert plans(world, world.aid) == before + 1
    # The athlete's own report page is unchanged in shape: its form posts to /report/accept.
    login(world.client)
    assert 'action="/report/accept"' in world.client.get("/report").text


def test_athlete_joins_and_removes_a_coach_on_the_profile_page(world: World) -> None:
    c = world.client
    token = login(c, "other@example.org")
    page = c.get("/profile").text
    assert "No coach sees your training." in page
    two = accounts.authenticate(world.store, "coach@example.org", PASSWORD)
    assert two is not None
    assert two.role == "coach"
    code = accounts.create_invite(world.store, two)
    r = c.post("/profile/coaches", data={"code": "nope", "csrf_token": token})
    assert "unknown or already used invite code" in r.text
    assert c.post("/profile/coaches", data={"code": code}).status_code == 403
    r = c.post("/profile/coaches", data={"code": code, "csrf_token": token})
    assert "can now see your training" in r.text
    assert "Remove coach Coach" in r.text
    coach, _ = coach_client(world)
    assert coach.get(f"/coach/athletes/{world.other_aid}").status_code == 200
    # Removing: only one's own link; then the coach gets 404 at once.
    assert c.post("/profile/coaches/999/remove", data={"csrf_token": token}).status_code == 404
    r = c.post(f"/profile/coaches/{two.id}/remove", data={"csrf_token": token})
    assert "no longer sees your training" in r.text
    assert coach.get(f"/coach/athletes/{world.other_aid}").status_code == 404
    assert coach.get(f"/coach/athletes/{world.aid}").status_code == 200
    assert csrf(r.text) == token


def test_a_coach_lands_on_the_coach_page_and_invites_without_a_reload_repeat(
    world: World,
) -> None:
    coach, _ = coach_client(world)
    r = coach.get("/today", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/coach"
    assert coach.get("/", follow_redirects=True).url.path == "/coach"
    page = coach.get("/coach").text
    assert 'hx-post="/coach/invites"' in page  # swapped in place: a reload cannot post again
    assert coach.get("/history").status_code == 404  # other athlete pages stay closed


def test_api_tokens_are_made_shown_once_and_revoked_on_the_profile_page(world: World) -> None:
    c = world.client
    token = login(c)
    assert "watch sync" not in c.get("/profile").text  # (build_world made an API token already)
    assert c.post("/profile/tokens", data={"name": "watch sync"}).status_code == 403
    r = c.post("/profile/tokens", data={"name": "watch sync", "csrf_token": token})
    made = re.search(r'<code id="token-made"[^>]*>(rl_[^<]+)</code>', r.text)
    assert made, r.text[-2000:]
    bearer = {"Authorization": f"Bearer {made.group(1)}"}
    assert world.client.get("/api/v1/me", headers=bearer).status_code == 200
    listed = c.get("/profile").text
    assert made.group(1) not in listed  # shown once
    assert "watch sync" in listed
    token_id = re.search(r'action="/profile/tokens/(\d+)/revoke"', listed)
    assert token_id
    # Another user's token id: nothing revoked, 404.
    other = TestClient(world.client.app)
    other_csrf = login(other, "other@example.org")
    revoke = f"/profile/tokens/{token_id.group(1)}/revoke"
    assert other.post(revoke, data={"csrf_token": other_csrf}).status_code == 404
    assert world.client.get("/api/v1/me", headers=bearer).status_code == 200
    r = c.post(revoke, data={"csrf_token": token})
    assert "Token revoked" in r.text
    assert TestClient(world.client.app).get("/api/v1/me", headers=bearer).status_code == 401


def test_the_coachs_note_shows_on_today(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    coach, token = coach_client(world)
    page = coach.get(f"/coach/athletes/{world.aid}").text
    first = re.search(r'<option value="(\d{4}-\d\d-\d\d)">', page)
    assert first
    note = {
        "on": first.group(1),
        "note": "Film your <b>squat</b> from the side",
        "csrf_token": token,
    }
    assert coach.post(f"/coach/athletes/{world.aid}/notes", data=note).status_code == 200
    monkeypatch.setenv("RUNLIFT_TODAY", first.group(1))
    login(world.client)
    today = world.client.get("/today").text
    assert 'id="coach-notes"' in today
    assert "Film your &lt;b&gt;squat&lt;/b&gt; from the side" in today


def test_coach_reads_plan_and_history_but_cannot_change_them(world: World) -> None:
    coach, _ = coach_client(world)
    base = f"/coach/athletes/{world.aid}"
    assert f'href="{base}/plan"' in coach.get(base).text
    plan = coach.get(f"{base}/plan").text
    assert "<h1>Plan" in plan
    assert 'id="calendar"' not in plan  # the calendar links are the athlete's own
    day = re.search(rf'href="{base}/plan/(\d{{4}}-\d\d-\d\d)"', plan)
    assert day, "each session links to the coach's view of it"
    session = coach.get(f"{base}/plan/{day.group(1)}")
    assert session.status_code == 200
    assert f'href="{base}/plan#week-' in session.text
    history = coach.get(f"{base}/history").text
    assert history.count('class="entry run') == 7 + 7  # the runs the fixture logged
    assert "/delete" not in history
    assert "/edit" not in history
    for path in ("plan", "history", "plan/2026-12-10"):
        assert coach.get(f"/coach/athletes/{world.other_aid}/{path}").status_code == 404
    # The athlete's own pages are unchanged: edit and delete are there.
    login(world.client)
    own = world.client.get("/history").text
    assert "/delete" in own
    assert 'id="calendar"' in world.client.get("/plan").text
