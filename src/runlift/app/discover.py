"""Find the files an import should read: files, folders and zips, recursively.

A folder or zip holding a Strava bulk export (``activities.csv`` beside ``activities/``) is read
through its CSV: each row points at its original file and brings the activity's name and
perceived exertion with it, and manual activities (rows without a file) become activities of
their own. Nothing is extracted to disk: zip members are read in place, with limits on count,
size and compression ratio so a hostile zip cannot exhaust the machine.
"""

from __future__ import annotations

import functools
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from runlift.errors import BadInput

MAX_FILE_BYTES = 200_000_000
MAX_ZIP_MEMBERS = 100_000
MAX_ZIP_RATIO = 200  # uncompressed : compressed, per member


@dataclass(frozen=True)
class StravaHint:
    """What activities.csv says about one activity file."""

    activity_id: str
    name: str | None
    srpe: float | None


@dataclass(frozen=True)
class Source:
    """One file to read: a path, or a member of a zip at that path."""

    path: str
    member: str | None = None
    hint: StravaHint | None = None

    @property
    def name(self) -> str:
        return f"{self.path}!{self.member}" if self.member else self.path


@dataclass
class Found:
    sources: list[Source] = field(default_factory=list)
    strava_csvs: list[Source] = field(default_factory=list)  # activities.csv files
    problems: list[tuple[str, str]] = field(default_factory=list)  # (name, why)


def read_source(source: Source) -> bytes:
    """The bytes of one source, refusing anything over the size limits."""
    if source.member is None:
        size = os.path.getsize(source.path)
        if size > MAX_FILE_BYTES:
            raise BadInput(f"larger than {MAX_FILE_BYTES // 1_000_000} MB")
        return Path(source.path).read_bytes()
    archive = _archive(source.path)
    info = archive.getinfo(source.member)
    _check_member(info)
    with archive.open(info) as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise BadInput(f"larger than {MAX_FILE_BYTES // 1_000_000} MB")
    return data


def _archive(path: str) -> zipfile.ZipFile:
    """The open zip at ``path``, opened once per process.

    Reopening it for every member re-reads its central directory each time: 3,000 members took
    26 s that way. The key holds the process id, because a handle inherited by a forked worker
    would share its file offset with the parent; and size and mtime, so a changed file is reopened.
    """
    stat = os.stat(path)
    return _open_archive(path, stat.st_size, stat.st_mtime_ns, os.getpid())


@functools.lru_cache(maxsize=8)
def _open_archive(path: str, size: int, mtime_ns: int, pid: int) -> zipfile.ZipFile:
    del size, mtime_ns, pid  # cache key only
    return zipfile.ZipFile(path)


def _check_member(info: zipfile.ZipInfo) -> None:
    if info.file_size > MAX_FILE_BYTES:
        raise BadInput(f"{info.filename}: larger than {MAX_FILE_BYTES // 1_000_000} MB")
    if info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO:
        raise BadInput(f"{info.filename}: compression ratio over {MAX_ZIP_RATIO}:1 (zip bomb?)")


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and not name.startswith("\\")


def discover(paths: list[Path]) -> Found:
    found = Found()
    for path in paths:
        if not path.exists():
            found.problems.append((str(path), "no such file or folder"))
        elif path.is_dir():
            _walk(path, found)
        elif zipfile.is_zipfile(path):
            _zip(path, found)
        else:
            _file(path, found)
    return found


def _file(path: Path, found: Found) -> None:
    if path.name.lower() == "activities.csv":
        found.strava_csvs.append(Source(str(path)))
    else:
        found.sources.append(Source(str(path)))


def _walk(folder: Path, found: Found) -> None:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if zipfile.is_zipfile(path):
                _zip(path, found)
            else:
                _file(path, found)


def _zip(path: Path, found: Found) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        found.problems.append((str(path), f"not a readable zip: {exc}"))
        return
    if len(infos) > MAX_ZIP_MEMBERS:
        found.problems.append((str(path), f"more than {MAX_ZIP_MEMBERS} files in the zip"))
        return
    for info in sorted(infos, key=lambda i: i.filename):
        if info.is_dir():
            continue
        name = info.filename
        if not _safe_member(name):
            found.problems.append((f"{path}!{name}", "refused: absolute path or '..' in a zip"))
            continue
        source = Source(str(path), name)
        if PurePosixPath(name).name.lower() == "activities.csv":
            found.strava_csvs.append(source)
        else:
            found.sources.append(source)


def strava_root(csv: Source) -> str:
    """The folder (or zip prefix) that activities.csv's Filename column is relative to."""
    if csv.member is None:
        return str(Path(csv.path).parent)
    parent = str(PurePosixPath(csv.member).parent)
    return "" if parent == "." else parent
