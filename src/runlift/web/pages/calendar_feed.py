"""The public calendar feed: ``GET /calendar/{token}.ics``, with no cookie and no sign-in.

Calendar apps poll a subscription URL on their own, without the browser's session, so the secret
token in the path is the credential (made and revoked on the Plan page, ``app.calendar_feeds``).
This is the one page route without ``PageUser``; everything else keeps its access checks.

The token must not outlive its revocation in a log file: ``web.access_log`` blanks it.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import Response

from runlift.app.calendar_feeds import feed_calendar
from runlift.web.access_log import hide_tokens
from runlift.web.deps import StoreDep

router = APIRouter(include_in_schema=False)


@router.get("/calendar/{token}.ics", response_model=None)
def calendar_feed(token: str, store: StoreDep) -> Response:
    hide_tokens()  # before uvicorn logs this request, which it does once we answer
    body = feed_calendar(store, token)
    if body is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such calendar")
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": 'inline; filename="runlift-plan.ics"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        },
    )
