"""Imports run for the web: an upload becomes a job row, imported in the background, polled by id.

An upload of years of files takes longer than a request should, so the route only stores the
files in a folder of their own (under the upload directory, which every server worker sees) and
writes a queued row in ``import_jobs``; the answer is the job's id. Production runs several
uvicorn workers over PostgreSQL, and a poll may reach any of them, so everything about a job
lives in the database: its state, its total and each file's outcome, saved as the files finish so
the page can say "n of N". Any worker answers a poll by reading the row.

Each server process runs one worker thread (started with the first import request the process
serves). It claims queued jobs with an atomic ``UPDATE ... WHERE state = 'queued'``, so a job is
imported by exactly one worker, imports it file by file with the same steps and outcomes as
``runlift import``, marks it done and deletes its folder. Parsing stays in that thread: forking a
parser pool out of a threaded server process is unsafe, and one import at a time per process
keeps the server responsive.

A worker renews its claim with every progress save. One that dies half-way leaves a running job
with an old claim; any live worker re-queues it after ``stale_s`` and imports the rest (files
already imported are known by their content hash; the outcomes saved before the crash are kept).
A worker that is stopped (the server shutting down and closing its store) gives its job back to
the queue between two files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import secrets
import shutil
import socket
import threading
import time
import weakref
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event

from runlift.app import discover
from runlift.app.imports import FileOutcome, Options, land_each, prepare
from runlift.store.import_jobs_repo import DONE, QUEUED, RUNNING
from runlift.store.uow import Store

__all__ = ["DONE", "QUEUED", "RUNNING", "ImportJobs", "JobView", "ZipLimits", "zip_problem"]

log = logging.getLogger(__name__)
SAVE_EVERY_S = 0.5  # progress saves at most this often: rewriting the outcomes is O(files)
HOUSEKEEPING_EVERY_S = 60.0
ORPHAN_AFTER = dt.timedelta(days=1)  # an upload folder without a job (its upload broke off)


@dataclass(frozen=True)
class ZipLimits:
    """Caps on an uploaded zip, checked on its central directory before anything is read."""

    max_members: int
    max_uncompressed_bytes: int
    max_ratio: float


@dataclass(frozen=True)
class JobView:
    """A job as a poll sees it."""

    id: str
    state: str
    files: list[FileOutcome]
    total_files: int | None  # None until the worker has counted the upload's files

    @property
    def done_files(self) -> int:
        return len(self.files)


def zip_problem(path: Path, limits: ZipLimits) -> str | None:
    """Why an uploaded zip is refused whole, or None when it is within the limits."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        return f"not a readable zip: {exc}"
    if len(infos) > limits.max_members:
        return f"more than {limits.max_members} files in the zip"
    if sum(i.file_size for i in infos) > limits.max_uncompressed_bytes:
        return f"uncompressed size over {limits.max_uncompressed_bytes:,} bytes"
    for info in infos:
        if info.file_size and info.file_size / max(info.compress_size, 1) > limits.max_ratio:
            return f"{info.filename}: compression ratio over {limits.max_ratio:g}:1 (zip bomb?)"
    return None


def _to_json(f: FileOutcome) -> dict[str, Any]:
    return {
        "name": f.name,
        "outcome": f.outcome,
        "message": f.message,
        "runs": f.runs,
        "strength_sessions": f.strength_sessions,
    }


def _from_json(d: dict[str, Any]) -> FileOutcome:
    return FileOutcome(
        str(d["name"]),
        str(d["outcome"]),
        str(d.get("message", "")),
        runs=int(d.get("runs", 0)),
        strength_sessions=int(d.get("strength_sessions", 0)),
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class _Thread:
    """The process's worker thread and its stop signal, holding the jobs only weakly: when the
    app that owns them is gone (tests make many), the thread ends instead of polling forever."""

    def __init__(self, poll_s: float) -> None:
        self.poll_s = poll_s
        self.stopping = threading.Event()
        self.wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self, jobs: ImportJobs) -> None:
        with self._lock:
            if self._thread is not None or self.stopping.is_set():
                return
            self._thread = threading.Thread(
                target=self._loop, args=(weakref.ref(jobs),), name="runlift-import", daemon=True
            )
            self._thread.start()

    def stop(self, *_: object, timeout: float = 10.0) -> None:
        """Stop after the current file (its job goes back to the queue), waiting a while."""
        self.stopping.set()
        self.wake.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _loop(self, ref: weakref.ref[ImportJobs]) -> None:
        pause = self.poll_s
        while not self.stopping.is_set():
            jobs = ref()
            if jobs is None:
                return
            try:
                busy = jobs.run_once()
                pause = self.poll_s
            except Exception:  # the database may be away a while; keep trying, less often
                log.exception("import worker: cannot reach the job queue")
                busy, pause = False, min(pause * 2, 60.0)
            del jobs
            if not busy:
                self.wake.wait(pause)
                self.wake.clear()


class _Progress:
    """One claimed job's outcomes, saved to its row as they come (at most every SAVE_EVERY_S)."""

    def __init__(self, jobs: ImportJobs, job_id: str, files: list[FileOutcome]) -> None:
        self.jobs, self.job_id, self.files = jobs, job_id, files
        self.reported = {f.name for f in files}  # upload refusals, or a dead worker's outcomes
        self.total = len(files)
        self._saved_at = 0.0

    def expect(self, names: list[str]) -> bool:
        self.total = len(self.files) + sum(1 for n in set(names) if n not in self.reported)
        return self.save(force=True)

    def add(self, outcome: FileOutcome) -> bool:
        if outcome.name in self.reported:
            return True  # imported before a restart; its first outcome stands
        self.files.append(outcome)
        self.reported.add(outcome.name)
        return self.save()

    def save(self, force: bool = False) -> bool:
        """False when the job is no longer ours (re-queued as stale and claimed by another)."""
        if not force and time.monotonic() - self._saved_at < SAVE_EVERY_S:
            return True
        self._saved_at = time.monotonic()
        files = [_to_json(f) for f in self.files]
        with self.jobs.store.unit_of_work() as uow:
            ours = uow.import_jobs.progress(
                self.job_id, self.jobs.worker, files, max(self.total, len(files)), _now()
            )
            uow.commit()
        return ours


class ImportJobs:
    """This process's side of the job queue: submit uploads, read jobs, and import them."""

    def __init__(
        self,
        store: Store,
        upload_dir: Path,
        limits: ZipLimits,
        *,
        poll_s: float = 1.0,
        stale_s: float = 600.0,
        keep_done: dt.timedelta = dt.timedelta(days=30),
    ) -> None:
        self.store = store
        self.upload_dir = upload_dir
        self.limits = limits
        self.stale = dt.timedelta(seconds=stale_s)
        self.keep_done = keep_done
        # Who holds a claim: enough to find the process when a job looks stuck.
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self._thread = _Thread(poll_s)
        self._next_housekeeping = 0.0
        # Closing the store (the app shutting down) stops the worker; no reference to self, so
        # the engine does not keep these jobs alive.
        event.listen(store.engine, "engine_disposed", self._thread.stop)

    def new_folder(self) -> Path:
        """An empty folder for one upload; its name is the job's id."""
        self.upload_dir.mkdir(parents=True, exist_ok=True)
        folder = self.upload_dir / secrets.token_urlsafe(16)
        folder.mkdir()
        return folder

    def submit(self, athlete_id: int, folder: Path, refused: list[tuple[str, str]]) -> str:
        """Queue the upload in ``folder`` (from ``new_folder``; the job then owns it and deletes
        it). ``refused`` are uploads already turned away, reported among the job's files."""
        files = [_to_json(FileOutcome(name, "rejected", why)) for name, why in refused]
        with self.store.unit_of_work() as uow:
            uow.import_jobs.add(folder.name, athlete_id, str(folder.resolve()), files, _now())
            uow.commit()
        self.start()
        self._thread.wake.set()
        return folder.name

    def get(self, athlete_id: int, job_id: str) -> JobView | None:
        """The job as stored now, or None when there is none for this athlete."""
        self.start()  # any worker polled may pick up jobs a dead worker left behind
        with self.store.unit_of_work() as uow:
            row = uow.import_jobs.get(athlete_id, job_id)
            if row is None:
                return None
            files = [_from_json(d) for d in json.loads(row.files_json or "[]")]
            return JobView(row.id, row.state, files, row.total_files)

    def start(self) -> None:
        self._thread.start(self)

    def close(self) -> None:
        self._thread.stop()

    def run_once(self) -> bool:
        """Tidy up when due, then import one queued job if there is one; True if one ran."""
        if time.monotonic() >= self._next_housekeeping:
            self._next_housekeeping = time.monotonic() + HOUSEKEEPING_EVERY_S
            self.housekeeping()
        claimed = self._claim_next()
        if claimed is None:
            return False
        self._run(*claimed)
        return True

    def housekeeping(self, now: dt.datetime | None = None) -> int:
        """Re-queue jobs whose worker stopped renewing its claim, forget old finished jobs and
        delete upload folders nobody owns; returns how many jobs were re-queued."""
        now = now or _now()
        with self.store.unit_of_work() as uow:
            requeued = uow.import_jobs.requeue_stale(now - self.stale)
            uow.import_jobs.forget_done(now - self.keep_done)
            live = uow.import_jobs.live_folders()
            uow.commit()
        if requeued:
            log.warning("import worker: re-queued %d job(s) whose worker stopped", requeued)
            self._thread.wake.set()
        cutoff = (now - ORPHAN_AFTER).timestamp()
        if self.upload_dir.is_dir():
            for folder in self.upload_dir.iterdir():
                with contextlib.suppress(OSError):
                    if str(folder.resolve()) not in live and folder.stat().st_mtime < cutoff:
                        shutil.rmtree(folder, ignore_errors=True)
        return requeued

    def _claim_next(self) -> tuple[str, int, Path, list[FileOutcome]] | None:
        with self.store.unit_of_work() as uow:
            candidates = uow.import_jobs.queued_ids()
        for job_id in candidates:
            with self.store.unit_of_work() as uow:
                if not uow.import_jobs.claim(job_id, self.worker, _now()):
                    continue  # another worker was quicker
                row = uow.import_jobs.row(job_id)
                assert row is not None
                claimed = (row.id, row.athlete_id, Path(row.folder), json.loads(row.files_json))
                uow.commit()
            files = [_from_json(d) for d in claimed[3]]
            return claimed[0], claimed[1], claimed[2], files
        return None

    def _run(self, job_id: str, athlete_id: int, folder: Path, files: list[FileOutcome]) -> None:
        progress = _Progress(self, job_id, files)
        prefix = f"{folder}{os.sep}"
        try:
            for outcome in self._outcomes(athlete_id, folder, progress.expect):
                outcome.name = outcome.name.removeprefix(prefix)
                if not progress.add(outcome):
                    log.warning("import worker: job %s was taken over; leaving it", job_id)
                    return
                if self._thread.stopping.is_set():
                    progress.save(force=True)
                    with self.store.unit_of_work() as uow:
                        uow.import_jobs.release(job_id, self.worker)
                        uow.commit()
                    return
        except Exception as exc:  # the job must end; say what stopped it
            log.exception("import worker: job %s failed", job_id)
            progress.add(FileOutcome("(upload)", "rejected", f"import failed: {exc}"))
        finally:
            # Zips are kept open per process for speed; these are done with (or gone).
            discover._open_archive.cache_clear()
        with self.store.unit_of_work() as uow:
            done = uow.import_jobs.finish(
                job_id, self.worker, [_to_json(f) for f in progress.files], _now()
            )
            uow.commit()
        if done:
            shutil.rmtree(folder, ignore_errors=True)

    def _outcomes(
        self, athlete_id: int, folder: Path, expect: Callable[[list[str]], bool]
    ) -> Iterator[FileOutcome]:
        """Each file's outcome as it is imported: ``import_paths``' own steps (``prepare`` and
        ``land_each``: same discovery, parsing, storing and words), one file at a time in this
        thread, so the job can save them as they come.
        ``expect`` is told every name first, for the "n of N"."""
        early: list[FileOutcome] = []
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if zipfile.is_zipfile(path):
                why = zip_problem(path, self.limits)
                if why:
                    early.append(FileOutcome(str(path), "rejected", why))
                    path.unlink()
        batch = prepare(self.store, [folder], Options(), athlete_id)
        batch.refused[:0] = early
        prefix = f"{folder}{os.sep}"
        if not expect([n.removeprefix(prefix) for n in batch.names()]):
            return
        for outcome, _parsed in land_each(self.store, batch, workers=1):
            yield outcome
