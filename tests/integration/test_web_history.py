"""The History page's delete/undo and edit forms through TestClient, on SQLite and PostgreSQL:
htmx requests (``HX-Request``) get the one entry's fragment, plain forms get redirects, a refused
edit answers 422 naming the field and stores nothing, and undo is for the deleting athlete only."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api_support import PASSWORD, World, build_world
from runlift.app import log
from runlift.store.tables import DeletedEntryRow, RunRow, SetRow, StrengthSessionRow

TODAY = dt.date(2026, 12, 8)
HTMX = {"HX-Request": "true"}


@pytest.fixture
def world(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    monkeypatch.setenv("RUNLIFT_TODAY", TODAY.isoformat())
    w = build_world(db_url)
    yield w
    w.client.close()
    w.store.close()


def login(c: TestClient, email: str = "owner@example.org") -> str:
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text)
    assert token
    c.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token.group(1)})
    page = c.get("/today").text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def table(w: World, orm: Any) -> list[dict[str, Any]]:
    with w.store.engine.connect() as conn:
        t = orm.__table__
        return [dict(r) for r in conn.execute(select(t).order_by(t.c.id)).mappings()]


def count(w: World, orm: Any) -> int:
    with w.store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(orm)).scalar_one())


def test_delete_and_undo_with_htmx_and_without(world: World) -> None:
    c = world.client
    token = login(c)
    run_id = log.log_run(world.store, TODAY, TODAY, 8000.0, 2700.0, 150, 5, world.aid)
    session = log.log_strength(world.store, ["squat 2x5@60kg"], TODAY, TODAY, athlete_id=world.aid)
    before = (table(world, RunRow), table(world, StrengthSessionRow), table(world, SetRow))

    # htmx: the run is swapped for a "Deleted … Undo" strip, and Undo swaps it back.
    r = c.post(f"/history/run/{run_id}/delete", headers={**HTMX, "X-CSRF-Token": token})
    assert r.status_code == 200
    assert "<html" not in r.text
    assert f'id="entry-{run_id}"' in r.text
    assert "Deleted the run from Tue 08 Dec" in r.text
    undo = re.search(r'hx-post="(/history/undo/[0-9a-f]+)"', r.text)
    assert undo
    assert count(world, RunRow) == 0
    # Another athlete cannot undo it (404, nothing restored), nor can a forged request.
    other = TestClient(c.app)
    other_token = login(other, "other@example.org")
    assert other.post(undo.group(1), headers={"X-CSRF-Token": other_token}).status_code == 404
    assert c.post(undo.group(1)).status_code == 403
    assert count(world, RunRow) == 0
    r = c.post(undo.group(1), headers={**HTMX, "X-CSRF-Token": token})
    assert r.status_code == 200
    assert re.search(rf'<section class="entry run" id="entry-{run_id}">', r.text)
    assert "Restored the run." in r.text
    assert "8 km · 45:00 · 150 bpm · RPE 5" in r.text
    assert c.post(undo.group(1), headers={**HTMX, "X-CSRF-Token": token}).status_code == 404

    # Without JS: a redirect to History with the message and an Undo form.
    r = c.post(
        f"/history/session/{session.id}/delete",
        data={"csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert r.headers["location"].startswith("/history?msg=Deleted%20the%20session")
    page = c.get(r.headers["location"]).text
    assert "Deleted the session from Tue 08 Dec" in page
    form = re.search(r'<form method="post" action="(/history/undo/[0-9a-f]+)">', page)
    assert form
    assert count(world, SetRow) == 0
    r = c.post(form.group(1), data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].endswith(f"#entry-{session.id}")
    assert "Restored the session" in c.get(r.headers["location"]).text
    assert (table(world, RunRow), table(world, StrengthSessionRow), table(world, SetRow)) == before
    assert count(world, DeletedEntryRow) == 0
    # A crafted link cannot point the Undo form elsewhere.
    crafted = c.get("/history", params={"undo": "../../logout", "msg": "Deleted"}).text
    assert "/history/undo/" not in crafted


def test_edit_a_run_refused_then_saved(world: World) -> None:
    c = world.client
    token = login(c)
    run_id = log.log_run(world.store, TODAY, TODAY, 8000.0, 2700.0, 150, 5, world.aid)
    before = table(world, RunRow)
    # The edit form: a fragment for htmx, a page of its own without JS.
    r = c.get(f"/history/run/{run_id}/edit", headers=HTMX)
    assert r.status_code == 200
    assert "<html" not in r.text
    assert 'name="distance" value="8"' in r.text
    assert 'name="time" value="45:00"' in r.text
    page = c.get(f"/history/run/{run_id}/edit")
    assert "<html" in page.text
    assert f'action="/history/run/{run_id}/edit"' in page.text
    form = {"distance": "8", "time": "45:00", "hr": "300", "rpe": "5", "csrf_token": token}
    r = c.post(f"/history/run/{run_id}/edit", data=form, headers=HTMX)
    assert r.status_code == 422
    assert "hr: expected 30 to 250 bpm; got 300" in r.text
    assert re.search(r'name="hr" value="300"[^>]*aria-invalid="true"', r.text)
    assert "<html" not in r.text
    r = c.post(f"/history/run/{run_id}/edit", data={**form, "hr": "", "time": "abc"})
    assert r.status_code == 422  # without JS: the whole page, the message beside the field
    assert "<html" in r.text
    assert "time: &#39;abc&#39; is not understood" in r.text
    assert table(world, RunRow) == before
    r = c.post(f"/history/run/{run_id}/edit", data={**form, "hr": "148"}, headers=HTMX)
    assert r.status_code == 200
    assert "Saved the run." in r.text
    assert "148 bpm" in r.text
    r = c.post(
        f"/history/run/{run_id}/edit",
        data={**form, "hr": "148", "distance": "10"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert r.headers["location"] == f"/history?msg=Saved%20the%20run#entry-{run_id}"
    (after,) = table(world, RunRow)
    assert (after["distance_m"], after["avg_hr_bpm"]) == (10000.0, 148.0)
    # Someone else's run, or no run, is 404 whichever way it is asked.
    other = TestClient(c.app)
    other_token = login(other, "other@example.org")
    assert other.get(f"/history/run/{run_id}/edit").status_code == 404
    refused = other.post(
        f"/history/run/{run_id}/edit", data={**form, "hr": "120", "csrf_token": other_token}
    )
    assert refused.status_code == 404
    assert table(world, RunRow) == [after]


def test_edit_a_sessions_sets(world: World) -> None:
    c = world.client
    token = login(c)
    logged = log.log_strength(
        world.store, ["squat 2x5@60kg rpe8", "side-plank 1x30s"], TODAY, TODAY, athlete_id=world.aid
    )
    sets = table(world, SetRow)
    first, second, plank = (s["id"] for s in sets)
    path = f"/history/session/{logged.id}/edit"
    r = c.get(path, headers=HTMX)
    assert f'name="load-{first}" value="60"' in r.text
    assert f'name="hold-{plank}" value="30"' in r.text
    bad = {
        "csrf_token": token,
        f"load-{first}": "70",
        f"tech-{second}": "9",
        f"delete-{plank}": "1",
    }
    r = c.post(path, data=bad, headers=HTMX)
    assert r.status_code == 422
    assert "technique: expected 1 to 5; got 9" in r.text
    assert f'name="load-{first}" value="70"' in r.text  # what was typed stays in the form
    assert table(world, SetRow) == sets
    good = {**bad, f"tech-{second}": "4", f"side-{second}": "left", "srpe": "7"}
    r = c.post(path, data=good, headers=HTMX)
    assert r.status_code == 200
    assert "Saved the session." in r.text
    assert "5 reps · 70 kg · RPE 8" in r.text
    assert "session RPE 7" in r.text
    after = {s["id"]: s for s in table(world, SetRow)}
    assert set(after) == {first, second}
    assert after[first]["load_kg"] == 70.0
    assert (after[second]["technique"], after[second]["side"]) == (4, "left")
    # The plain form works as well, and the History page shows the change.
    r = c.post(path, data={"csrf_token": token, f"rpe-{first}": "9"}, follow_redirects=False)
    assert r.status_code == 303
    history = c.get("/history").text
    assert "Back Squat: 5 reps · 70 kg · RPE 9" in history
