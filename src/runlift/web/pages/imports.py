"""Import: upload files (several at once, or a zip) into the existing import jobs, then a status
page that refreshes itself until the job is done and shows each file's outcome.

The upload is streamed to disk by ``web.uploads`` (which reads file parts only), so the CSRF
token travels in the form's action URL and is checked before a byte of the body is read.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import RedirectResponse, Response

from runlift.app.import_jobs import DONE
from runlift.web import sessions
from runlift.web.api.imports import JobsDep
from runlift.web.deps import SettingsDep
from runlift.web.pages.common import PageUser, back, render
from runlift.web.uploads import TooLarge, receive_files

router = APIRouter(include_in_schema=False)
REFRESH_S = 2


@router.get("/import", response_model=None)
def import_page(web: PageUser, settings: SettingsDep, err: str = "") -> Response:
    limit_mib = f"{settings.max_upload_bytes / 2**20:g}"
    return render("import.html.j2", web=web, page="import", limit_mib=limit_mib, err=err)


@router.post("/import", response_model=None)
async def upload(
    request: Request, web: PageUser, settings: SettingsDep, jobs: JobsDep, csrf_token: str = ""
) -> Response | RedirectResponse:
    key: bytes = request.app.state.session_key
    if not sessions.csrf_ok(key, sessions.read(request), csrf_token):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "CSRF token missing or wrong; reload")
    limit = settings.max_upload_bytes
    folder = Path(tempfile.mkdtemp(prefix="runlift-upload-"))
    try:
        received = await receive_files(request, folder, limit)
    except TooLarge:
        shutil.rmtree(folder, ignore_errors=True)
        return back(f"/import?err=Upload+over+{limit / 2**20:g}+MiB;+send+smaller+batches")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if not received.saved and not received.refused:
        shutil.rmtree(folder, ignore_errors=True)
        return back("/import?err=Choose+one+or+more+files")
    return back(f"/import/{jobs.submit(web.athlete_id, folder, received.refused)}")


@router.get("/import/{job_id}", response_model=None)
def import_status(job_id: str, web: PageUser, jobs: JobsDep) -> Response:
    job = jobs.get(web.athlete_id, job_id)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "import not found")
    counts: dict[str, int] = {}
    for f in job.files:
        counts[f.outcome] = counts.get(f.outcome, 0) + 1
    return render(
        "import_status.html.j2",
        web=web,
        page="import",
        job=job,
        done=job.state == DONE,
        refresh=REFRESH_S,
        counts=sorted(counts.items()),
    )
