"""Imports: upload files (or a zip) and poll the job that imports them (contracts §7).

The upload is streamed into a folder of its own under the upload directory and queued as a row
(``runlift.app.import_jobs``), so whichever server worker a poll reaches reads the same job, and
one worker imports it. Jobs are looked up by athlete as well as id, so another athlete's job is a
404. The answer adds ``done_files`` and ``total_files`` to the contract's fields for progress.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, status

from runlift.app.import_jobs import ImportJobs, ZipLimits
from runlift.web.deps import AthleteAccess, SettingsDep
from runlift.web.schemas import ImportCreated, ImportFileRead, ImportRead
from runlift.web.uploads import NoFiles, TooLarge, accept_upload, too_large_message

router = APIRouter(prefix="/athletes/{aid}/imports", tags=["imports"])
_jobs_lock = threading.Lock()


def jobs_for(app: Any) -> ImportJobs:
    """The process's side of the job queue, made once per app, which also starts its worker
    thread. The app starts it at start-up, so every server process serves the queue (and
    re-queues a dead worker's job) even if no import request ever reaches it."""
    with _jobs_lock:
        jobs: ImportJobs | None = getattr(app.state, "import_jobs", None)
        if jobs is None:
            settings = app.state.settings
            limits = ZipLimits(
                settings.max_zip_members,
                settings.max_uncompressed_bytes,
                settings.max_compression_ratio,
            )
            jobs = ImportJobs(
                app.state.store, settings.upload_root, limits, stale_s=settings.import_stale_s
            )
            app.state.import_jobs = jobs
            jobs.start()
        return jobs


def import_jobs(request: Request) -> ImportJobs:
    return jobs_for(request.app)


JobsDep = Annotated[ImportJobs, Depends(import_jobs)]


class ImportProgressRead(ImportRead):
    """The contract's job (``state``, ``files``) with its progress: ``done_files`` of
    ``total_files`` (null until the worker has counted the upload's files)."""

    done_files: int
    total_files: int | None


@router.post("", status_code=status.HTTP_202_ACCEPTED)
async def create_import(
    aid: AthleteAccess, request: Request, settings: SettingsDep, jobs: JobsDep
) -> ImportCreated:
    limit = settings.max_upload_bytes
    try:
        job_id = await accept_upload(request, jobs, aid, limit)
    except TooLarge:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, too_large_message(limit)) from None
    except NoFiles:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST, "files: send one or more files (multipart field 'files')"
        ) from None
    return ImportCreated(id=job_id)


@router.get("/{job_id}")
def get_import(aid: AthleteAccess, job_id: str, jobs: JobsDep) -> ImportProgressRead:
    job = jobs.get(aid, job_id)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "import not found")
    return ImportProgressRead(
        state=job.state,  # type: ignore[arg-type]
        files=[
            ImportFileRead(name=f.name, outcome=f.outcome, message=f.message) for f in job.files
        ],
        done_files=job.done_files,
        total_files=job.total_files,
    )
