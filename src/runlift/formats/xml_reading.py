"""Reading XML activity files safely and fast: the parts the GPX and TCX importers share.

- :func:`read_xml` gunzips with a size cap, refuses any entity declaration (billion laughs,
  external entities) in an expat pre-pass over the prolog, and only then parses with the C
  ``xml.etree`` parser, which never fetches DTDs. If the XML breaks after the root opened, the
  readable prefix is kept and the damage is reported, so the importer can salvage it.
- Times, numbers and heart rates are converted column by column (:func:`times`, :func:`floats`,
  :func:`heart_rates`), and the cyclic garbage collector is paused during a parse
  (:func:`gc_paused`): together about a third of the parse time on the corpus
  (``benchmarks/xml_speed.py``).
"""

from __future__ import annotations

import datetime as dt
import gc
import math
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from xml.parsers import expat

from runlift.formats.activity import FormatError

MAX_XML_BYTES = 200 * 1024 * 1024  # the largest document accepted, after gunzip
GZIP_MAGIC = b"\x1f\x8b"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_INF = math.inf
_MIN_S = (dt.datetime.min.replace(tzinfo=dt.UTC) - _EPOCH).total_seconds()
_MAX_S = (dt.datetime.max.replace(tzinfo=dt.UTC) - _EPOCH).total_seconds()
_fromisoformat = dt.datetime.fromisoformat
_TRUNCATION_CODES = {3, 5, 6, 20}  # expat: no element found, unclosed token, partial char, CDATA

# Sport names seen in GPX <type> and TCX Sport=, normalised to lower_snake_case.
_SPORTS: dict[str, tuple[str, str | None]] = {
    **dict.fromkeys(("running", "run", "jogging", "street_running", "9"), ("running", None)),
    **dict.fromkeys(("trail_running", "trail_run", "trailrun"), ("running", "trail")),
    **dict.fromkeys(("treadmill_running", "treadmill"), ("running", "treadmill")),
    "track_running": ("running", "track"),
    "virtual_run": ("running", "virtual_activity"),
    **dict.fromkeys(("cycling", "biking", "bike", "ride", "road_biking", "1"), ("cycling", None)),
    **dict.fromkeys(("mountain_biking", "mtb", "mountain_bike"), ("cycling", "mountain")),
    **dict.fromkeys(("virtual_ride", "indoor_cycling"), ("cycling", "indoor_cycling")),
    **dict.fromkeys(("walking", "walk", "casual_walking", "speed_walking"), ("walking", None)),
    **dict.fromkeys(("hiking", "hike"), ("hiking", None)),
    **dict.fromkeys(("swimming", "swim", "open_water_swimming"), ("swimming", None)),
    **dict.fromkeys(("lap_swimming", "pool_swimming"), ("swimming", "lap_swimming")),
    **dict.fromkeys(("strength_training", "weight_training"), ("training", "strength_training")),
}


def sport_from_name(name: str | None) -> tuple[str, str | None]:
    """runlift's (sport, sub_sport) for a sport name written by an app; ``("other", None)`` if
    unknown. Strava's old numeric GPX types 1 (ride) and 9 (run) are understood.

    >>> sport_from_name("Trail Running"), sport_from_name("Biking"), sport_from_name("alpineTour")
    (('running', 'trail'), ('cycling', None), ('other', None))
    """
    if not name:
        return "other", None
    key = "_".join(name.strip().lower().replace("-", " ").split())
    return _SPORTS.get(key, ("other", None))


def parse_time(text: str | None) -> float | None:
    """Seconds since 1970-01-01 UTC of an ISO 8601 time, or None if absent, unreadable, or not
    within years 1 to 9999 once in UTC.

    >>> parse_time("1970-01-01T01:00:00.5+01:00"), parse_time("1970-01-01T00:00:01Z")
    (0.5, 1.0)
    """
    if not text:
        return None
    try:
        t = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    seconds = (t - _EPOCH).total_seconds()
    return seconds if _MIN_S <= seconds <= _MAX_S else None


def utc_from_seconds(seconds: float) -> dt.datetime:
    """The aware UTC datetime of seconds since 1970-01-01 UTC (years 1 to 9999)."""
    return _EPOCH + dt.timedelta(seconds=seconds)


def finite(text: str | None) -> float | None:
    """A finite float from element text, or None."""
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def floats(texts: Sequence[str | None]) -> list[float | None]:
    """:func:`finite` over a column of texts, with a fast path for clean columns."""
    try:
        values = [None if x is None else float(x) for x in texts]
    except ValueError:
        return [finite(x) for x in texts]
    return [v if v is not None and -_INF < v < _INF else None for v in values]


def times(texts: Sequence[str | None]) -> list[float | None]:
    """:func:`parse_time` over a column of texts, with a fast path for clean columns."""
    try:
        stamps = [None if x is None else _fromisoformat(x) for x in texts]
        values = [None if s is None else (s - _EPOCH).total_seconds() for s in stamps]
        return [v if v is None or _MIN_S <= v <= _MAX_S else None for v in values]
    except (ValueError, TypeError):  # TypeError: a time without an offset
        return [parse_time(x) for x in texts]


def heart_rates(texts: Sequence[str | None]) -> list[float | None]:
    """Heart rates [bpm] from a column of texts; 0 (no reading) and above 300 become None."""
    return [v if v is not None and 0 < v <= 300 else None for v in floats(texts)]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while a parse allocates its acyclic tree and tuples (a third faster)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class XmlDocument:
    """A parsed document: its root, the root's ``{namespace}`` prefix, and any damage, in words."""

    root: ET.Element
    ns: str
    damage: str | None = None


def gunzip(data: bytes, limit: int = MAX_XML_BYTES) -> tuple[bytes, str | None]:
    """``data`` gunzipped if gzipped (at most ``limit`` bytes), and a note if the stream is cut."""
    if data[:2] != GZIP_MAGIC:
        if len(data) > limit:
            raise FormatError(f"file larger than {limit // 2**20} MB")
        return data, None
    parts: list[bytes] = []
    total = 0
    buf = data
    try:
        while buf[:2] == GZIP_MAGIC:
            z = zlib.decompressobj(wbits=31)
            while buf and not z.eof:
                chunk = z.decompress(buf, limit + 1 - total)
                total += len(chunk)
                parts.append(chunk)
                if total > limit:
                    raise FormatError(f"gzip content larger than {limit // 2**20} MB")
                buf = z.unconsumed_tail
            if not z.eof:
                return b"".join(parts), "the gzip stream is truncated"
            buf = z.unused_data
    except zlib.error as exc:
        if not parts:
            raise FormatError(f"corrupt gzip data ({exc})") from None
        return b"".join(parts), f"corrupt gzip data after {total} bytes ({exc})"
    return b"".join(parts), None


class _PrologEnd(Exception):
    """The pre-pass reached the root element."""


def _refuse_entities(data: bytes) -> None:
    """Refuse a document that declares entities, reading only its prolog (expat pre-pass)."""

    def entity(*_: object) -> None:
        raise FormatError(
            "XML entity declarations are refused (entity expansion and external entities "
            "are attack vectors, and GPX/TCX never need them)"
        )

    def root(*_: object) -> None:
        raise _PrologEnd

    pre = expat.ParserCreate()
    pre.EntityDeclHandler = entity
    pre.UnparsedEntityDeclHandler = entity
    pre.StartElementHandler = root
    try:
        pre.Parse(data, True)
    except (_PrologEnd, expat.ExpatError):
        return  # the root is reached, or the main parser will report the error
    except LookupError as exc:  # <?xml … encoding="no-such-codec"?>
        raise FormatError(f"unknown text encoding in the XML declaration ({exc})") from None


def read_xml(data: bytes, root_name: str, format_name: str) -> XmlDocument:
    """Parse ``data`` (maybe gzipped) safely; check the root element's local name."""
    data, gzip_note = gunzip(data)
    if not data.strip():
        raise FormatError("empty file")
    _refuse_entities(data)
    builder = ET.TreeBuilder()
    parser = ET.XMLParser(target=builder)
    error: ET.ParseError | None = None
    at_end = False
    try:
        parser.feed(data)
        at_end = True
        parser.close()
    except ET.ParseError as exc:
        error = exc
    try:
        root = builder.close()
    except Exception:  # a pure-Python TreeBuilder refuses to close an unfinished tree
        root = None
    if root is None:
        if error is None or error.position == (1, 0):
            raise FormatError(f"not XML: {format_name} files start with an XML tag")
        raise FormatError(f"unreadable XML: {_xml_error(error, at_end)}")
    ns, _, local = root.tag[1:].rpartition("}") if root.tag[:1] == "{" else ("", "", root.tag)
    if local != root_name:
        raise FormatError(f"not a {format_name} file: the root element is <{local}>")
    damage = _xml_error(error, at_end) if error else None
    if gzip_note:
        damage = gzip_note + (f"; {damage}" if damage else "")
    return XmlDocument(root, f"{{{ns}}}" if ns else "", damage)


def _xml_error(error: ET.ParseError, at_end: bool) -> str:
    line, column = error.position
    if at_end and error.code in _TRUNCATION_CODES:
        return f"the XML is truncated (the file ends inside an element, line {line})"
    message = str(error).split(":")[0]
    return f"the XML breaks at line {line}, column {column} ({message})"


# One track point: (time [s since epoch] | None, lat, lon, elevation [m] | None, hr [bpm] | None).


def salvage_note(damage: str, n_activities: int) -> str:
    """What a salvage kept, in words."""
    kept = "the activity" if n_activities == 1 else f"the {n_activities} activities"
    return f"{damage}: kept {kept} read before it, which may be incomplete"
