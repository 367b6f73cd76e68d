"""Form check: upload a filmed set from Today or an exercise's page, wait while it is checked,
then read the reps, depth and faults with a cue for each, and watch the annotated clip.

The upload is a plain multipart form (no script needed): the CSRF token is its first field, so
the streamer (``web.uploads.receive_upload``, never buffering the body) checks it before a byte
of the video is written; only one file is taken, up to ``max_form_video_bytes``. The video is
probed at once, so a file that is not a video is refused beside the field (422) and nothing is
kept. Then the check runs in this process's form-check thread (``runlift.app.form_clips`` says
why there is no job table); the processing page polls every second with htmx (a ``<noscript>``
refresh without script) and moves on to the result page when the check's row exists.

Who sees what, as everywhere: an athlete their own checks, a coach those of their athletes;
anyone else gets 404, for the page and for the clip alike.
"""

from __future__ import annotations

import shutil
import threading
from typing import Annotated, Any
from urllib.parse import quote_plus

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import FileResponse, Response
from starlette.concurrency import run_in_threadpool

from runlift.app import accounts
from runlift.app.catalog import catalog
from runlift.app.form_clips import DONE, FAILED, FormClips, probe, stored_check
from runlift.errors import BadInput
from runlift.formcheck import words
from runlift.formcheck.exercises import family_of
from runlift.web import sessions
from runlift.web.deps import SettingsDep, StoreDep
from runlift.web.pages.common import (
    PageUser,
    WebUser,
    back,
    environment,
    is_htmx,
    render,
    signed_in,
    today_date,
    upload_csrf_gate,
)
from runlift.web.uploads import NoFiles, TooLarge, receive_upload

router = APIRouter(include_in_schema=False)
VIEWS = ("auto", "side", "front")
REFRESH_S = 2  # the no-script processing page's refresh; htmx polls every second
_clips_lock = threading.Lock()


def checkable_family(exercise_id: str) -> str | None:
    """The form-check family of a catalog exercise, or None when the check cannot judge it."""
    cat = catalog()
    if exercise_id not in cat:
        return None
    return family_of(cat.get(exercise_id), cat)


# Today's cards and the Exercise page include the upload form only for what can be checked;
# the templates ask this, so their page modules need not know about form checks.
environment().globals["form_family"] = checkable_family


def clips_for(app: Any) -> FormClips:
    """The process's form checks, made once per app (its thread starts with the first upload)."""
    with _clips_lock:
        clips: FormClips | None = getattr(app.state, "form_clips", None)
        if clips is None:
            clips = FormClips(app.state.store, app.state.settings.form_check_root)
            app.state.form_clips = clips
        return clips


def _clips(request: Request) -> FormClips:
    return clips_for(request.app)


ClipsDep = Annotated[FormClips, Depends(_clips)]


def _exercise(exercise_id: str) -> tuple[Any, str]:
    """The catalog exercise and its family; 404 for one the form check cannot judge."""
    family = checkable_family(exercise_id)
    if family is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no form check for this exercise")
    return catalog().get(exercise_id), family


def _form_page(
    web: WebUser, exercise_id: str, today: bool, code: int = 200, err: str = ""
) -> Response:
    ex, family = _exercise(exercise_id)
    return render(
        "form_check_new.html.j2",
        code,
        web=web,
        page="today" if today else "exercises",
        ex=ex,
        family=family,
        rate_option=today,
        form_check_err=err,
        form_check_open=True,
    )


@router.get("/form-checks/new", response_model=None)
def new_check(
    web: PageUser, exercise: str, src: Annotated[str, Query(alias="from")] = ""
) -> Response:
    return _form_page(web, exercise, today=src == "today")


@router.post("/form-checks", response_model=None)
async def upload(
    request: Request,
    web: PageUser,
    settings: SettingsDep,
    clips: ClipsDep,
    exercise: str = "",
) -> Response:
    today = request.query_params.get("from") == "today"
    ex, _family = _exercise(exercise)
    csrf_gate = upload_csrf_gate(request)

    def refused(code: int, why: str) -> Response:
        return _form_page(web, ex.id, today, code, why)

    limit = settings.max_form_video_bytes
    folder = clips.new_folder()
    try:
        received = await receive_upload(request, folder, limit, max_files=1, gate=csrf_gate)
    except TooLarge:
        why = f"The video is over {limit / 2**20:g} MiB: film one set, or trim the clip."
        return refused(413, why)
    except NoFiles:
        return refused(422, "Choose a video of the set, or film one.")
    except BadInput as exc:
        why = "Send one video at a time." if "at most" in str(exc) else "; ".join(exc.problems)
        return refused(422, why)
    try:
        view = received.fields.get("view", "auto") or "auto"
        if view not in VIEWS:
            raise BadInput(f"camera: expected auto, side or front; got {view!r}")
        if not received.saved:
            raise BadInput("Choose a video of the set, or film one.")
        video = received.saved[0]
        await run_in_threadpool(probe, video, settings.max_form_video_s)
    except BadInput as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return refused(422, str(exc))
    rate = received.fields.get("rate") == "1" and today
    token = clips.submit(web.athlete_id, folder, video, ex.id, view, rate, today_date())
    return back(f"/form-checks/pending/{token}")


@router.get("/form-checks/pending/{token}", response_model=None)
def processing(request: Request, token: str, web: PageUser, clips: ClipsDep) -> Response:
    job = clips.pending(web.athlete_id, token)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "form check not found")
    if job.state == DONE and job.check_id is not None:
        url = f"/form-checks/{job.check_id}" + (f"?msg={quote_plus(job.note)}" if job.note else "")
        if is_htmx(request):  # the poll: htmx loads the result page in place of this one
            return Response(status_code=200, headers={"HX-Redirect": url})
        return back(url)
    ex = catalog().get(job.exercise_id) if job.exercise_id in catalog() else None
    return render(
        "form_check_pending.html.j2",
        web=web,
        page="today",
        job=job,
        failed=job.state == FAILED,
        ex=ex,
        refresh=REFRESH_S,
        fragment=is_htmx(request),
    )


def _viewer(request: Request, store: StoreDep) -> tuple[accounts.User, str]:
    """Anyone signed in (an athlete or a coach) and their CSRF token; anonymous → login."""
    session, user = signed_in(request, store, "/today")
    return user, sessions.csrf_token(request.app.state.session_key, session)


Viewer = Annotated[tuple[accounts.User, str], Depends(_viewer)]


def _reachable(store: StoreDep, user: accounts.User, check_id: int) -> Any:
    check = stored_check(store, check_id)
    if check is None or not accounts.can_reach(store, user, check.athlete_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "form check not found")
    return check


@router.get("/form-checks/{check_id:int}", response_model=None)
def result_page(
    check_id: int, viewer: Viewer, store: StoreDep, clips: ClipsDep, msg: str = ""
) -> Response:
    user, csrf = viewer
    check = _reachable(store, user, check_id)
    ex = catalog().get(check.exercise_id) if check.exercise_id in catalog() else None
    return render(
        "form_check.html.j2",
        me=user,
        csrf=csrf,
        page="today" if user.athlete_id == check.athlete_id else "coach",
        check=check,
        r=check.result,
        ex=ex,
        words=words,
        has_clip=clips.clip_path(check.id).is_file(),
        own=user.athlete_id == check.athlete_id,
        msg=msg,
    )


@router.get("/form-checks/{check_id:int}/video", response_model=None)
def clip(check_id: int, viewer: Viewer, store: StoreDep, clips: ClipsDep) -> FileResponse:
    user, _csrf = viewer
    check = _reachable(store, user, check_id)
    path = clips.clip_path(check.id)
    if not path.is_file():
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no annotated clip for this check")
    return FileResponse(
        path,
        media_type="video/mp4",
        headers={"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )
