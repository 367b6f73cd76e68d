"""Import: drop files, folders or zips (or pick them), watch the upload, then the job's progress
and each file's outcome, in the words ``runlift import`` uses.

The page's script sends the upload with XMLHttpRequest (for its progress bar) and the CSRF token
in the X-CSRF-Token header. Without script, the form posts itself with the token in a hidden
``csrf_token`` field placed before the file inputs, so the upload streamer (``web.uploads``, which
never buffers the body) has the token before the first file byte. The token is never in a URL.
Both land on the job's status page, which htmx polls every second until the job is done; without
script, a ``<noscript>`` refresh does the same. The job lives in the database, so whichever server
worker answers a poll sees it.
"""

from __future__ import annotations

from urllib.parse import quote_plus

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import RedirectResponse, Response

from runlift.app.import_jobs import DONE, JobView
from runlift.web.api.imports import JobsDep
from runlift.web.deps import SettingsDep
from runlift.web.pages.common import PageUser, back, is_htmx, render, upload_csrf_gate
from runlift.web.uploads import NoFiles, TooLarge, accept_upload

router = APIRouter(include_in_schema=False)
REFRESH_S = 2  # the no-script page's refresh; htmx polls every second


@router.get("/import", response_model=None)
def import_page(web: PageUser, settings: SettingsDep, err: str = "") -> Response:
    limit = settings.max_upload_bytes
    return render(
        "import.html.j2",
        web=web,
        page="import",
        limit_bytes=limit,
        limit_mib=f"{limit / 2**20:g}",
        err=err,
    )


@router.post("/import", response_model=None)
async def upload(
    request: Request, web: PageUser, settings: SettingsDep, jobs: JobsDep
) -> Response | RedirectResponse:
    csrf_gate = upload_csrf_gate(request)

    limit = settings.max_upload_bytes
    try:
        job_id = await accept_upload(request, jobs, web.athlete_id, limit, csrf_gate)
    except TooLarge:
        why = f"Upload over {limit / 2**20:g} MiB; send smaller batches"
        return back(f"/import?err={quote_plus(why)}")
    except NoFiles:
        return back("/import?err=Choose+one+or+more+files")
    return back(f"/import/{job_id}")


@router.get("/import/{job_id}", response_model=None)
def import_status(request: Request, job_id: str, web: PageUser, jobs: JobsDep) -> Response:
    job = jobs.get(web.athlete_id, job_id)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "import not found")
    return render(
        "import_status.html.j2",
        web=web,
        page="import",
        job=job,
        done=job.state == DONE,
        refresh=REFRESH_S,
        summary=summary_line(job),
        fragment=is_htmx(request),
    )


def summary_line(job: JobView) -> list[str]:
    """The command line's summary of an import, part by part (``runlift import`` prints them
    joined with " · ")."""

    def count(outcome: str) -> int:
        return sum(1 for f in job.files if f.outcome == outcome)

    runs = sum(f.runs for f in job.files)
    sessions_ = sum(f.strength_sessions for f in job.files)
    return [
        f"{count('imported')} imported ({runs} activities, {sessions_} strength sessions)",
        f"{count('duplicate')} duplicates skipped",
        f"{count('repaired')} repaired",
        f"{count('rejected')} rejected",
        f"{count('skipped')} not activity files",
    ]
