"""Secrets that travel in URL paths are kept out of uvicorn's access log.

Two routes carry their credential in the path: the calendar feed (``/calendar/<token>.ics``,
polled by calendar apps without a cookie) and the one-time login link (``/login/once/<token>``).
uvicorn logs every request path, so a filter on its ``uvicorn.access`` logger blanks both
tokens. It is installed at app start-up (after uvicorn has configured logging) and again,
idempotently, by those routes, so an app served without lifespan events is covered too.
"""

from __future__ import annotations

import logging
import re

SECRET_PATH = re.compile(r"(/calendar/|/login/once/)[^/?#\s\"']+")
HIDDEN = r"\1[token]"
ACCESS_LOGGER = "uvicorn.access"


class HideTokens(logging.Filter):
    """Rewrites a secret path segment to ``[token]`` in a record; drops nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = SECRET_PATH.sub(HIDDEN, record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                SECRET_PATH.sub(HIDDEN, a) if isinstance(a, str) else a for a in record.args
            )
        return True


def hide_tokens() -> None:
    """Install the filter on uvicorn's access logger, once."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, HideTokens) for f in logger.filters):
        logger.addFilter(HideTokens())
