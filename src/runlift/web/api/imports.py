"""Imports: upload files (or a zip) and poll the job that imports them (contracts §7).

The upload is streamed into a folder of its own and handed to the process's job registry
(``runlift.app.import_jobs``, which explains why jobs are per process and what several workers
would need). Jobs are looked up by athlete as well as id, so another athlete's job is a 404.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status

from runlift.app.import_jobs import ImportJobs, ZipLimits
from runlift.web.deps import AthleteAccess, SettingsDep, StoreDep
from runlift.web.schemas import ImportCreated, ImportFileRead, ImportRead
from runlift.web.uploads import TooLarge, receive_files

router = APIRouter(prefix="/athletes/{aid}/imports", tags=["imports"])
_registry_lock = threading.Lock()


def import_jobs(request: Request, store: StoreDep, settings: SettingsDep) -> ImportJobs:
    """The app's job registry, made on first use (the app factory stays unaware of it)."""
    with _registry_lock:
        jobs: ImportJobs | None = getattr(request.app.state, "import_jobs", None)
        if jobs is None:
            limits = ZipLimits(
                settings.max_zip_members,
                settings.max_uncompressed_bytes,
                settings.max_compression_ratio,
            )
            jobs = request.app.state.import_jobs = ImportJobs(store, limits)
        return jobs


JobsDep = Annotated[ImportJobs, Depends(import_jobs)]


@router.post("", status_code=status.HTTP_202_ACCEPTED)
async def create_import(
    aid: AthleteAccess, request: Request, settings: SettingsDep, jobs: JobsDep
) -> ImportCreated:
    limit = settings.max_upload_bytes
    folder = Path(tempfile.mkdtemp(prefix="runlift-upload-"))
    try:
        received = await receive_files(request, folder, limit)
    except TooLarge:
        shutil.rmtree(folder, ignore_errors=True)
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"upload larger than the limit of {limit:,} bytes ({limit / 2**20:g} MiB, "
            "RUNLIFT_MAX_UPLOAD_BYTES); send the files in smaller batches",
        ) from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if not received.saved and not received.refused:
        shutil.rmtree(folder, ignore_errors=True)
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST, "files: send one or more files (multipart field 'files')"
        )
    return ImportCreated(id=jobs.submit(aid, folder, received.refused))


@router.get("/{job_id}")
def get_import(aid: AthleteAccess, job_id: str, jobs: JobsDep) -> ImportRead:
    job = jobs.get(aid, job_id)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "import not found")
    return ImportRead(
        state=job.state,  # type: ignore[arg-type]
        files=[
            ImportFileRead(name=f.name, outcome=f.outcome, message=f.message) for f in job.files
        ],
    )
