"""Form checks for the web: an uploaded video is checked in the background, the result is stored
as a ``form_checks`` row and the annotated clip kept in a folder named by the row's id.

Why this shape (no schema change):

- **The outcome is the row.** A finished check is a ``form_checks`` row like the one
  ``runlift form --log`` writes, with ``set_id`` NULL when it rates no set. Any server worker can
  show it, and its annotated clip lives at ``<form_check_root>/<id>/annotated.mp4`` on the folder
  every worker sees (the same requirement the import uploads already make).
- **The wait is not in the database.** A check takes seconds (about 22 ms of CPU a frame: a
  20 s clip at 30 fps is about 15 s), so it gets no job table: each server process runs one
  worker thread fed by an in-process queue, one check at a time, so a burst of uploads cannot
  take every core from the pages. While it runs, the worker writes the job's small state file
  (``pending/<token>.json``: queued, running with frames done, done with the row's id, or failed
  with the reason) beside the upload. The processing page polls that file every second (htmx),
  so a poll answered by another worker still sees the job, and when the row exists it moves on
  to the result page.
- **Lost jobs are said, not redone.** A process that dies mid-check leaves a state file that
  stops changing; after ``stale_s`` the page says the check was interrupted and asks for the
  video again, instead of polling for ever. Re-running a check is a re-upload; a durable queue
  with claims (as imports have) would cost a migration for little gain at these durations.

The upload is probed (opened and its first frame decoded) before it is queued, so a file that is
no video is refused at once, beside the file field, and nothing is kept.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import queue
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, select

from runlift.errors import BadInput
from runlift.formcheck.exercises import FAMILY_CONFIG
from runlift.formcheck.result import Fault, FormResult, Rep
from runlift.store.tables import FormCheckRow
from runlift.store.uow import Store

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
CLIP_NAME = "annotated.mp4"
SAVE_EVERY_S = 0.5  # progress writes at most this often
KEEP_STATE = dt.timedelta(days=1)  # how long a state file (a poll's link to the row) is kept
INTERRUPTED = (
    "The check was interrupted (the server restarted while it ran). Upload the video again."
)
UNEXPECTED = "The check failed unexpectedly. Try again, or film the set again."


@dataclass(frozen=True)
class Job:
    """One uploaded video waiting for its check; ``on`` is the day it was uploaded."""

    token: str
    athlete_id: int
    folder: Path
    video: Path
    exercise_id: str
    view: str
    rate_set: bool
    on: dt.date


@dataclass(frozen=True)
class Pending:
    """A job as a poll sees it, from its state file."""

    token: str
    athlete_id: int
    state: str
    exercise_id: str
    done_frames: int = 0
    total_frames: int | None = None
    check_id: int | None = None
    error: str = ""
    note: str = ""  # after "rate today's set": what was rated, or why nothing was


@dataclass(frozen=True)
class StoredCheck:
    id: int
    athlete_id: int
    set_id: int | None
    on: dt.date
    exercise_id: str
    technique: int
    result: FormResult


def result_from_contract(doc: dict[str, Any]) -> FormResult:
    """The stored ``runlift.form/1`` JSON back as a :class:`FormResult` (for its wording); the
    main angle's name comes from the family, the per-frame angles are not stored."""
    family = FAMILY_CONFIG.get(str(doc["exercise"]))
    video = doc.get("video") or {}
    return FormResult(
        exercise=str(doc["exercise"]),
        view=str(doc["view"]),
        frames=int(video.get("frames", 0)),
        fps=float(video.get("fps", 0.0)),
        frames_with_pose=int(doc.get("frames_with_pose", 0)),
        reps=tuple(
            Rep(
                float(r["start_s"]),
                float(r["bottom_s"]),
                float(r["end_s"]),
                float(r["knee_angle_min_deg"]),
                r.get("depth"),
                tuple(r.get("faults", ())),
            )
            for r in doc.get("reps", ())
        ),
        hold_s=None if doc.get("hold_s") is None else float(doc["hold_s"]),
        faults=tuple(
            Fault(
                str(f["kind"]),
                tuple(int(n) for n in f.get("reps", ())),
                str(f["confidence"]),
                str(f["message"]),
                str(f["cue"]),
            )
            for f in doc.get("faults", ())
        ),
        technique=int(doc["technique"]),
        technique_reasons=tuple(str(x) for x in doc.get("technique_reasons", ())),
        warnings=tuple(str(x) for x in doc.get("warnings", ())),
        angle_name=family.main_angle if family else "",
    )


def stored_check(store: Store, check_id: int) -> StoredCheck | None:
    """The stored check with this id (whoever's it is: the caller decides who may see it)."""
    with store.unit_of_work() as uow:
        row = uow.session.scalars(select(FormCheckRow).where(FormCheckRow.id == check_id)).first()
        if row is None:
            return None
        result = result_from_contract(json.loads(row.result_json))
        return StoredCheck(
            row.id, row.athlete_id, row.set_id, row.on, row.exercise_id, row.technique, result
        )


def probe(video: Path, max_s: float) -> None:
    """BadInput unless ``video`` is a readable video of at most ``max_s`` seconds: opens it and
    decodes its first frame, a few milliseconds."""
    from runlift.formats.video import open_video

    with open_video(video) as frames:
        duration = frames.info.duration_s
    if duration is not None and duration > max_s:
        raise BadInput(
            f"the video is {duration:.0f} s long; film one set, at most {max_s:.0f} s",
            source=video.name,
        )


Checker = Callable[..., Any]  # runlift.app.form_check.check_video, or a stand-in in tests


class FormClips:
    """This process's form checks: take uploads, run them one by one, report their state."""

    def __init__(
        self,
        store: Store,
        root: Path,
        *,
        max_fps: float = 30.0,
        stale_s: float = 600.0,
        checker: Checker | None = None,
    ) -> None:
        self.store = store
        self.root = root
        self.max_fps = max_fps
        self.stale_s = stale_s
        self._checker = checker
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        event.listen(store.engine, "engine_disposed", self.close)

    # -- places --------------------------------------------------------------------------------
    @property
    def pending_dir(self) -> Path:
        return self.root / "pending"

    def clip_path(self, check_id: int) -> Path:
        return self.root / str(check_id) / CLIP_NAME

    def _state_path(self, token: str) -> Path:
        return self.pending_dir / f"{token}.json"

    def new_folder(self) -> Path:
        """An empty folder for one upload; its name is the job's token."""
        self.pending_dir.mkdir(parents=True, exist_ok=True)
        folder = self.pending_dir / secrets.token_urlsafe(16)
        folder.mkdir()
        return folder

    # -- the queue -----------------------------------------------------------------------------
    def submit(
        self,
        athlete_id: int,
        folder: Path,
        video: Path,
        exercise_id: str,
        view: str,
        rate_set: bool,
        on: dt.date,
    ) -> str:
        """Queue the video in ``folder`` (from ``new_folder``; the job deletes it when done)."""
        job = Job(folder.name, athlete_id, folder, video, exercise_id, view, rate_set, on)
        self._write(Pending(job.token, athlete_id, QUEUED, exercise_id))
        self._start()
        self._queue.put(job)
        return job.token

    def pending(self, athlete_id: int, token: str) -> Pending | None:
        """The job's state now, or None when this athlete has no such job."""
        if not token or "/" in token or "\\" in token or token.startswith("."):
            return None
        path = self._state_path(token)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            age = time.time() - path.stat().st_mtime
            if doc.get("athlete_id") != athlete_id:
                return None
            found = Pending(**doc)
        except (OSError, ValueError, TypeError, AttributeError):  # gone, or not ours to read
            return None
        if found.state in (QUEUED, RUNNING) and age > self.stale_s:
            return Pending(token, athlete_id, FAILED, found.exercise_id, error=INTERRUPTED)
        return found

    def close(self, *_: object) -> None:
        self._stopping.set()
        self._queue.put(None)

    def _start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._stopping.clear()
                self._thread = threading.Thread(
                    target=self._loop, name="runlift-form-check", daemon=True
                )
                self._thread.start()

    def _loop(self) -> None:
        while not self._stopping.is_set():
            job = self._queue.get()
            if job is None:
                continue
            try:
                self._run(job)
            except Exception:  # the database may be away: say so on the page, keep serving
                log.exception("form check %s failed", job.token)
                self._fail(job, UNEXPECTED)
            finally:
                shutil.rmtree(job.folder, ignore_errors=True)
        self._tidy()

    # -- one check -----------------------------------------------------------------------------
    def _run(self, job: Job) -> None:
        self._tidy()
        state = Pending(job.token, job.athlete_id, RUNNING, job.exercise_id)
        self._write(state)
        saved_at = 0.0

        def tick(done: int, total: int | None) -> None:
            nonlocal saved_at
            if time.monotonic() - saved_at >= SAVE_EVERY_S:
                saved_at = time.monotonic()
                self._write(
                    Pending(job.token, job.athlete_id, RUNNING, job.exercise_id, done, total)
                )

        out = job.folder / CLIP_NAME
        try:
            checked = self._check(job, out, tick)
        except BadInput as exc:
            self._fail(job, _words(exc))
            return
        check_id, note = self._store(job, checked.result)
        if out.is_file():
            clip = self.clip_path(check_id)
            clip.parent.mkdir(parents=True, exist_ok=True)
            os.replace(out, clip)
        self._write(
            Pending(job.token, job.athlete_id, DONE, job.exercise_id, check_id=check_id, note=note)
        )

    def _check(self, job: Job, out: Path, tick: Callable[[int, int | None], None]) -> Any:
        checker = self._checker
        if checker is None:
            from runlift.app.form_check import check_video

            checker = check_video
        return checker(
            job.video, job.exercise_id, job.view, max_fps=self.max_fps, annotate=out, progress=tick
        )

    def _store(self, job: Job, result: FormResult) -> tuple[int, str]:
        """The row's id, and what was rated (or why nothing was)."""
        note = ""
        if job.rate_set:
            from runlift.app.form_log import attach_to_todays_set

            try:
                attached = attach_to_todays_set(
                    self.store, job.on, job.exercise_id, result, job.athlete_id
                )
            except BadInput:
                note = (
                    "No set was rated: no working set of this exercise is logged today. "
                    "Log the set on Today, then check it again."
                )
            else:
                with self.store.unit_of_work() as uow:
                    rows = uow.form_checks.for_set(attached.set_id)
                    return rows[-1].id, attached.sentence()
        with self.store.unit_of_work() as uow:
            check_id = uow.form_checks.add(
                job.athlete_id,
                None,
                job.on,
                job.exercise_id,
                result.technique,
                json.dumps(result.to_contract()),
            )
            uow.commit()
        return check_id, note

    # -- state files ---------------------------------------------------------------------------
    def _fail(self, job: Job, why: str) -> None:
        try:
            self._write(Pending(job.token, job.athlete_id, FAILED, job.exercise_id, error=why))
        except OSError:  # the page will say "interrupted" once the old state goes stale
            log.exception("form check %s: cannot save its state", job.token)

    def _write(self, p: Pending) -> None:
        """Replace the job's state file whole (a poll never reads half of one)."""
        path = self._state_path(p.token)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{p.token}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(p.__dict__), encoding="utf-8")
        os.replace(tmp, path)

    def _tidy(self) -> None:
        """Forget finished jobs' state files after a day, and uploads a broken job left."""
        cutoff = time.time() - KEEP_STATE.total_seconds()
        try:
            entries = list(self.pending_dir.iterdir())
        except OSError:
            return
        for entry in entries:
            try:
                if entry.stat().st_mtime >= cutoff:
                    continue
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
            except OSError:
                continue


def _words(exc: BadInput) -> str:
    """The reader's or the analysis' message, without the server's path to the file."""
    return "; ".join(exc.problems)
