"""Multipart uploads streamed straight into a folder, counted against the byte limit as they come.

FastAPI's ``UploadFile`` parameters would take in the whole body (spooled to memory, then to the
system's temp folder) before the route runs, so the limit could only be checked afterwards. Here
a declared Content-Length over the limit is refused before a byte is read, and the bytes are
counted as they arrive anyway (a client may send chunked, or lie), each file part written into
the job's own folder under a name we choose. Disk writes happen on the event loop: they are
local, in chunks of at most 64 KiB, and cheaper than a thread hop per chunk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import IO

from fastapi import Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from runlift.errors import BadInput


class TooLarge(Exception):
    """The request body passed the upload limit."""


@dataclass
class Received:
    saved: list[Path] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name the client gave, why)


def safe_name(name: str) -> str | None:
    """The file name to keep (its last part), or None for an absolute path or one with ``..``."""
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    if posix.is_absolute() or windows.is_absolute() or name.startswith(("/", "\\")):
        return None
    if ".." in posix.parts or ".." in windows.parts:
        return None
    last = windows.name  # splits on both separators
    return last if last not in ("", ".") else None


def _free_path(folder: Path, name: str) -> Path:
    path = folder / name
    n = 1
    while path.exists():  # two uploads with one name: keep both
        n += 1
        path = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
    return path


class _Parts:
    """python-multipart callbacks writing each file part to a file of its own."""

    def __init__(self, folder: Path, max_files: int) -> None:
        self.folder, self.max_files = folder, max_files
        self.received = Received()
        self._header = self._value = b""
        self._disposition = b""
        self._out: IO[bytes] | None = None

    def callbacks(self) -> dict[str, Callable[..., None]]:
        return {
            "on_part_begin": self._begin,
            "on_header_field": lambda d, s, e: self._add("_header", d[s:e]),
            "on_header_value": lambda d, s, e: self._add("_value", d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._data,
            "on_part_end": self._end,
        }

    def _add(self, attr: str, data: bytes) -> None:
        setattr(self, attr, getattr(self, attr) + data)

    def _begin(self) -> None:
        self._disposition = b""

    def _header_end(self) -> None:
        if self._header.lower() == b"content-disposition":
            self._disposition = self._value
        self._header = self._value = b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        if b"filename" not in options:
            return  # a plain form field: ignored
        name = options[b"filename"].decode("utf-8", "replace")
        kept = safe_name(name)
        if kept is None:
            self.received.refused.append((name, "refused: absolute path or '..' in the name"))
            return
        if len(self.received.saved) >= self.max_files:
            raise BadInput(f"files: at most {self.max_files} files in one upload")
        path = _free_path(self.folder, kept)
        self.received.saved.append(path)
        self._out = path.open("xb")

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._out is not None:
            self._out.write(data[start:end])

    def _end(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None

    def close(self) -> None:
        self._end()


async def receive_files(
    request: Request, folder: Path, max_bytes: int, max_files: int = 1000
) -> Received:
    """Save the request's file parts into ``folder``; TooLarge past ``max_bytes`` of body."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge
    kind, params = parse_options_header(request.headers.get("content-type"))
    if kind != b"multipart/form-data" or b"boundary" not in params:
        raise BadInput("files: send the files as multipart/form-data")
    parts = _Parts(folder, max_files)
    parser = MultipartParser(params[b"boundary"], parts.callbacks())  # type: ignore[arg-type]
    total = 0
    try:
        async for chunk in request.stream():
            total += len(chunk)
            if total > max_bytes:
                raise TooLarge
            parser.write(chunk)
        parser.finalize()
    except FormParserError as exc:
        raise BadInput(f"files: not a valid multipart body: {exc}") from None
    finally:
        parts.close()
    return parts.received
