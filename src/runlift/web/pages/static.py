"""The few static files the pages need (htmx), served from the package: no CDN, no build step.

Each file's name carries its version, so it is cached for a year and never goes stale.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import Response

router = APIRouter(include_in_schema=False)
HTMX = "htmx-2.0.11.min.js"
_TYPES = {".js": "text/javascript; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


@lru_cache(maxsize=8)
def _read(name: str) -> bytes | None:
    node = resources.files("runlift").joinpath("web", "static", name)
    try:
        return node.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None


@router.get("/static/{name}", response_model=None)
def static_file(name: str) -> Response:
    suffix = name[name.rfind(".") :] if "." in name else ""
    body = _read(name) if suffix in _TYPES and "/" not in name else None
    if body is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "not found")
    return Response(
        body,
        media_type=_TYPES[suffix],
        headers={
            "Cache-Control": "public, max-age=31536000, immutable",
            "X-Content-Type-Options": "nosniff",
        },
    )
