"""The profile and coach pages through TestClient against SQLite and PostgreSQL."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from api_support import World, count, world_fixture
from runlift.app import athlete
from runlift.store.tables import PlanRow
from web_support import coach_client, csrf, login, signed_in

world = world_fixture  # the populated app on SQLite and on PostgreSQL
# ``coach_client`` is imported from here by another test module too.


def plans(w: World) -> int:
    return count(w, PlanRow)


def textarea(html: str) -> str:
    found = re.search(r'<textarea id="profile"[^>]*>(.*?)</textarea>', html, re.S)
    assert found, html[:500]
    import html as h

    return h.unescape(found.group(1))


def test_profile_edit_replans(world: World) -> None:
    c = world.client
    assert c.get("/profile", follow_redirects=False).status_code == 303
    token = login(c)
    text = textarea(c.get("/profile").text)
    assert 'name = "Sam"' in text
    edited = text.replace("sessions_per_week = 2", "sessions_per_week = 3")
    assert edited != text
    before = plans(world)
    no_csrf = c.post("/profile", data={"profile": edited})
    assert no_csrf.status_code == 403
    assert plans(world) == before
    r = c.post("/profile", data={"profile": edited, "csrf_token": token})
    assert r.status_code == 200, r.text[:500]
    assert "Saved; the plan is rebuilt" in r.text
    assert plans(world) == before + 1
    assert athlete.stored_profile(world.store, world.aid).sessions_per_week == 3
    assert "sessions_per_week = 3" in textarea(r.text)


def test_bad_profile_shows_errors_and_stores_nothing(world: World) -> None:
    c = world.client
    token = login(c)
    text = textarea(c.get("/profile").text)
    bad = text.replace('sex = "female"', 'sex = "robot"').replace(
        "sessions_per_week = 2", "sesions_per_week = 2"
    )
    before = plans(world)
    r = c.post("/profile", data={"profile": bad, "csrf_token": token})
    assert r.status_code == 400
    assert "Nothing was saved" in r.text
    # Each problem is the validator's own message, shown with the line it names.
    line_of = {k: n for n, k in enumerate(bad.splitlines(), start=1)}
    sex_line = next(n for k, n in line_of.items() if k.startswith("sex ="))
    typo_line = next(n for k, n in line_of.items() if k.startswith("sesions_per_week"))
    assert re.search(rf'data-line="{sex_line}">athlete\.sex: ', r.text)
    assert re.search(rf'data-line="{typo_line}">strength\.sesions_per_week: unknown key', r.text)
    assert "did you mean" in r.text
    assert "robot" in textarea(r.text)  # the edit is kept to fix
    assert plans(world) == before
    assert athlete.stored_profile(world.store, world.aid).sex == "female"
    broken = c.post("/profile", data={"profile": "[athlete\nname=", "csrf_token": token})
    assert broken.status_code == 400
    assert "not valid TOML" in broken.text
    assert plans(world) == before


def test_coach_sees_linked_athlete_only_and_leaves_a_note(world: World) -> None:
    coach, token = coach_client(world)
    page = coach.get("/coach")
    assert page.status_code == 200
    assert f'href="/coach/athletes/{world.aid}"' in page.text
    assert f'href="/coach/athletes/{world.other_aid}"' not in page.text
    assert "Adherence by week" in page.text
    assert coach.get(f"/coach/athletes/{world.other_aid}").status_code == 404
    assert coach.get("/coach/athletes/999999").status_code == 404
    detail = coach.get(f"/coach/athletes/{world.aid}")
    assert detail.status_code == 200
    first = re.search(r'<option value="([0-9-]+)">', detail.text)
    assert first
    on = first.group(1)
    before = plans(world)
    note = {"on": on, "note": "Keep the <b>knees</b> out", "csrf_token": token}
    assert coach.post(f"/coach/athletes/{world.other_aid}/notes", data=note).status_code == 404
    assert (
        coach.post(
            f"/coach/athletes/{world.aid}/notes", data={**note, "csrf_token": "x"}
        ).status_code
        == 403
    )
    assert plans(world) == before
    r = coach.post(f"/coach/athletes/{world.aid}/notes", data=note)
    assert r.status_code == 200
    assert "Note added" in r.text
    assert "Keep the &lt;b&gt;knees&lt;/b&gt; out" in r.text
    assert plans(world) == before + 1
    # The athlete sees it on the session page.
    login(world.client)
    session = world.client.get(f"/plan/{on}").text
    assert "From your coach" in session
    assert "Keep the &lt;b&gt;knees&lt;/b&gt; out" in session
    # An invite code is shown once, in the answer.
    made = coach.post("/coach/invites", data={"csrf_token": token})
    assert made.status_code == 200
    assert re.search(r'<code id="invite-code"[^>]*>[A-Za-z0-9_-]{10,}</code>', made.text)
    assert coach.post("/coach/invites", data={}).status_code == 403


def test_other_coach_and_athletes(world: World) -> None:
    other, _ = coach_client(world, "coach2@example.org")
    page = other.get("/coach").text
    assert "No athlete has joined yet" in page
    assert other.get(f"/coach/athletes/{world.aid}").status_code == 404
    login(world.client)
    assert world.client.get("/coach").status_code == 404
    assert TestClient(world.client.app).get("/coach", follow_redirects=False).status_code == 303


def test_import_page_uploads_and_shows_each_file(world: World) -> None:
    import io
    import time
    import zipfile

    from tests_support import SHARED

    corpus = SHARED / "corpus"
    c = world.client
    login(c)
    page = c.get("/import").text
    token = csrf(page)
    assert "csrf_token=" not in page.replace('name="csrf_token"', "")  # never in a URL
    assert 'type="file" multiple' in page
    gpx = (corpus / "gpx" / "georustgpx__garmin-activity.gpx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "a.tcx", (corpus / "tcx/dblocktcx__running_running_activity_1.tcx").read_bytes()
        )
    files = [("files", ("run.gpx", gpx)), ("files", ("export.zip", out.getvalue()))]
    assert c.post("/import", files=files).status_code == 403  # no token
    r = c.post("/import", data={"csrf_token": token}, files=files, follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    status_url = r.headers["location"]
    assert status_url.startswith("/import/")
    for _ in range(200):
        html = c.get(status_url).text
        if 'id="state">done<' in html:
            break
        assert 'http-equiv="refresh"' in html
        time.sleep(0.05)
    assert 'http-equiv="refresh"' not in html
    assert re.search(r"<td>run\.gpx</td><td>imported</td>", html), html
    assert re.search(r"<td>export\.zip!a\.tcx</td><td>imported</td>", html), html
    # Another athlete cannot see the job.
    other, _ = signed_in(world, "other@example.org")
    assert other.get(status_url).status_code == 404
