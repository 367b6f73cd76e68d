"""The REST API (contracts §7) through FastAPI's TestClient against SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from api_support import PASSWORD, World, count, sign_in, world_fixture
from runlift.store.tables import ApiTokenRow, RunRow, StrengthSessionRow, UserRow
from tests_support import EXAMPLES

V1 = "/api/v1"
world = world_fixture  # the populated API on SQLite and on PostgreSQL


def test_tokens_are_hashed_and_revocable(world: World) -> None:
    c, h = world.client, world.headers["owner"]
    made = c.post(f"{V1}/auth/tokens", json={"email": "OWNER@example.org", "password": PASSWORD})
    assert made.status_code == 201
    token, token_id = made.json()["token"], made.json()["id"]
    with world.store.engine.connect() as conn:
        hashes = list(conn.execute(select(ApiTokenRow.token_hash)).scalars())
    assert token not in hashes
    assert all(len(x) == 64 for x in hashes)
    mine = {"Authorization": f"Bearer {token}"}
    assert c.get(f"{V1}/me", headers=mine).status_code == 200
    # Someone else cannot revoke it, and it does not exist for them.
    assert (
        c.delete(f"{V1}/auth/tokens/{token_id}", headers=world.headers["coach"]).status_code == 404
    )
    assert c.delete(f"{V1}/auth/tokens/{token_id}", headers=h).status_code == 204
    gone = c.get(f"{V1}/me", headers=mine)
    assert gone.status_code == 401
    assert gone.json() == {"detail": gone.json()["detail"]}
    assert c.get(f"{V1}/me", headers=h).status_code == 200  # the other token still works


def test_wrong_password_is_401_and_login_is_rate_limited(world: World) -> None:
    c = world.client
    bad = {"email": "owner@example.org", "password": "wrong password"}
    assert c.post(f"{V1}/auth/tokens", json=bad).status_code == 401
    assert c.post(f"{V1}/auth/tokens", json={**bad, "email": "nobody@x.org"}).status_code == 401
    codes = [c.post(f"{V1}/auth/tokens", json=bad).status_code for _ in range(12)]
    assert 429 in codes
    assert codes.index(429) == 8
    assert c.post(f"{V1}/auth/tokens", json={**bad, "password": PASSWORD}).status_code == 429


def test_me_and_athletes(world: World) -> None:
    c = world.client
    me = c.get(f"{V1}/me", headers=world.headers["owner"]).json()
    assert me["email"] == "owner@example.org"
    assert me["role"] == "athlete"
    assert me["athlete_id"] == world.aid == 1  # the first athlete account owns the CLI's data
    coach = c.get(f"{V1}/me", headers=world.headers["coach"]).json()
    assert coach["role"] == "coach"
    assert coach["athlete_id"] is None
    assert c.get(f"{V1}/athletes", headers=world.headers["coach"]).json() == [
        {"id": world.aid, "name": "Sam"}
    ]
    assert c.get(f"{V1}/athletes", headers=world.headers["other_coach"]).json() == []
    assert [a["id"] for a in c.get(f"{V1}/athletes", headers=world.headers["owner"]).json()] == [
        world.aid
    ]


def test_registration_is_closed_without_an_invite(world: World) -> None:
    body = {"email": "new@example.org", "password": PASSWORD, "name": "N", "role": "athlete"}
    assert world.client.post(f"{V1}/auth/register", json=body).status_code == 403
    code = world.client.post(f"{V1}/coach/invites", headers=world.headers["coach"]).json()["code"]
    made = world.client.post(f"{V1}/auth/register", json={**body, "invite": code})
    assert made.status_code == 201
    new_aid = made.json()["athlete_id"]
    assert new_aid not in (world.aid, world.other_aid)
    ids = [
        a["id"] for a in world.client.get(f"{V1}/athletes", headers=world.headers["coach"]).json()
    ]
    assert ids == [world.aid, new_aid]
    again = world.client.post(f"{V1}/auth/register", json={**body, "invite": code})
    assert again.status_code == 409
    assert "new@example.org" in again.json()["detail"]
    used = world.client.post(
        f"{V1}/auth/register", json={**body, "email": "n2@example.org", "invite": code}
    )
    assert used.status_code == 400
    assert used.json()["detail"].startswith("invite:")


def test_a_run_posted_appears_in_history_with_the_same_numbers(world: World) -> None:
    c, h = world.client, world.headers["owner"]
    body = {"date": "2026-12-07", "distance_m": 10012.5, "timer_s": 3120, "avg_hr_bpm": 151}
    made = c.post(f"{V1}/athletes/{world.aid}/runs", json=body, headers=h)
    assert made.status_code == 201, made.text
    run = made.json()
    assert run["start_at"] == "2026-12-07T12:00:00Z"
    assert (run["distance_m"], run["timer_s"], run["avg_hr_bpm"]) == (10012.5, 3120.0, 151)
    assert run["source"] == {"format": "manual", "sha256": None}
    hist = c.get(f"{V1}/athletes/{world.aid}/history?since=2026-12-01", headers=h).json()
    assert hist["schema"] == "runlift.history/1"
    assert hist["runs"] == [run]
    assert c.delete(f"{V1}/athletes/{world.aid}/runs/{run['id']}", headers=h).status_code == 204
    assert c.delete(f"{V1}/athletes/{world.aid}/runs/{run['id']}", headers=h).status_code == 404
    assert c.get(f"{V1}/athletes/{world.aid}/history", headers=h).json()["runs"] == []


def test_a_strength_session_mixes_lines_and_set_objects(world: World) -> None:
    c, h = world.client, world.headers["coach"]  # a coach logs for their athlete
    body = {
        "date": "2026-12-08",
        "duration_min": 40,
        "srpe": 6,
        "sets": [
            "squat 2x5@60kg rpe8",
            {"exercise_id": "side-plank", "duration_s": 30, "side": "left"},
        ],
    }
    made = c.post(f"{V1}/athletes/{world.aid}/strength-sessions", json=body, headers=h)
    assert made.status_code == 201, made.text
    s = made.json()
    assert (s["date"], s["duration_min"], s["srpe"]) == ("2026-12-08", 40, 6)
    assert s["planned_session_id"] == "2026-12-08-a"  # the plan's session that day
    assert [(x["exercise_id"], x["order"], x["reps"], x["load_kg"]) for x in s["sets"]] == [
        ("back-squat", 1, 5, 60.0),
        ("back-squat", 2, 5, 60.0),
        ("side-plank", 3, None, None),
    ]
    assert s["sets"][2]["duration_s"] == 30
    assert s["sets"][2]["side"] == "left"
    hist = c.get(f"{V1}/athletes/{world.aid}/history", headers=h).json()
    assert hist["strength_sessions"] == [s]
    url = f"{V1}/athletes/{world.aid}/strength-sessions/{s['id']}"
    assert c.delete(url, headers=world.headers["owner"]).status_code == 204
    assert count(world, StrengthSessionRow) == 0


@pytest.mark.parametrize(
    ("path", "body", "code", "field"),
    [
        ("runs", {"date": "2026-12-07", "distance_m": -5, "timer_s": 60}, 422, "distance_m"),
        ("runs", {"date": "2026-12-07", "timer_s": 60}, 422, "distance_m"),
        ("runs", {"date": "2027-01-01", "distance_m": 5000, "timer_s": 60}, 400, "date: "),
        ("runs", {"date": "2026-12-07", "distance_m": 5, "timer_s": 6, "srpe": 11}, 400, "srpe: "),
        (
            "runs",
            {"date": "2026-12-07", "distance_m": 5, "timer_s": 6, "avg_hr_bpm": 300},
            400,
            "avg_hr_bpm: expected 30 to 250 bpm",
        ),
        (
            "strength-sessions",
            {"date": "2026-12-07", "duration_min": 900, "sets": ["squat 3x5"]},
            400,
            "duration_min: expected 1 to 600",
        ),
        (
            "strength-sessions",
            {"date": "2026-12-07", "sets": ["squat 3x5", "nope 1x1"]},
            400,
            "nope",
        ),
        ("strength-sessions", {"date": "2026-12-07", "sets": []}, 422, "sets"),
        (
            "strength-sessions",
            {
                "date": "2026-12-07",
                "sets": [{"exercise_id": "back-squat", "reps": 5, "contacts": 3}],
            },
            400,
            "sets[0]",
        ),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(
    world: World, path: str, body: dict[str, object], code: int, field: str
) -> None:
    r = world.client.post(
        f"{V1}/athletes/{world.aid}/{path}", json=body, headers=world.headers["owner"]
    )
    assert r.status_code == code, r.text
    assert isinstance(r.json()["detail"], str)
    assert field in r.json()["detail"]
    assert "--" not in r.json()["detail"]  # JSON fields, not the command line's options
    assert count(world, RunRow) == 0
    assert count(world, StrengthSessionRow) == 0


def test_plan_profile_today_report(world: World) -> None:
    c, h, base = world.client, world.headers["owner"], f"{V1}/athletes/{world.aid}"
    plan = c.get(f"{base}/plan", headers=h).json()
    assert plan["schema"] == "runlift.plan/1"
    assert plan["days"][0]["date"] == "2026-12-07"
    ics = c.get(f"{base}/plan?format=ics", headers=h)
    assert ics.headers["content-type"].startswith("text/calendar")
    assert ics.text.startswith("BEGIN:VCALENDAR")
    assert "2026-12-08-a" in ics.text
    profile = c.get(f"{base}/profile", headers=h).json()
    assert profile["schema"] == "runlift.profile/1"
    assert profile["athlete"]["name"] == "Sam"
    today = c.get(f"{base}/today", headers=h).json()
    assert today["date"] == "2026-12-08"
    assert today["run"] == "quality"
    assert today["session"]["id"] == "2026-12-08-a"
    assert all("load_kg" in e for e in today["session"]["exercises"])
    report = c.get(f"{base}/report?since=2026-12-01&until=2026-12-08", headers=h).json()
    assert report["schema"] == "runlift.report/1"
    assert [d["date"] for d in report["daily"]][-1] == "2026-12-08"
    # At most 10 years (3,653 days) a report: the longest passes, one day more is refused.
    end = dt.date(2026, 12, 8)
    longest = end - dt.timedelta(days=3652)
    ten = c.get(f"{base}/report?since={longest}&until={end}", headers=h)
    assert ten.status_code == 200
    assert len(ten.json()["daily"]) == 3653
    too_long = c.get(f"{base}/report?since={longest - dt.timedelta(days=1)}&until={end}", headers=h)
    assert too_long.status_code == 422
    assert too_long.json()["detail"].startswith("since: a report covers at most 3653 days")
    # Changing the profile replans: a new plan id, the new weekly distance in the plan.
    profile["running"]["weekly_distance_km"] = 50.0
    put = c.put(f"{base}/profile", json=profile, headers=h)
    assert put.status_code == 200, put.text
    assert put.json()["plan_id"] > 0
    assert c.get(f"{base}/plan", headers=h).json()["profile"]["running"]["weekly_distance_km"] == 50
    toml = (EXAMPLES / "sample-runner.toml").read_bytes()
    put = c.put(f"{base}/profile", content=toml, headers={**h, "Content-Type": "application/toml"})
    assert put.status_code == 200, put.text
    bad = c.put(f"{base}/profile", json={**profile, "goal": {"race": "moon"}}, headers=h)
    assert bad.status_code == 400
    assert "race" in bad.json()["detail"]


def test_passwords_are_argon2(world: World) -> None:
    with world.store.engine.connect() as conn:
        hashes = list(conn.execute(select(UserRow.password_hash)).scalars())
    assert all(x.startswith("$argon2id$") for x in hashes)
    assert sign_in(world.client, "owner@example.org")  # and they verify
