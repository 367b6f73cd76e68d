"""Imports run for the web: an upload becomes a job, imported in the background, polled by id.

An upload of years of files takes longer than a request should, so the route only stores the
files in a folder of their own and answers with a job id; one worker thread per process imports
the jobs in turn with ``import_paths`` (the same per-file outcomes as ``runlift import``), then
deletes the folder. Parsing stays in that thread (``workers=1``): forking a parser pool out of a
threaded server process is unsafe, and one import at a time keeps the API responsive.

The registry is per process, in memory: a job is visible only to the uvicorn worker that took the
upload, and is lost when that process stops. With several workers, a client polling a job may
reach another worker and get 404. To run several workers, keep the job state in the database (a
row per job in an ``import_jobs`` table with state and per-file outcomes, or the ``imports`` table
keyed by a batch id) and the uploads on a volume every worker sees, so any worker can answer the
poll and a queue (or a ``SELECT ... FOR UPDATE SKIP LOCKED`` loop) hands each job to one worker.
"""

from __future__ import annotations

import os
import secrets
import shutil
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from runlift.app import discover
from runlift.app.imports import FileOutcome, Options, import_paths
from runlift.store.uow import Store

QUEUED, RUNNING, DONE = "queued", "running", "done"


@dataclass(frozen=True)
class ZipLimits:
    """Caps on an uploaded zip, checked on its central directory before anything is read."""

    max_members: int
    max_uncompressed_bytes: int
    max_ratio: float


@dataclass
class Job:
    id: str
    athlete_id: int
    state: str = QUEUED
    files: list[FileOutcome] = field(default_factory=list)
    finished_at: float | None = None


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


class ImportJobs:
    """The jobs of one process: queued, imported one at a time, kept a while for polling."""

    def __init__(self, store: Store, limits: ZipLimits, keep: int = 200) -> None:
        self._store = store
        self._limits = limits
        self._keep = keep  # finished jobs remembered; the oldest are forgotten first
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="runlift-import")

    def submit(self, athlete_id: int, folder: Path, refused: list[tuple[str, str]]) -> str:
        """Queue the files in ``folder`` (which the job then owns and deletes); ``refused`` are
        uploads already turned away, reported among the job's files."""
        job = Job(secrets.token_urlsafe(16), athlete_id)
        job.files.extend(FileOutcome(name, "rejected", why) for name, why in refused)
        with self._lock:
            self._forget_old()
            self._jobs[job.id] = job
        self._pool.submit(self._run, job, folder)
        return job.id

    def get(self, athlete_id: int, job_id: str) -> Job | None:
        """A snapshot of the job, or None when there is none for this athlete."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.athlete_id != athlete_id:
                return None
            return Job(job.id, job.athlete_id, job.state, list(job.files), job.finished_at)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _forget_old(self) -> None:
        done = sorted(
            (j for j in self._jobs.values() if j.finished_at is not None),
            key=lambda j: j.finished_at or 0.0,
        )
        for job in done[: max(0, len(done) - self._keep)]:
            del self._jobs[job.id]

    def _run(self, job: Job, folder: Path) -> None:
        with self._lock:
            job.state = RUNNING
        try:
            files = self._import(job.athlete_id, folder)
        except Exception as exc:  # the job must end; say what stopped it
            files = [FileOutcome("(upload)", "rejected", f"import failed: {exc}")]
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            # Zips are kept open per process for speed; these are gone now.
            discover._open_archive.cache_clear()
        with self._lock:
            job.files.extend(files)
            job.state = DONE
            job.finished_at = time.monotonic()

    def _import(self, athlete_id: int, folder: Path) -> list[FileOutcome]:
        files: list[FileOutcome] = []
        for path in sorted(folder.iterdir()):
            if zipfile.is_zipfile(path):
                why = zip_problem(path, self._limits)
                if why:
                    files.append(FileOutcome(path.name, "rejected", why))
                    path.unlink()
        summary = import_paths(self._store, [folder], Options(), workers=1, athlete_id=athlete_id)
        prefix = f"{folder}{os.sep}"
        for outcome in summary.files:
            outcome.name = outcome.name.removeprefix(prefix)
            files.append(outcome)
        return files
