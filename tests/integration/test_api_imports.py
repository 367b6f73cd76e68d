"""Uploads through the REST API (contracts §7): real corpus files as a zip, imported in the
background, polled until done; the limits, hostile names and other athletes' jobs."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient

from api_support import World, count, sign_in, upload_world_fixture
from runlift.store.tables import ImportRow, RunRow
from runlift.web.app import create_app
from runlift.web.settings import Settings
from tests_support import SHARED

V1 = "/api/v1"
CORPUS = SHARED / "corpus"
GOOD = {
    "fit/fitparse__2015-10-13-08-43-15.fit": "imported",
    "gpx/georustgpx__garmin-activity.gpx": "imported",
    "tcx/dblocktcx__running_running_activity_1.tcx": "imported",
}
BROKEN = "fit/fitparse__activity-filecrc.fit"  # bad file CRC
STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
    "2026-11-02 18:00:00,Legs,45m,Squat (Barbell),1,80,5,0,0,,,8\n"
    "2026-11-02 18:00:00,Legs,45m,Squat (Barbell),2,80,5,0,0,,,8\n"
)
world = upload_world_fixture  # the populated API on each database, uploads in tmp_path


def uploads() -> Path:
    """The upload directory the apps use (its job folders are deleted once imported)."""
    return Settings().upload_root


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def upload(c: TestClient, aid: int, headers: dict[str, str], files: dict[str, bytes]) -> str:
    response = c.post(
        f"{V1}/athletes/{aid}/imports",
        headers=headers,
        files=[("files", (name, data)) for name, data in files.items()],
    )
    assert response.status_code == 202, response.text
    assert set(response.json()) == {"id"}
    return str(response.json()["id"])


def finished(c: TestClient, aid: int, headers: dict[str, str], job: str) -> dict[str, object]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        response = c.get(f"{V1}/athletes/{aid}/imports/{job}", headers=headers)
        assert response.status_code == 200, response.text
        body: dict[str, object] = response.json()
        assert body["state"] in ("queued", "running", "done")
        if body["state"] == "done":
            return body
        time.sleep(0.05)
    raise AssertionError(f"import {job} not done in 60 s")


def outcomes(body: dict[str, object]) -> dict[str, tuple[str, str]]:
    files = body["files"]
    assert isinstance(files, list)
    assert all(set(f) == {"name", "outcome", "message"} for f in files)
    return {f["name"]: (f["outcome"], f["message"]) for f in files}


def test_broken_file_is_marked_so_in_the_manifest() -> None:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        kinds = {row["file"]: row["kind"] for row in csv.DictReader(handle, delimiter="\t")}
    assert kinds[BROKEN] == "invalid"
    assert all(kinds[name] == "valid" for name in GOOD)


def test_zip_of_corpus_files_is_imported_in_the_background(world: World) -> None:
    c, h = world.client, world.headers["owner"]
    members = {Path(n).name: (CORPUS / n).read_bytes() for n in [*GOOD, BROKEN]}
    members["strong.csv"] = STRONG.encode()
    loose = members["georustgpx__garmin-activity.gpx"]
    job = upload(c, world.aid, h, {"export.zip": zipped(members), "loose.gpx": loose})
    got = outcomes(finished(c, world.aid, h, job))
    for name, outcome in GOOD.items():
        assert got[f"export.zip!{Path(name).name}"][0] == outcome
    broken = got[f"export.zip!{Path(BROKEN).name}"]
    assert broken[0] == "rejected"
    assert "CRC" in broken[1]
    assert got["export.zip!strong.csv"][0] == "imported"
    assert got["loose.gpx"][0] == "duplicate"  # the same content as the zip's copy
    history = c.get(
        f"{V1}/athletes/{world.aid}/history", params={"since": "2000-01-01"}, headers=h
    ).json()
    assert len(history["runs"]) == len(GOOD) == count(world, RunRow)
    assert len(history["strength_sessions"]) == 1
    # The coach who reaches this athlete may poll it too; the upload folder is gone.
    coach = world.headers["coach"]
    assert (
        c.get(f"{V1}/athletes/{world.aid}/imports/{job}", headers=coach).json()["state"] == "done"
    )
    assert list(uploads().iterdir()) == []


def test_upload_over_the_limit_is_413_and_stores_nothing(world: World, db_url: str) -> None:
    settings = Settings(database_url=db_url, max_upload_bytes=20_000)
    with TestClient(create_app(settings)) as c:
        h = sign_in(c, "owner@example.org")
        big = (CORPUS / "fit" / "fitparse__20170518-191602-1740899583.fit").read_bytes()
        assert len(big) > 20_000
        response = c.post(
            f"{V1}/athletes/{world.aid}/imports", headers=h, files=[("files", ("a.fit", big))]
        )
        assert response.status_code == 413
        assert "20,000 bytes" in response.json()["detail"]
        assert "RUNLIFT_MAX_UPLOAD_BYTES" in response.json()["detail"]
        # The same without a Content-Length: counted as it streams.
        body = b"".join([b"x" * 1000] * 30)
        chunked = c.post(
            f"{V1}/athletes/{world.aid}/imports",
            headers={**h, "Content-Type": "multipart/form-data; boundary=b"},
            content=iter([body]),
        )
        assert chunked.status_code == 413
    assert count(world, RunRow) == 0
    assert count(world, ImportRow) == 0
    assert list(uploads().iterdir()) == []


def test_zip_limits_and_hostile_names_are_refused(world: World) -> None:
    c, h = world.client, world.headers["owner"]
    gpx = (CORPUS / "gpx" / "georustgpx__garmin-activity.gpx").read_bytes()
    bomb = zipped({"zeros.gpx": b"\0" * 2_000_000})
    job = upload(
        c,
        world.aid,
        h,
        {"evil.zip": zipped({"../evil.gpx": gpx, "/etc/abs.gpx": gpx}), "bomb.zip": bomb},
    )
    hostile = c.post(
        f"{V1}/athletes/{world.aid}/imports",
        headers=h,
        files=[("files", ("../evil.gpx", gpx)), ("files", ("/tmp/abs.gpx", gpx))],
    )
    assert hostile.status_code == 202
    got = outcomes(finished(c, world.aid, h, job))
    assert got["evil.zip!../evil.gpx"][0] == "rejected"
    assert "'..'" in got["evil.zip!../evil.gpx"][1]
    assert got["evil.zip!/etc/abs.gpx"][0] == "rejected"
    assert got["bomb.zip"] == ("rejected", "zeros.gpx: compression ratio over 100:1 (zip bomb?)")
    names = outcomes(finished(c, world.aid, h, hostile.json()["id"]))
    assert names["../evil.gpx"][0] == names["/tmp/abs.gpx"][0] == "rejected"
    assert count(world, RunRow) == 0
    assert not (uploads().parent / "evil.gpx").exists()
    assert not (uploads() / "evil.gpx").exists()


def test_too_many_members_are_refused(world: World, db_url: str) -> None:
    settings = Settings(database_url=db_url, max_zip_members=3)
    with TestClient(create_app(settings)) as c:
        h = sign_in(c, "owner@example.org")
        many = zipped({f"{n}.csv": STRONG.encode() for n in range(4)})
        got = outcomes(finished(c, world.aid, h, upload(c, world.aid, h, {"many.zip": many})))
    assert got == {"many.zip": ("rejected", "more than 3 files in the zip")}


def test_another_athletes_job_is_404(world: World) -> None:
    c, h = world.client, world.headers["owner"]
    gpx = (CORPUS / "gpx" / "georustgpx__garmin-activity.gpx").read_bytes()
    job = upload(c, world.aid, h, {"a.gpx": gpx})
    other = world.headers["other_athlete"]
    # Through their own athlete id, and through the owner's (which they cannot reach).
    assert c.get(f"{V1}/athletes/{world.other_aid}/imports/{job}", headers=other).status_code == 404
    assert c.get(f"{V1}/athletes/{world.aid}/imports/{job}", headers=other).status_code == 404
    assert c.get(f"{V1}/athletes/{world.aid}/imports/nope", headers=h).status_code == 404
    stranger = c.post(
        f"{V1}/athletes/{world.aid}/imports", headers=other, files=[("files", ("a.gpx", gpx))]
    )
    assert stranger.status_code == 404
    anonymous = c.post(f"{V1}/athletes/{world.aid}/imports", files=[("files", ("a.gpx", gpx))])
    assert anonymous.status_code == 401
    finished(c, world.aid, h, job)
