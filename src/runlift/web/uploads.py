"""Multipart uploads streamed into a job's folder, counted against the byte limit as they come.

FastAPI's ``UploadFile`` parameters would take in the whole body (spooled to memory, then to the
system's temp folder) before the route runs, so the limit could only be checked afterwards. Here
a declared Content-Length over the limit is refused before a byte is read, and the bytes are
counted as they arrive anyway (a client may send chunked, or lie), each file part written into
the job's own folder under a name we choose. Disk writes happen on the event loop: they are
local, in chunks of at most 64 KiB, and cheaper than a thread hop per chunk.

A folder dropped on the page arrives as file names with their relative path
(``export/activities/1.fit``); the path is kept, so a Strava export's ``activities.csv`` still
finds its files. Small plain fields are kept too, for the page's form: its CSRF token comes as a
``csrf_token`` field *before* the files, and ``gate`` checks it before a byte of a file is written
(the page's script sends the X-CSRF-Token header instead, and never puts the token in a URL).

``accept_upload`` is the one upload route body the REST API and the page share; the form check's
page streams its one video with ``receive_upload``, the same steps without the import queue.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import IO

from fastapi import Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from runlift.app.import_jobs import ImportJobs
from runlift.errors import BadInput

MAX_FIELD_BYTES = 1024  # a plain field (the CSRF token); anything longer is not ours
MAX_DEPTH = 8  # folders kept in a dropped folder's relative paths
MAX_PART_CHARS = 200  # per folder or file name


class TooLarge(Exception):
    """The request body passed the upload limit."""


class NoFiles(Exception):
    """The upload held no file at all."""


Gate = Callable[[dict[str, str]], None]  # sees the plain fields before the first file; may raise


@dataclass
class Received:
    saved: list[Path] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name the client gave, why)
    fields: dict[str, str] = field(default_factory=dict)  # small plain form fields


def safe_name(name: str) -> str | None:
    """The relative path to keep (``/``-separated), or None for an absolute path or one with
    ``..``. Empty and ``.`` parts are dropped; only the last MAX_DEPTH folders are kept."""
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    if posix.is_absolute() or windows.is_absolute() or name.startswith(("/", "\\")):
        return None
    if windows.drive or ".." in posix.parts or ".." in windows.parts:
        return None
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or any(len(p) > MAX_PART_CHARS or "\0" in p for p in parts):
        return None
    return "/".join(parts[-(MAX_DEPTH + 1) :])


def _free_path(folder: Path, name: str) -> Path:
    path = folder / name
    n = 1
    while path.exists():  # two uploads with one name: keep both
        n += 1
        path = path.with_name(f"{Path(name).stem}-{n}{Path(name).suffix}")
    return path


class _Parts:
    """python-multipart callbacks writing each file part to a file of its own."""

    def __init__(self, folder: Path, max_files: int, gate: Gate | None) -> None:
        self.folder, self.max_files, self.gate = folder, max_files, gate
        self.received = Received()
        self._header = self._value = b""
        self._disposition = b""
        self._out: IO[bytes] | None = None
        self._field: str | None = None  # the plain field being read
        self._field_value = b""

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
        self._field = None
        self._field_value = b""

    def open_gate(self) -> None:
        """Let ``gate`` see the fields once, before the first file (or at the end)."""
        gate, self.gate = self.gate, None
        if gate is not None:
            gate(self.received.fields)

    def _header_end(self) -> None:
        if self._header.lower() == b"content-disposition":
            self._disposition = self._value
        self._header = self._value = b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        if b"filename" not in options:
            self._field = options.get(b"name", b"").decode("utf-8", "replace")
            return
        self.open_gate()
        name = options[b"filename"].decode("utf-8", "replace")
        if not name:
            return  # a form's file input left empty (the folder picker, say)
        kept = safe_name(name)
        if kept is None:
            self.received.refused.append((name, "refused: absolute path or '..' in the name"))
            return
        if len(self.received.saved) >= self.max_files:
            raise BadInput(f"files: at most {self.max_files} files in one upload")
        path = _free_path(self.folder, kept)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.received.saved.append(path)
        self._out = path.open("xb")

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._out is not None:
            self._out.write(data[start:end])
        elif self._field is not None:
            self._field_value += data[start:end]
            if len(self._field_value) > MAX_FIELD_BYTES:
                raise BadInput(f"{self._field}: form field too long")

    def _end(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
        if self._field is not None and len(self.received.fields) < 10:
            self.received.fields[self._field] = self._field_value.decode("utf-8", "replace")
        self._field = None

    def close(self) -> None:
        self._end()


async def receive_files(
    request: Request,
    folder: Path,
    max_bytes: int,
    max_files: int = 1000,
    gate: Gate | None = None,
) -> Received:
    """Save the request's file parts into ``folder``; TooLarge past ``max_bytes`` of body.
    ``gate`` sees the plain fields that came before the first file part, and may raise."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge
    kind, params = parse_options_header(request.headers.get("content-type"))
    if kind != b"multipart/form-data" or b"boundary" not in params:
        raise BadInput("files: send the files as multipart/form-data")
    parts = _Parts(folder, max_files, gate)
    parser = MultipartParser(params[b"boundary"], parts.callbacks())  # type: ignore[arg-type]
    total = 0
    try:
        async for chunk in request.stream():
            total += len(chunk)
            if total > max_bytes:
                raise TooLarge
            parser.write(chunk)
        parser.finalize()
        parts.open_gate()  # no file at all: the gate still decides
    except FormParserError as exc:
        raise BadInput(f"files: not a valid multipart body: {exc}") from None
    finally:
        parts.close()
    return parts.received


async def accept_upload(
    request: Request,
    jobs: ImportJobs,
    athlete_id: int,
    max_bytes: int,
    gate: Gate | None = None,
) -> str:
    """Stream the upload into a new job folder and queue it; the job's id. TooLarge, NoFiles,
    or whatever ``gate`` raises, and then nothing is kept."""
    folder = jobs.new_folder()
    received = await receive_upload(request, folder, max_bytes, gate=gate)
    return jobs.submit(athlete_id, folder, received.refused)


async def receive_upload(
    request: Request,
    folder: Path,
    max_bytes: int,
    max_files: int = 1000,
    gate: Gate | None = None,
) -> Received:
    """``receive_files`` into ``folder``, which is deleted (nothing kept) on TooLarge, NoFiles,
    a bad body, or whatever ``gate`` raises."""
    try:
        received = await receive_files(request, folder, max_bytes, max_files, gate)
        if not received.saved and not received.refused:
            raise NoFiles
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return received


def too_large_message(max_bytes: int) -> str:
    return (
        f"upload larger than the limit of {max_bytes:,} bytes ({max_bytes / 2**20:g} MiB, "
        "RUNLIFT_MAX_UPLOAD_BYTES); send the files in smaller batches"
    )
