"""FIT activity files → :class:`ParsedFile`, with runlift's own decoder.

Why not a library? garmin-fit-sdk, fitdecode and fitparse decode every field of every message
into Python objects and check the CRC a byte at a time: well under 1 MB/s, so a year of watch
files, or a Strava bulk export, takes minutes to import. runlift needs a few fields of a few
messages, so this decoder compiles one ``struct.Struct`` per definition message, notes where the
records are and cuts their timestamp, heart rate and distance out as strided slices (in C),
skips everything else by size, and checks the CRC with a compiled library when one is installed
or else with a pure-Python big-integer method (:mod:`.crc`). ``benchmarks/fit_speed.py`` on the
corpus's 50 valid activity files (8.4 MB), one core, CPython 3.11 (benchmarks/README.md, "FIT
decoding"):

=========================  =========  ============================
decoder                    MB/s       runlift's speed, times theirs
=========================  =========  ============================
runlift, pure-Python CRC   67
runlift, fastcrc CRC       71
garmin-fit-sdk 21.218      0.80       97
fitdecode 0.11             0.51       145
fitparse 1.2               0.22       333
=========================  =========  ============================

What it reads: file headers (CRC checked unless 0), definition messages in either byte order,
data messages with normal or compressed-timestamp headers, developer fields (skipped by their
declared size, so missing or malformed ``developer_data_id``/``field_description`` messages do no
harm), chained FIT files (each checked against its own CRC), gzip-compressed input. Activities
come from :mod:`.summary`, strength sessions from :mod:`.strength`; damaged files are refused or
salvaged as :mod:`.chain` describes. Non-activity files (settings, workouts, weight, monitoring)
give a ParsedFile with nothing but a ``skipped`` note.
"""

from __future__ import annotations

import contextlib
import gc
import zlib
from collections.abc import Iterator

from runlift.catalog.loader import load_default_catalog
from runlift.catalog.model import Catalog
from runlift.formats.activity import Activity, FormatError, ParsedFile
from runlift.formats.fit.chain import FitFile, decode_chain
from runlift.formats.fit.profile_data import FILE, MESG_NUM
from runlift.formats.fit.strength import strength_session
from runlift.formats.fit.summary import activities, fit_time, number
from runlift.training.model import StrengthSession

__all__ = ["MAX_INFLATED_BYTES", "parse_fit"]

MAX_INFLATED_BYTES = 200 * 2**20  # a gzip member may inflate to at most this (bombs)
_GZIP_MAGIC = b"\x1f\x8b"
_ACTIVITY_FILE = 4
_FILE_ID, _SESSION, _SET = MESG_NUM["file_id"], MESG_NUM["session"], MESG_NUM["set"]


def _gunzip(data: bytes) -> bytes:
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflate.decompress(data, MAX_INFLATED_BYTES + 1)
    except zlib.error as exc:
        raise FormatError(f"damaged gzip data: {exc}") from None
    if len(out) > MAX_INFLATED_BYTES or inflate.unconsumed_tail:
        raise FormatError(f"gzip content larger than {MAX_INFLATED_BYTES // 2**20} MB")
    if not inflate.eof:
        raise FormatError(f"gzip data cut off after {len(out)} inflated bytes")
    return out


def parse_fit(data: bytes, catalog: Catalog | None = None) -> ParsedFile:
    """Every activity and strength session in a FIT file (gzip-compressed or not).

    ``catalog`` maps strength sets to exercise ids (the shipped catalog when None). Raises
    :class:`FormatError` naming what is wrong when nothing can be read; see :mod:`.chain` for
    what a damaged file keeps, noted in ``repaired``.
    """
    if data[:2] == _GZIP_MAGIC:
        data = _gunzip(data)
    with _gc_paused():
        return _parse(data, catalog)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the streams' many small tuples are built.

    They hold no reference cycles, but each allocation counts towards a collection, and with the
    tuples still alive every collection walks them all again: the streams took 2-3 times as
    long. Nothing is lost: the collector runs as usual once it is enabled again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(data: bytes, catalog: Catalog | None) -> ParsedFile:
    chain = decode_chain(data)
    several = len(chain.files) + len(chain.notes) > 1
    found: list[Activity] = []
    sessions: list[StrengthSession] = []
    custom: dict[str, str] = {}
    repaired: list[str] = []
    skipped: list[str] = []
    for fit in chain.files:
        label = f"chained FIT file {fit.index} at byte {fit.start}: " if several else ""
        kind = _file_type(fit)
        if kind not in (None, _ACTIVITY_FILE):
            if fit.damage:
                repaired.append(f"{label}{fit.damage}; not imported")
            else:
                name = FILE.get(kind, f"type {kind}")
                skipped.append(f"{label}a FIT {name} file, not an activity: nothing imported")
            continue
        acts, notes = activities(fit.messages)
        skipped += [label + note for note in notes]
        strength, names = _strength(fit, acts, catalog)
        if fit.damage:
            if not acts and strength is None:
                if fit.index == 1:
                    raise FormatError(f"{fit.damage}, before any session, record or set")
                repaired.append(f"{label}{fit.damage}; nothing in it could be read")
                continue
            repaired.append(label + _salvage_note(fit.damage, acts))
        found += acts
        if strength is not None:
            sessions.append(strength)
            custom.update(names)
    repaired += chain.notes
    if not found and not sessions and not skipped and not repaired:
        skipped.append("an activity file without sessions, laps, records or sets: nothing imported")
    return ParsedFile(
        format="fit",
        activities=tuple(found),
        strength_sessions=tuple(sessions),
        custom_exercises=tuple(custom.items()),
        repaired=tuple(repaired),
        skipped=tuple(skipped),
    )


def _file_type(fit: FitFile) -> int | None:
    for file_id in fit.messages.of(_FILE_ID):
        value = number(file_id, "type")
        if value is not None:
            return int(value)
    return None


def _strength(
    fit: FitFile, acts: list[Activity], catalog: Catalog | None
) -> tuple[StrengthSession | None, dict[str, str]]:
    if not fit.messages.of(_SET):
        return None, {}
    fallback = acts[0].start_at.date() if acts else None
    if fallback is None:
        created = [number(f, "time_created") for f in fit.messages.of(_FILE_ID)]
        fallback = next((fit_time(t).date() for t in created if t is not None), None)
    duration = acts[0].elapsed_s if len(acts) == 1 else None
    return strength_session(fit.messages, catalog or _default_catalog(), duration, fallback)


_CATALOG: list[Catalog] = []


def _default_catalog() -> Catalog:
    if not _CATALOG:
        _CATALOG.append(load_default_catalog())
    return _CATALOG[0]


def _salvage_note(damage: str, acts: list[Activity]) -> str:
    sources = sorted({a.summary_from for a in acts})
    if not acts:
        return f"{damage}: only the strength sets before it were kept"
    if sources == ["session"]:
        return f"{damage}: summary from the session; samples after the break are lost"
    return f"{damage}: summary rebuilt from {' and '.join(sources)}"
