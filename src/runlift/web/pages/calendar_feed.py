"""The public calendar feed: ``GET /calendar/{token}.ics``, with no cookie and no sign-in.

Calendar apps poll a subscription URL on their own, without the browser's session, so the secret
token in the path is the credential (made and revoked on the Plan page, ``app.calendar_feeds``).
This is the one page route without ``PageUser``; everything else keeps its access checks.

The token must not outlive its revocation in a log file, and uvicorn's access log writes every
request path. So a filter on the ``uvicorn.access`` logger blanks feed tokens. It is installed
when the app starts (this router's lifespan, after uvicorn has configured its logging) and again,
idempotently, by the route itself, so an app served without lifespan events is covered too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import Response

from runlift.app.calendar_feeds import feed_calendar
from runlift.web.deps import StoreDep

FEED_PATH = re.compile(r"(/calendar/)[^/?#\s\"']+")
HIDDEN = r"\1[token]"
ACCESS_LOGGER = "uvicorn.access"


class HideFeedTokens(logging.Filter):
    """Rewrites ``/calendar/<token>.ics`` to ``/calendar/[token]`` in a record; drops nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = FEED_PATH.sub(HIDDEN, record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                FEED_PATH.sub(HIDDEN, a) if isinstance(a, str) else a for a in record.args
            )
        return True


def hide_feed_tokens() -> None:
    """Install the filter on uvicorn's access logger, once."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, HideFeedTokens) for f in logger.filters):
        logger.addFilter(HideFeedTokens())


@asynccontextmanager
async def _lifespan(_app: Any) -> AsyncIterator[None]:
    hide_feed_tokens()
    yield


router = APIRouter(include_in_schema=False, lifespan=_lifespan)


@router.get("/calendar/{token}.ics", response_model=None)
def calendar_feed(token: str, store: StoreDep) -> Response:
    hide_feed_tokens()  # before uvicorn logs this request, which it does once we answer
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
