"""Authorisation matrix: every athlete route for five callers, as contracts §7 says.

The owner and the owner's coach reach the athlete; another athlete and another coach get 404,
exactly like an id that does not exist; nobody signed in gets 401.
"""

from __future__ import annotations

from collections.abc import Callable

from api_support import World, world_fixture
from runlift.app import accounts

V1 = "/api/v1"
Body = Callable[[World], dict[str, object] | None]


def _run(w: World) -> str:
    r = w.client.post(
        f"{V1}/athletes/{w.aid}/runs",
        json={"date": "2026-12-07", "distance_m": 5000, "timer_s": 1500},
        headers=w.headers["owner"],
    )
    return str(r.json()["id"])


def _session(w: World) -> str:
    r = w.client.post(
        f"{V1}/athletes/{w.aid}/strength-sessions",
        json={"date": "2026-12-07", "sets": ["squat 1x5@50kg"]},
        headers=w.headers["owner"],
    )
    return str(r.json()["id"])


def _profile(w: World) -> dict[str, object]:
    r = w.client.get(f"{V1}/athletes/{w.aid}/profile", headers=w.headers["owner"])
    return dict(r.json())


# (method, path under /athletes/{aid}, body, status for the owner and the coach)
ROUTES: list[tuple[str, Callable[[World], str], Body, int]] = [
    ("GET", lambda w: "/profile", lambda w: None, 200),
    ("PUT", lambda w: "/profile", _profile, 200),
    ("GET", lambda w: "/plan", lambda w: None, 200),
    ("GET", lambda w: "/plan?format=ics", lambda w: None, 200),
    ("GET", lambda w: "/today", lambda w: None, 200),
    ("GET", lambda w: "/history", lambda w: None, 200),
    ("GET", lambda w: "/report", lambda w: None, 200),
    (
        "POST",
        lambda w: "/runs",
        lambda w: {"date": "2026-12-07", "distance_m": 5000, "timer_s": 1500},
        201,
    ),
    (
        "POST",
        lambda w: "/strength-sessions",
        lambda w: {"date": "2026-12-07", "sets": ["squat 1x5@50kg"]},
        201,
    ),
    ("DELETE", lambda w: f"/runs/{_run(w)}", lambda w: None, 204),
    ("DELETE", lambda w: f"/strength-sessions/{_session(w)}", lambda w: None, 204),
]
CALLERS = ["owner", "coach", "other_athlete", "other_coach", "anonymous"]
EXPECTED = {"other_athlete": 404, "other_coach": 404, "anonymous": 401}


world = world_fixture  # the populated API on SQLite and on PostgreSQL


def test_every_route_for_every_caller(world: World) -> None:
    c = world.client
    seen: list[tuple[str, str, str, int]] = []
    for method, path, body, ok in ROUTES:
        for caller in CALLERS:
            url = f"{V1}/athletes/{world.aid}{path(world)}"
            r = c.request(method, url, json=body(world), headers=world.headers[caller])
            expected = EXPECTED.get(caller, ok)
            seen.append((method, url, caller, r.status_code))
            assert r.status_code == expected, (method, url, caller, r.text)
            if expected == 404:
                assert r.json() == {"detail": "athlete not found"}
            # An id that does not exist answers exactly like someone else's.
            if caller == "owner":
                missing = c.request(
                    method,
                    url.replace(f"/athletes/{world.aid}", "/athletes/999999"),
                    json=body(world),
                    headers=world.headers[caller],
                )
                assert missing.status_code == 404
                assert missing.json() == {"detail": "athlete not found"}
    assert len(seen) == len(ROUTES) * len(CALLERS)


def test_the_other_athlete_reaches_their_own_data(world: World) -> None:
    h = world.headers["other_athlete"]
    r = world.client.get(f"{V1}/athletes/{world.other_aid}/history", headers=h)
    assert r.status_code == 200
    assert (
        world.client.get(
            f"{V1}/athletes/{world.other_aid}/history", headers=world.headers["owner"]
        ).status_code
        == 404
    )


def test_list_me_and_invites_for_every_caller(world: World) -> None:
    c = world.client
    for caller in CALLERS:
        h = world.headers[caller]
        anon = caller == "anonymous"
        assert c.get(f"{V1}/me", headers=h).status_code == (401 if anon else 200)
        assert c.get(f"{V1}/athletes", headers=h).status_code == (401 if anon else 200)
        invite = c.post(f"{V1}/coach/invites", headers=h).status_code
        assert invite == (401 if anon else 201 if "coach" in caller else 403)


def test_accepting_an_invite(world: World) -> None:
    c = world.client
    coach2 = accounts.user_for_token(
        world.store, world.headers["other_coach"]["Authorization"].removeprefix("Bearer ")
    )
    assert coach2 is not None
    url = f"{V1}/athletes/{world.aid}/coaches"
    expected = {"owner": 201, "coach": 403, "other_athlete": 404, "other_coach": 404}
    for caller in reversed(CALLERS):  # the owner last: accepting changes what coach 2 reaches
        code = accounts.create_invite(world.store, coach2)
        r = c.post(url, json={"code": code}, headers=world.headers[caller])
        assert r.status_code == expected.get(caller, 401), (caller, r.text)
    # After the owner accepted, the second coach reaches the athlete.
    r = c.get(f"{V1}/athletes/{world.aid}/history", headers=world.headers["other_coach"])
    assert r.status_code == 200
    bad = c.post(url, json={"code": "nope"}, headers=world.headers["owner"])
    assert bad.status_code == 400
    assert bad.json()["detail"].startswith("code:")
