"""The form check in the web app, on SQLite and PostgreSQL: upload the real MediaPipe clip from
Today, wait for the check, read 3 reps and play the annotated clip; rate today's set; bad videos
and other people's checks refused; CSRF required.

The checks run the pose model (the optional ``form`` extra): without MediaPipe these tests are
skipped, except in CI, where they fail.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api_support import TODAY, World, build_world, count
from runlift.store.tables import FormCheckRow, SetRow
from tests_support import SHARED
from web_support import COACH, login, signed_in

CLIP = SHARED / "formcheck" / "mediapipe_pose_world_landmarks_squats.mp4"
SQUAT = "goblet-squat"

if importlib.util.find_spec("mediapipe") is None:
    if os.environ.get("CI"):
        pytest.fail("the form extra (mediapipe) is missing in CI", pytrace=False)
    pytest.skip("the form extra (mediapipe) is not installed", allow_module_level=True)


@pytest.fixture(name="world")
def world_with_clips(
    db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[World]:
    """The populated app two days on (a goblet squat is planned), its form checks kept under
    the test's own folder."""
    monkeypatch.setenv("RUNLIFT_TODAY", (TODAY + dt.timedelta(days=2)).isoformat())
    monkeypatch.setenv("RUNLIFT_FORM_CHECK_DIR", str(tmp_path / "form-checks"))
    w = build_world(db_url)
    yield w
    w.client.close()
    w.store.close()


def pending_folders(tmp_path: Path) -> list[Path]:
    pending = tmp_path / "form-checks" / "pending"
    return [p for p in pending.iterdir() if p.is_dir()] if pending.exists() else []


def upload(
    c: TestClient,
    token: str,
    video: Path | bytes,
    name: str = "set.mp4",
    query: str = f"exercise={SQUAT}&from=today",
    **fields: str,
) -> httpx.Response:
    data = video.read_bytes() if isinstance(video, Path) else video
    # The token first, as the page's form sends it: the server checks it before the video.
    return c.post(
        f"/form-checks?{query}",
        data={"csrf_token": token, **fields},
        files={"video": (name, data, "video/mp4")},
        follow_redirects=False,
    )


def wait_for_check(c: TestClient, location: str) -> httpx.Response:
    """Poll the processing page as htmx does until it sends the browser on (or says why not)."""
    assert location.startswith("/form-checks/pending/"), location
    deadline = time.monotonic() + 240
    while True:
        r = c.get(location, headers={"HX-Request": "true"})
        assert r.status_code == 200, r.text[:300]
        if "HX-Redirect" in r.headers:
            result = c.get(r.headers["HX-Redirect"])
            assert result.status_code == 200
            return result
        if 'id="form-check-error"' in r.text:
            assert "hx-trigger" not in r.text, "a failed check stops polling"
            return r
        assert 'hx-trigger="every 1s"' in r.text
        assert time.monotonic() < deadline, "the check did not finish"
        time.sleep(0.3)


def video_url(page: str) -> str:
    found = re.search(r'<video[^>]*\bsrc="(/form-checks/\d+/video)"', page)
    assert found, page[:2000]
    assert re.search(r"<video[^>]*\bcontrols\b[^>]*\bplaysinline\b", page)
    return found.group(1)


def test_today_offers_the_check_and_the_clip_gives_three_reps(world: World, tmp_path: Path) -> None:
    import av

    c = world.client
    token = login(c)
    today = c.get("/today").text
    assert "Check my form (video)" in today
    assert f'action="/form-checks?exercise={SQUAT}&amp;from=today"' in today
    assert 'accept="video/*"' in today
    assert 'capture="environment"' in today
    assert "Rate today's last set of this exercise" in today
    exercise = c.get(f"/exercises/{SQUAT}").text
    assert "Check my form (video)" in exercise
    assert "Rate today" not in exercise
    assert "Check my form" not in c.get("/exercises/bench-press").text

    r = upload(c, token, CLIP, view="auto")
    assert r.status_code == 303, r.text[:500]
    result = wait_for_check(c, r.headers["location"])
    page = result.text
    assert 'id="fc-count">3 reps<' in page
    assert "lowest knee angle" in page
    assert "Suggested technique rating" in page
    assert page.count("<tr>") == 4  # the head and one row per rep
    assert not pending_folders(tmp_path), "the upload is deleted once checked"

    url = video_url(page)
    clip = c.get(url)
    assert clip.status_code == 200
    assert clip.headers["content-type"] == "video/mp4"
    path = tmp_path / "got.mp4"
    path.write_bytes(clip.content)
    with av.open(str(path)) as container:
        frames = sum(1 for _ in container.decode(video=0))
    assert frames == 149

    with world.store.unit_of_work() as uow:
        row = uow.session.scalars(select(FormCheckRow)).one()
        assert row.set_id is None  # not asked to rate a set
        assert row.athlete_id == world.aid
        assert row.exercise_id == SQUAT
        check_id = row.id

    # The owner's coach may look; another athlete and another coach get 404 for page and clip.
    coach, _ = signed_in(world, COACH, "/coach")
    assert coach.get(f"/form-checks/{check_id}").status_code == 200
    assert coach.get(url).status_code == 200
    for email in ("other@example.org", "coach2@example.org"):
        page_ = "/coach" if "coach" in email else "/today"
        stranger, _ = signed_in(world, email, page_)
        assert stranger.get(f"/form-checks/{check_id}").status_code == 404
        assert stranger.get(url).status_code == 404
        assert stranger.get(r.headers["location"]).status_code in (404, 303)
    assert c.get("/form-checks/999999").status_code == 404
    assert c.get("/form-checks/999999/video").status_code == 404


def test_rate_todays_set_gives_the_set_the_checks_technique(world: World) -> None:
    c = world.client
    token = login(c)
    logged = c.post(
        "/today/sets",
        data={"csrf_token": token, "exercise_id": SQUAT, "reps": "8", "load": "12"},
    )
    assert logged.status_code == 200
    r = upload(c, token, CLIP, rate="1", view="front")
    assert r.status_code == 303, r.text[:500]
    result = wait_for_check(c, r.headers["location"])
    assert "Rated today" in result.text
    with world.store.unit_of_work() as uow:
        check = uow.session.scalars(select(FormCheckRow)).one()
        one = uow.session.scalars(select(SetRow).where(SetRow.id == check.set_id)).one()
        assert one.technique == check.technique
        technique = check.technique
    assert f"technique {technique}." in result.text


def test_a_file_that_is_no_video_is_refused_beside_the_field(world: World, tmp_path: Path) -> None:
    c = world.client
    token = login(c)
    r = upload(c, token, b"these are my notes, not a video\n", name="notes.mp4")
    assert r.status_code == 422
    assert 'role="alert"' in r.text
    assert "notes.mp4: not a readable video" in r.text
    assert "Traceback" not in r.text
    assert 'aria-invalid="true"' in r.text
    nothing = upload(c, token, b"", name="")
    assert nothing.status_code == 422
    assert "Choose a video of the set" in nothing.text
    assert count(world, FormCheckRow) == 0
    assert not pending_folders(tmp_path)
    # An exercise the check cannot judge is not offered, and not taken.
    assert upload(c, token, CLIP, query="exercise=bench-press").status_code == 404


def test_nobody_in_frame_says_so_on_the_page(world: World, tmp_path: Path) -> None:
    import av
    import numpy as np

    blank = tmp_path / "wall.mp4"
    with av.open(str(blank), "w") as out:
        stream = out.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 160, 128, "yuv420p"
        for _ in range(12):
            frame = av.VideoFrame.from_ndarray(np.full((128, 160, 3), 90, np.uint8), "rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    c = world.client
    token = login(c)
    r = upload(c, token, blank, name="wall.mp4")
    assert r.status_code == 303, r.text[:500]
    page = wait_for_check(c, r.headers["location"])
    assert "This video could not be checked" in page.text
    assert "a person was found in only 0 of 12 frames" in page.text
    assert "Traceback" not in page.text
    assert count(world, FormCheckRow) == 0
    assert not pending_folders(tmp_path)


def test_csrf_is_required_and_nothing_is_kept(world: World, tmp_path: Path) -> None:
    c = world.client
    login(c)
    for token in ("", "forged"):
        r = upload(c, token, CLIP)
        assert r.status_code == 403
    assert count(world, FormCheckRow) == 0
    assert not pending_folders(tmp_path)
    # Anonymous: to the login form, nothing read.
    fresh = TestClient(world.client.app)
    r = fresh.get("/form-checks/1", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/login")
