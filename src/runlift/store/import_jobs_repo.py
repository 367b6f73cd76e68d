"""Web import jobs as rows, so every server worker sees every job. Adds and updates; never commits.

Claiming is one ``UPDATE ... WHERE id = :id AND state = 'queued'``: the database serialises the
competing updates, and the row count tells each worker whether it won. That works the same on
SQLite and PostgreSQL, without ``SELECT ... FOR UPDATE SKIP LOCKED`` (which SQLite lacks).
Updates of a running job name the claimer too, so a worker whose job was taken from it (its claim
went stale and another worker re-queued and claimed it) learns so from a row count of 0.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import ColumnElement, delete, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from runlift.store.tables import ImportJobRow

QUEUED, RUNNING, DONE = "queued", "running", "done"


def _changed(result: Any) -> bool:
    assert isinstance(result, CursorResult)
    return bool(result.rowcount)


def _still_ours(job_id: str, worker: str) -> tuple[ColumnElement[bool], ...]:
    """The job, while it is running under ``worker``'s claim (not re-queued or taken since)."""
    return (
        ImportJobRow.id == job_id,
        ImportJobRow.state == RUNNING,
        ImportJobRow.claimed_by == worker,
    )


class ImportJobRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(
        self,
        job_id: str,
        athlete_id: int,
        folder: str,
        files: list[dict[str, Any]],
        at: dt.datetime,
    ) -> None:
        """A queued job for the upload waiting in ``folder``; ``files``: outcomes known already."""
        self.s.add(
            ImportJobRow(
                id=job_id,
                athlete_id=athlete_id,
                state=QUEUED,
                folder=folder,
                files_json=json.dumps(files),
                created_at=at,
            )
        )
        self.s.flush()

    def get(self, athlete_id: int, job_id: str) -> ImportJobRow | None:
        """The athlete's job, or None (another athlete's job is as absent as a wrong id)."""
        query = select(ImportJobRow).where(
            ImportJobRow.id == job_id, ImportJobRow.athlete_id == athlete_id
        )
        return self.s.scalars(query).first()

    def row(self, job_id: str) -> ImportJobRow | None:
        return self.s.get(ImportJobRow, job_id)

    def queued_ids(self, limit: int = 10) -> list[str]:
        """The oldest queued jobs first: uploads are imported in the order they came."""
        query = (
            select(ImportJobRow.id)
            .where(ImportJobRow.state == QUEUED)
            .order_by(ImportJobRow.created_at, ImportJobRow.id)
            .limit(limit)
        )
        return list(self.s.scalars(query))

    def claim(self, job_id: str, worker: str, at: dt.datetime) -> bool:
        """Take a queued job for ``worker``; False when another worker took it first."""
        result = self.s.execute(
            update(ImportJobRow)
            .where(ImportJobRow.id == job_id, ImportJobRow.state == QUEUED)
            .values(state=RUNNING, claimed_by=worker, claimed_at=at)
        )
        return _changed(result)

    def progress(
        self, job_id: str, worker: str, files: list[dict[str, Any]], total: int, at: dt.datetime
    ) -> bool:
        """Save the outcomes so far and renew the claim; False when the job is no longer ours."""
        result = self.s.execute(
            update(ImportJobRow)
            .where(*_still_ours(job_id, worker))
            .values(files_json=json.dumps(files), total_files=total, claimed_at=at)
        )
        return _changed(result)

    def finish(
        self, job_id: str, worker: str, files: list[dict[str, Any]], at: dt.datetime
    ) -> bool:
        """Mark the job done with every file's outcome; False when it is no longer ours."""
        result = self.s.execute(
            update(ImportJobRow)
            .where(*_still_ours(job_id, worker))
            .values(
                state=DONE, files_json=json.dumps(files), total_files=len(files), finished_at=at
            )
        )
        return _changed(result)

    def release(self, job_id: str, worker: str) -> bool:
        """Give a running job back to the queue (this worker is stopping half-way)."""
        result = self.s.execute(
            update(ImportJobRow)
            .where(*_still_ours(job_id, worker))
            .values(state=QUEUED, claimed_by=None, claimed_at=None)
        )
        return _changed(result)

    def requeue_stale(self, claimed_before: dt.datetime) -> int:
        """Re-queue running jobs whose claim was last renewed before ``claimed_before``: their
        worker died (or hangs), and the upload still waits in its folder."""
        result = self.s.execute(
            update(ImportJobRow)
            .where(ImportJobRow.state == RUNNING, ImportJobRow.claimed_at < claimed_before)
            .values(state=QUEUED, claimed_by=None, claimed_at=None)
        )
        assert isinstance(result, CursorResult)
        return int(result.rowcount)

    def live_folders(self) -> set[str]:
        """The upload folders of jobs not done yet (which housekeeping must not delete)."""
        query = select(ImportJobRow.folder).where(ImportJobRow.state != DONE)
        return set(self.s.scalars(query))

    def forget_done(self, finished_before: dt.datetime) -> int:
        """Delete jobs finished before the cut-off; their results have been seen or never will."""
        result = self.s.execute(
            delete(ImportJobRow).where(
                ImportJobRow.state == DONE, ImportJobRow.finished_at < finished_before
            )
        )
        assert isinstance(result, CursorResult)
        return int(result.rowcount)
