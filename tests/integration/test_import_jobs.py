"""Import jobs kept in the database, as several uvicorn workers over one database run them: two
apps over one database and one upload directory, a claim race, a worker that died half-way, and
the import page's upload (CSRF in a header or a field before the files, never in the URL) and its
htmx progress fragment. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from test_api_imports import BROKEN, CORPUS, GOOD, STRONG, finished, outcomes, upload, zipped

from api_support import World, sign_in, world_on
from runlift.app.import_jobs import ImportJobs, ZipLimits
from runlift.store.tables import ImportJobRow, ImportRow, RunRow
from runlift.store.uow import Store
from runlift.web.app import create_app
from runlift.web.settings import Settings
from web_support import csrf, login

V1 = "/api/v1"
SECRET = "a shared secret, so a session cookie from one worker is good at the other"
LIMITS = ZipLimits(100, 10_000_000, 100.0)


@pytest.fixture
def world(db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[World]:
    uploads = str(tmp_path / "uploads")
    with world_on(db_url, monkeypatch, RUNLIFT_UPLOAD_DIR=uploads, RUNLIFT_SECRET_KEY=SECRET) as w:
        yield w


def worker_app(db_url: str) -> TestClient:
    """Another server worker: its own app, engine and job thread, over the same database and
    upload directory (both from the environment, as ``runlift serve --workers`` shares them)."""
    return TestClient(create_app(Settings(database_url=db_url)))


def rows(store: Store, table: type) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def job_row(store: Store, job_id: str) -> SimpleNamespace:
    """The job's columns as they are now (read before the session ends)."""
    with store.unit_of_work() as uow:
        row = uow.import_jobs.row(job_id)
        assert row is not None
        return SimpleNamespace(**{c.key: getattr(row, c.key) for c in ImportJobRow.__table__.c})


def test_two_workers_share_jobs_and_import_each_once(
    world: World, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[str] = []
    real_run = ImportJobs._run

    def counted(self: ImportJobs, job_id: str, *args: object) -> None:
        runs.append(job_id)
        real_run(self, job_id, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ImportJobs, "_run", counted)
    h = world.headers["owner"]
    with worker_app(db_url) as a, worker_app(db_url) as b:
        # Both workers' threads run from the start, competing for every job.
        assert b.get(f"{V1}/athletes/{world.aid}/imports/none", headers=h).status_code == 404
        members = {Path(n).name: (CORPUS / n).read_bytes() for n in [*GOOD, BROKEN]}
        jobs = [upload(a, world.aid, h, {"export.zip": zipped(members)})]
        # Three more jobs, each of a file of its own, uploaded through the other worker.
        for day in (3, 4, 5):
            lifts = STRONG.replace("2026-11-02", f"2026-11-0{day}").encode()
            jobs.append(upload(b, world.aid, h, {f"strong-{day}.csv": lifts}))
        # Polled through the other worker than the one that took the upload.
        first = outcomes(finished(b, world.aid, h, jobs[0]))
        copies = [outcomes(finished(a, world.aid, h, j)) for j in jobs[1:]]
        progress = b.get(f"{V1}/athletes/{world.aid}/imports/{jobs[0]}", headers=h).json()
        workers = {job_row(world.store, j).claimed_by for j in jobs}
    assert sorted(runs) == sorted(jobs), "every job imported exactly once"
    for name in GOOD:
        assert first[f"export.zip!{Path(name).name}"][0] == "imported"
    assert first[f"export.zip!{Path(BROKEN).name}"][0] == "rejected"
    assert "CRC" in first[f"export.zip!{Path(BROKEN).name}"][1]
    assert progress["done_files"] == progress["total_files"] == len(GOOD) + 1
    assert [list(c.values()) for c in copies] == [[("imported", "")]] * 3
    assert rows(world.store, RunRow) == len(GOOD)
    assert rows(world.store, ImportRow) == len(GOOD) + 3
    assert None not in workers
    assert list(Settings().upload_root.iterdir()) == []


def test_a_claim_is_won_by_exactly_one_worker(world: World, db_url: str, tmp_path: Path) -> None:
    stores = [Store(db_url) for _ in range(6)]
    workers = [ImportJobs(s, tmp_path / "up", LIMITS) for s in stores]  # threads never started
    try:
        with stores[0].unit_of_work() as uow:
            uow.import_jobs.add("race", world.aid, str(tmp_path / "up" / "race"), [], _now())
            uow.commit()
        barrier = threading.Barrier(len(workers))
        won: list[bool] = []

        def claim(jobs: ImportJobs) -> None:
            barrier.wait()
            with jobs.store.unit_of_work() as uow:
                won.append(uow.import_jobs.claim("race", jobs.worker, _now()))
                uow.commit()

        threads = [threading.Thread(target=claim, args=(w,)) for w in workers]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(won) == [False] * (len(workers) - 1) + [True]
        row = job_row(stores[0], "race")
        assert row.state == "running"
        assert row.claimed_by in {w.worker for w in workers}
    finally:
        for s in stores:
            s.close()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def test_a_dead_workers_job_is_requeued_and_finished(
    world: World, db_url: str, tmp_path: Path
) -> None:
    """A worker claimed the job, imported one file, saved its outcome and died: the claim goes
    stale, another worker re-queues the job, imports the rest, keeps the first outcome."""
    upload_dir = Settings().upload_root
    folder = upload_dir / "deadjob"
    folder.mkdir(parents=True)
    gpx = (CORPUS / "gpx/georustgpx__garmin-activity.gpx").read_bytes()
    tcx = (CORPUS / "tcx/dblocktcx__running_running_activity_1.tcx").read_bytes()
    (folder / "a.gpx").write_bytes(gpx)
    (folder / "b.tcx").write_bytes(tcx)
    early = [{"name": "a.gpx", "outcome": "imported", "message": "", "runs": 1}]
    long_ago = _now() - dt.timedelta(hours=1)
    with world.store.unit_of_work() as uow:
        uow.import_jobs.add("deadjob", world.aid, str(folder.resolve()), early, long_ago)
        assert uow.import_jobs.claim("deadjob", "gone:1", long_ago)
        uow.commit()
    # A job claimed a moment ago is left alone.
    with world.store.unit_of_work() as uow:
        uow.import_jobs.add("alive", world.aid, str(upload_dir / "alive"), [], _now())
        assert uow.import_jobs.claim("alive", "busy:2", _now())
        uow.commit()
    (upload_dir / "alive").mkdir()

    store = Store(db_url)
    jobs = ImportJobs(store, upload_dir, LIMITS, stale_s=300)  # its thread is never started
    try:
        assert jobs.run_once() is True  # housekeeping re-queued it, then this worker took it
    finally:
        store.close()
    dead = job_row(world.store, "deadjob")
    assert dead.state == "done"
    assert dead.claimed_by == jobs.worker
    got = {f["name"]: f["outcome"] for f in json.loads(dead.files_json)}
    # a.gpx was imported before the crash (its hash is not stored here, so the rerun would have
    # imported it again and said "imported" too; the first outcome is what is kept).
    assert got == {"a.gpx": "imported", "b.tcx": "imported"}
    assert dead.total_files == 2
    assert not folder.exists()
    alive = job_row(world.store, "alive")
    assert (alive.state, alive.claimed_by) == ("running", "busy:2")
    assert (upload_dir / "alive").exists()
    # And through the API, any worker reports it.
    h = world.headers["owner"]
    body = world.client.get(f"{V1}/athletes/{world.aid}/imports/deadjob", headers=h).json()
    assert body["state"] == "done"
    assert body["done_files"] == body["total_files"] == 2


def test_a_stopping_worker_gives_its_job_back(world: World, db_url: str, tmp_path: Path) -> None:
    store = Store(db_url)
    jobs = ImportJobs(store, tmp_path / "up", LIMITS)
    folder = jobs.new_folder()
    for n in range(3):
        (folder / f"{n}.csv").write_text("not an export\n")
    with store.unit_of_work() as uow:
        uow.import_jobs.add(folder.name, world.aid, str(folder.resolve()), [], _now())
        uow.commit()
    jobs._thread.stopping.set()  # as when the server shuts down (its store is closed)
    assert jobs.run_once() is True
    row = job_row(world.store, folder.name)
    assert (row.state, row.claimed_by) == ("queued", None)
    assert len(json.loads(row.files_json)) == 1  # stopped after the first file
    assert folder.exists()
    store.close()
    # Closing a store stops its worker: the disposed engine's event reaches the thread.
    other = Store(db_url)
    jobs2 = ImportJobs(other, tmp_path / "up", LIMITS)
    jobs2.start()
    other.close()
    assert jobs2._thread.stopping.is_set()


def test_import_page_upload_csrf_and_progress_fragment(world: World, db_url: str) -> None:
    c = world.client
    login(c)
    page = c.get("/import").text
    token = csrf(page)
    assert "csrf_token=" not in page, "the token is never put in a URL"
    assert 'action="/import"' in page
    assert "webkitdirectory" in page
    assert "webkitGetAsEntry" in page
    assert 'type="file" multiple' in page
    assert page.index('name="csrf_token"') < page.index('type="file"')
    gpx = (CORPUS / "gpx/georustgpx__garmin-activity.gpx").read_bytes()
    files = [("files", ("run.gpx", gpx))]
    uploads = Settings().upload_root

    # No token, a wrong one, the token in the URL, or the token after the files: refused,
    # and nothing is kept.
    assert c.post("/import", files=files).status_code == 403
    assert c.post("/import", files=files, headers={"X-CSRF-Token": "x"}).status_code == 403
    assert c.post(f"/import?csrf_token={token}", files=files).status_code == 403
    late = (
        b"--B\r\nContent-Disposition: form-data; name=files; filename=run.gpx\r\n\r\n"
        + gpx
        + b"\r\n--B\r\nContent-Disposition: form-data; name=csrf_token\r\n\r\n"
        + token.encode()
        + b"\r\n--B--\r\n"
    )
    refused = c.post(
        "/import", content=late, headers={"Content-Type": "multipart/form-data; boundary=B"}
    )
    assert refused.status_code == 403
    assert rows(world.store, ImportJobRow) == 0
    assert list(uploads.iterdir()) == []

    # The form without script: the token as a field before the files.
    r = c.post("/import", data={"csrf_token": token}, files=files, follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    assert r.headers["location"].startswith("/import/")
    assert "csrf" not in r.headers["location"]

    # The page's script: the token in the header, a dropped folder's relative paths kept.
    tcx = (CORPUS / "tcx/dblocktcx__running_running_activity_1.tcx").read_bytes()
    folder = [("files", ("watch/2026/a.tcx", tcx)), ("files", ("watch/notes.txt", b"hello"))]
    r = c.post("/import", files=folder, headers={"X-CSRF-Token": token}, follow_redirects=False)
    assert r.status_code == 303
    status_url = r.headers["location"]

    # The status fragment htmx polls: itself, polling until done, then without hx-trigger.
    polls = 0
    while True:
        fragment = c.get(status_url, headers={"HX-Request": "true"}).text
        assert fragment.startswith('<div id="import-status"'), fragment[:200]
        assert "<html" not in fragment
        assert "<h1>" not in fragment
        if 'id="state">done<' in fragment:
            break
        assert 'hx-trigger="every 1s"' in fragment
        assert f'hx-get="{status_url}"' in fragment
        polls += 1
        assert polls < 600
        time.sleep(0.05)
    assert "hx-trigger" not in fragment
    assert "2 of 2 files" in fragment
    assert "1 imported (1 activities, 0 strength sessions)" in fragment
    assert "1 not activity files" in fragment
    assert "<td>watch/2026/a.tcx</td><td>imported</td>" in fragment
    assert "<td>watch/notes.txt</td><td>skipped</td>" in fragment
    whole = c.get(status_url).text
    assert "<html" in whole
    assert "Import more" in whole
    assert 'http-equiv="refresh"' not in whole  # done: no refresh either

    # Another worker (app) answers the poll of the same job for the same signed-in session.
    with worker_app(db_url) as other:
        other.cookies = c.cookies
        assert 'id="state">done<' in other.get(status_url).text
        assert other.get(f"{status_url}x").status_code == 404


def test_page_upload_errors_go_back_to_the_form(world: World, db_url: str) -> None:
    c = world.client
    token = login(c)
    r = c.post("/import", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 400  # not multipart at all
    empty = c.post(
        "/import",
        data={"csrf_token": token},
        files=[("files", ("", b""))],
        follow_redirects=False,
    )
    assert empty.status_code == 303
    assert empty.headers["location"] == "/import?err=Choose+one+or+more+files"
    settings = Settings(database_url=db_url, max_upload_bytes=1000)
    with TestClient(create_app(settings)) as small:
        small.cookies = c.cookies
        big = [("files", ("a.gpx", b"x" * 5000))]
        r = small.post(
            "/import", files=big, headers={"X-CSRF-Token": token}, follow_redirects=False
        )
        assert r.status_code == 303
        assert r.headers["location"].startswith("/import?err=Upload+over+")
    assert list(Settings().upload_root.iterdir()) == []


def test_upload_dir_defaults_beside_a_sqlite_database(tmp_path: Path) -> None:
    db = tmp_path / "data" / "runlift.db"
    assert Settings(database_url=f"sqlite:///{db}").upload_root == db.parent / "uploads"
    assert Settings(upload_dir=tmp_path / "x").upload_root == tmp_path / "x"
    pg = Settings(database_url="postgresql+psycopg://u@h/db", upload_dir=None)
    assert pg.upload_root.name == "uploads"


def test_api_reports_progress_fields(world: World) -> None:
    h = world.headers["owner"]
    gpx = (CORPUS / "gpx/georustgpx__garmin-activity.gpx").read_bytes()
    job = upload(world.client, world.aid, h, {"a.gpx": gpx, "b/../../c.gpx": gpx})
    body = finished(world.client, world.aid, h, job)
    assert set(body) == {"state", "files", "done_files", "total_files"}
    assert body["done_files"] == body["total_files"] == 2
    other = sign_in(world.client, "other@example.org")
    mine = f"{V1}/athletes/{world.aid}/imports/{job}"
    assert world.client.get(mine, headers=other).status_code == 404


def test_a_started_server_serves_the_queue_before_any_import_request(
    world: World, db_url: str
) -> None:
    """A job queued by one worker is imported by another that has served no import request:
    each app starts its share of the queue at start-up."""
    upload_dir = Settings().upload_root
    folder = upload_dir / "queued-elsewhere"
    folder.mkdir(parents=True)
    (folder / "a.gpx").write_bytes((CORPUS / "gpx/georustgpx__garmin-activity.gpx").read_bytes())
    with world.store.unit_of_work() as uow:
        uow.import_jobs.add("queued-elsewhere", world.aid, str(folder.resolve()), [], _now())
        uow.commit()
    with worker_app(db_url) as other:  # its lifespan runs: start-up, then shutdown
        assert other.app.state.import_jobs is not None
        for _ in range(400):
            if job_row(world.store, "queued-elsewhere").state == "done":
                break
            time.sleep(0.05)
    row = job_row(world.store, "queued-elsewhere")
    assert row.state == "done"
    assert [f["outcome"] for f in json.loads(row.files_json)] == ["imported"]
