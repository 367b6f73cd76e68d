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

import xml.etree.ElementTree as ET

from runlift.formats.activity import Activity, FormatError, ParsedFile
from runlift.formats.geodesy import ascent_m, distance_m, time_weighted_mean, valid_positions
from runlift.formats.xml_reading import (
    floats,
    gc_paused,
    heart_rates,
    read_xml,
    salvage_note,
    sport_from_name,
    times,
    utc_from_seconds,
)

_HR_NAMES = {"hr", "heartrate"}
MIN_ELAPSED_S = 1.0  # a track must span at least this long to be an activity
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
