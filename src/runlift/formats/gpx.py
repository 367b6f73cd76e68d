"""GPX 1.0 and 1.1 activity importer: bytes in, :class:`ParsedFile` out.

What becomes an activity
    One :class:`Activity` per ``<trk>`` whose timed points span at least a second (Garmin Connect
    and Strava write one track per activity). Other tracks, routes and waypoints are listed in
    ``skipped``; a file with no activity at all raises :class:`FormatError` saying why.

Summary (``summary_from="trackpoints"``)
    - ``elapsed_s`` is last − first time. Segments are pauses: ``timer_s`` sums the segments' own
      spans, without the gaps between them; stopped time inside a segment is not guessed.
    - ``distance_m`` sums the segments' WGS-84 geodesic lengths (:mod:`.geodesy`), without the
      jumps between them. Untimed points of a timed track count for distance, give no samples.
    - Heart rate is any ``hr`` or ``heartrate`` element in the point's ``<extensions>`` (Garmin's
      TrackPointExtension v1 and v2, ClueTrust's gpxdata, no namespace) or, in GPX 1.0, in the
      point itself; 0 and over 300 bpm are dropped. ``avg_hr_bpm`` is time-weighted (trapezoidal)
      within segments, so 1-s and "smart" recordings agree; ``max_hr_bpm`` is the top sample.
    - ``total_ascent_m`` uses the hysteresis of :func:`geodesy.ascent_m`; None without elevations.
    - ``sport`` comes from the track's ``<type>`` through :func:`sport_from_name`; with no
      ``<type>`` it is ``"other"``: guessing "running" would put bike rides into running load.
    - Times are read with :func:`parse_time`: ``Z``, offsets and fractions are honoured, and times
      without an offset are taken as UTC, as GPX prescribes.

Safety and damage
    :func:`read_xml` (shared with the TCX importer) gunzips with a size cap, refuses any entity
    declaration (billion laughs, external entities) in an expat pre-pass over the prolog, and only
    then parses with the C ``xml.etree`` parser, which never fetches DTDs. If the XML breaks after
    the root opened (truncation, a bad byte), the readable prefix is kept: its activities carry a
    ``repaired`` note naming the line; with nothing usable before the break, it is a FormatError.

Speed (``benchmarks/xml_speed.py``; figures in benchmarks/README.md)
    The C ``xml.etree`` tree builder, not ``defusedxml``'s pure-Python parser (1.9× slower on the
    corpus's largest GPX); the cyclic GC paused during the parse (a third of the time); values
    converted column by column. 3.1–3.2× gpxpy's speed on the corpus, 2.4–2.7× tcxreader's.
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

from runlift.formats.activity import Activity, FormatError, ParsedFile
from runlift.formats.geodesy import ascent_m, distance_m, time_weighted_mean, valid_positions

MAX_XML_BYTES = 200 * 1024 * 1024  # the largest document accepted, after gunzip
GZIP_MAGIC = b"\x1f\x8b"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_INF = math.inf
_MIN_S = (dt.datetime.min.replace(tzinfo=dt.UTC) - _EPOCH).total_seconds()
_MAX_S = (dt.datetime.max.replace(tzinfo=dt.UTC) - _EPOCH).total_seconds()
_fromisoformat = dt.datetime.fromisoformat
_TRUNCATION_CODES = {3, 5, 6, 20}  # expat: no element found, unclosed token, partial char, CDATA
_HR_NAMES = {"hr", "heartrate"}
MIN_ELAPSED_S = 1.0  # a track must span at least this long to be an activity

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
_Point = tuple[float | None, float | None, float | None, float | None, float | None]


def parse_gpx(data: bytes) -> ParsedFile:
    """Read a GPX file (maybe gzipped): one activity per timed track. See the module docstring."""
    with gc_paused():
        return _parse_gpx(data)


def _parse_gpx(data: bytes) -> ParsedFile:
    doc = read_xml(data, "gpx", "GPX")
    ns = doc.ns
    activities: list[Activity] = []
    skipped: list[str] = []
    tops = {tag: [e for e in doc.root if e.tag == ns + tag] for tag in ("trk", "rte", "wpt")}
    for n, trk in enumerate(tops["trk"], start=1):
        label = f"track {n}" + (f" {name.strip()!r}" if (name := trk.findtext(ns + "name")) else "")
        segments = [_read_segment(seg, ns) for seg in trk.iterfind(ns + "trkseg")]
        result = _track_activity(segments, trk.findtext(ns + "type"))
        if isinstance(result, str):
            skipped.append(f"{label}: {result}")
        else:
            activities.append(result)
    if routes := len(tops["rte"]):
        skipped.append(f"{routes} route(s): planned, not recorded")
    if waypoints := len(tops["wpt"]):
        skipped.append(f"{waypoints} waypoint(s)")
    if not activities:
        why = "; ".join(skipped) or "it holds no track"
        raise FormatError(
            f"no activity in this GPX: {why}" + (f" ({doc.damage})" if doc.damage else "")
        )
    repaired = (salvage_note(doc.damage, len(activities)),) if doc.damage else ()
    return ParsedFile("gpx", tuple(activities), repaired=repaired, skipped=tuple(skipped))


def salvage_note(damage: str, n_activities: int) -> str:
    """What a salvage kept, in words."""
    kept = "the activity" if n_activities == 1 else f"the {n_activities} activities"
    return f"{damage}: kept {kept} read before it, which may be incomplete"


def _read_segment(seg: ET.Element, ns: str) -> list[_Point]:
    """The points of one ``<trkseg>``: texts gathered in columns, then converted column-wise."""
    ele_tag, time_tag, ext_tag = ns + "ele", ns + "time", ns + "extensions"
    t_col: list[str | None] = []
    lat_col: list[str | None] = []
    lon_col: list[str | None] = []
    ele_col: list[str | None] = []
    hr_col: list[str | None] = []
    for pt in seg.iter(ns + "trkpt"):
        lat_col.append(pt.get("lat"))
        lon_col.append(pt.get("lon"))
        t = ele = hr = None
        for child in pt:
            tag = child.tag
            if tag == time_tag:
                t = child.text
            elif tag == ele_tag:
                ele = child.text
            elif tag == ext_tag:
                for e in child.iter():
                    if e.tag.rpartition("}")[2].lower() in _HR_NAMES:
                        hr = e.text
            elif tag.rpartition("}")[2].lower() in _HR_NAMES:  # GPX 1.0 allows it inline
                hr = child.text
        t_col.append(t)
        ele_col.append(ele)
        hr_col.append(hr)
    lats, lons = valid_positions(floats(lat_col), floats(lon_col))
    return list(zip(times(t_col), lats, lons, floats(ele_col), heart_rates(hr_col), strict=True))


def _track_activity(segments: list[list[_Point]], type_text: str | None) -> Activity | str:
    """The activity of one track, or why there is none."""
    times = [p[0] for seg in segments for p in seg if p[0] is not None]
    n_points = sum(len(seg) for seg in segments)
    if not n_points:
        return "no points"
    if not times:
        return f"{n_points} point(s), none with a time"
    start, end = min(times), max(times)
    if end - start < MIN_ELAPSED_S:
        when = utc_from_seconds(start).isoformat(timespec="seconds").replace("+00:00", "Z")
        return f"{len(times)} timed point(s), all within a second of {when}"
    distance = timer = 0.0
    hr_runs: list[list[tuple[float, float]]] = []
    distance_samples: list[tuple[float, float]] = []
    elevations: list[float] = []
    for seg in segments:
        seg_times: list[float] = []
        hr_run: list[tuple[float, float]] = []
        prev_lat = prev_lon = None
        for t, lat, lon, ele, hr in seg:
            if lat is not None and lon is not None:
                if prev_lat is not None and prev_lon is not None:
                    distance += distance_m(prev_lat, prev_lon, lat, lon)
                prev_lat, prev_lon = lat, lon
            if ele is not None:
                elevations.append(ele)
            if t is None:
                continue
            seg_times.append(t)
            if lat is not None:
                distance_samples.append((t - start, distance))
            if hr is not None:
                hr_run.append((t - start, hr))
        if seg_times:
            timer += max(seg_times) - min(seg_times)
        hr_runs.append(hr_run)
    hr_samples = [s for run in hr_runs for s in run]
    sport, sub_sport = sport_from_name(type_text)
    return Activity(
        sport=sport,
        sub_sport=sub_sport,
        start_at=utc_from_seconds(start),
        distance_m=distance if distance_samples else None,
        timer_s=timer,
        elapsed_s=end - start,
        avg_hr_bpm=time_weighted_mean(hr_runs),
        max_hr_bpm=max((v for _, v in hr_samples), default=None),
        total_ascent_m=ascent_m(elevations) if len(elevations) > 1 else None,
        hr_samples=tuple(sorted(hr_samples)),
        distance_samples=tuple(sorted(distance_samples)),
        summary_from="trackpoints",
    )
