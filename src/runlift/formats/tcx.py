"""TCX (Garmin Training Center Database v2) activity importer: bytes in, :class:`ParsedFile` out.

What becomes an activity
    Every ``<Activity>``, including those inside a ``<MultiSportSession>`` (its transitions are
    left out), gives one :class:`Activity`. Courses and workouts are plans, not recordings, and are
    listed in ``skipped``; a file with no activity at all raises :class:`FormatError`.

Summary (``summary_from="laps"``, or ``"trackpoints"`` when no lap carries totals)
    - ``start_at`` is the first lap's ``StartTime``, else the activity's ``Id``, else the first
      trackpoint's time.
    - ``timer_s`` and ``distance_m`` are the sums of the laps' ``TotalTimeSeconds`` and
      ``DistanceMeters``; a lap without them falls back on its own trackpoints (their time span, and
      their ``DistanceMeters`` or else the geodesic length of their positions). So treadmill and
      pool activities, which have no ``<Position>``, import from their lap totals.
    - ``elapsed_s`` runs from the start to the later of the last trackpoint and the end of the last
      lap (its start plus its time).
    - ``avg_hr_bpm`` is the laps' ``AverageHeartRateBpm`` weighted by lap time, and ``max_hr_bpm``
      the largest ``MaximumHeartRateBpm``; without lap values both come from the trackpoints
      (time-weighted within each ``<Track>``, as for GPX).
    - ``hr_samples`` and ``distance_samples`` come from the trackpoints; ``distance_samples`` uses
      the recorded ``DistanceMeters`` where present, else the cumulative geodesic distance.
    - ``total_ascent_m`` is the hysteresis ascent of ``AltitudeMeters`` (TCX laps carry none).
    - ``sport`` maps ``Sport=`` (Running, Biking, Other) with :func:`gpx.sport_from_name`. TCX has
      no sub-sport, so a treadmill run is a ``running`` activity without positions.

Safety and damage are handled as for GPX (:func:`gpx.read_xml`): a truncated file keeps the laps
read before the break, with a ``repaired`` note. Lap totals come first in a ``<Lap>``, so a lap cut
inside its track still has its totals.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from runlift.formats.activity import Activity, FormatError, ParsedFile
from runlift.formats.geodesy import ascent_m, distance_m, time_weighted_mean, valid_positions
from runlift.formats.xml_reading import (
    finite,
    floats,
    gc_paused,
    heart_rates,
    parse_time,
    read_xml,
    salvage_note,
    sport_from_name,
    times,
    utc_from_seconds,
)

# One trackpoint: (time [s since epoch] | None, lat, lon, altitude [m], distance [m], hr [bpm]).
_Trackpoint = tuple[
    float | None, float | None, float | None, float | None, float | None, float | None
]


@dataclass
class _Lap:
    start: float | None
    time_s: float | None
    distance_m: float | None
    avg_hr: float | None
    max_hr: float | None
    tracks: list[list[_Trackpoint]] = field(default_factory=list)


def parse_tcx(data: bytes) -> ParsedFile:
    """Read a TCX file (maybe gzipped): one activity per ``<Activity>``; see the module doc."""
    with gc_paused():
        return _parse_tcx(data)


def _parse_tcx(data: bytes) -> ParsedFile:
    doc = read_xml(data, "TrainingCenterDatabase", "TCX")
    ns = doc.ns
    activities: list[Activity] = []
    skipped: list[str] = []
    for n, act in enumerate(_activity_elements(doc.root, ns), start=1):
        result = _activity(act, ns)
        if isinstance(result, str):
            ident = (act.findtext(ns + "Id") or "").strip()
            skipped.append(f"activity {n}" + (f" ({ident})" if ident else "") + f": {result}")
        else:
            activities.append(result)
    for kind, why in (("Course", "a planned route"), ("Workout", "a planned workout")):
        for plan in doc.root.iterfind(f"{ns}{kind}s/{ns}{kind}"):
            name = (plan.findtext(ns + "Name") or "").strip()
            skipped.append(f"{kind.lower()}" + (f" {name!r}" if name else "") + f": {why}")
    if not activities:
        why = "; ".join(skipped) or "it holds no activity"
        raise FormatError(
            f"no activity in this TCX: {why}" + (f" ({doc.damage})" if doc.damage else "")
        )
    repaired = (salvage_note(doc.damage, len(activities)),) if doc.damage else ()
    return ParsedFile("tcx", tuple(activities), repaired=repaired, skipped=tuple(skipped))


def _activity_elements(root: ET.Element, ns: str) -> list[ET.Element]:
    """``Activities/Activity`` and the activities inside ``Activities/MultiSportSession``."""
    found: list[ET.Element] = []
    for child in (e for top in root.iterfind(ns + "Activities") for e in top):
        if child.tag == ns + "Activity":
            found.append(child)
        elif child.tag == ns + "MultiSportSession":
            found.extend(child.iter(ns + "Activity"))
    return found


def _bpm(element: ET.Element | None, ns: str) -> float | None:
    if element is None:
        return None
    value = finite(element.findtext(ns + "Value"))
    return value if value is not None and 0 < value <= 300 else None


def _non_negative(text: str | None) -> float | None:
    value = finite(text)
    return value if value is not None and value >= 0 else None


def _read_lap(lap: ET.Element, ns: str) -> _Lap:
    result = _Lap(
        start=parse_time(lap.get("StartTime")),
        time_s=_non_negative(lap.findtext(ns + "TotalTimeSeconds")),
        distance_m=_non_negative(lap.findtext(ns + "DistanceMeters")),
        avg_hr=_bpm(lap.find(ns + "AverageHeartRateBpm"), ns),
        max_hr=_bpm(lap.find(ns + "MaximumHeartRateBpm"), ns),
    )
    time_tag, pos_tag, alt_tag = ns + "Time", ns + "Position", ns + "AltitudeMeters"
    dist_tag, hr_tag, value_tag = ns + "DistanceMeters", ns + "HeartRateBpm", ns + "Value"
    lat_tag, lon_tag = ns + "LatitudeDegrees", ns + "LongitudeDegrees"
    for track in lap.iter(ns + "Track"):
        # Texts gathered in columns, then converted column-wise (see gpx.floats).
        cols: tuple[list[str | None], ...] = ([], [], [], [], [], [])
        t_col, lat_col, lon_col, alt_col, dist_col, hr_col = cols
        for tp in track.iter(ns + "Trackpoint"):
            t_col.append(tp.findtext(time_tag))
            alt_col.append(tp.findtext(alt_tag))
            dist_col.append(tp.findtext(dist_tag))
            pos = tp.find(pos_tag)
            lat_col.append(None if pos is None else pos.findtext(lat_tag))
            lon_col.append(None if pos is None else pos.findtext(lon_tag))
            hr = tp.find(hr_tag)
            hr_col.append(None if hr is None else hr.findtext(value_tag))
        lats, lons = valid_positions(floats(lat_col), floats(lon_col))
        dists = [d if d is not None and d >= 0 else None for d in floats(dist_col)]
        columns = (times(t_col), lats, lons, floats(alt_col), dists, heart_rates(hr_col))
        result.tracks.append(list(zip(*columns, strict=True)))
    return result


def _geodesic_length(points: list[_Trackpoint]) -> float:
    total = 0.0
    prev: tuple[float, float] | None = None
    for _, lat, lon, *_rest in points:
        if lat is not None and lon is not None:
            if prev is not None:
                total += distance_m(prev[0], prev[1], lat, lon)
            prev = (lat, lon)
    return total


def _lap_fallbacks(lap: _Lap) -> tuple[float | None, float | None]:
    """A lap's time and distance from its trackpoints, for a lap without totals."""
    times = [p[0] for track in lap.tracks for p in track if p[0] is not None]
    span = max(times) - min(times) if times else None
    recorded = [p[4] for track in lap.tracks for p in track if p[4] is not None]
    if recorded:
        return span, max(recorded) - min(recorded)
    if any(p[1] is not None for track in lap.tracks for p in track):
        return span, sum(_geodesic_length(track) for track in lap.tracks)
    return span, None


def _activity(act: ET.Element, ns: str) -> Activity | str:
    """The activity of one ``<Activity>`` element, or why there is none."""
    laps = [_read_lap(lap, ns) for lap in act.iter(ns + "Lap")]
    tracks = [track for lap in laps for track in lap.tracks]
    times = [p[0] for track in tracks for p in track if p[0] is not None]
    if not laps:
        return "no laps"
    start = next((lap.start for lap in laps if lap.start is not None), None)
    if start is None:
        start = parse_time(act.findtext(ns + "Id"))
    if start is None:
        start = min(times, default=None)
    if start is None:
        return "no start time in its laps, Id or trackpoints"

    timer = distance = None
    from_laps = False
    for lap in laps:
        fallback_time, fallback_distance = (
            _lap_fallbacks(lap) if lap.time_s is None or lap.distance_m is None else (None, None)
        )
        lap_time = lap.time_s if lap.time_s is not None else fallback_time
        lap_distance = lap.distance_m if lap.distance_m is not None else fallback_distance
        from_laps = from_laps or lap.time_s is not None or lap.distance_m is not None
        if lap_time is not None:
            timer = (timer or 0.0) + lap_time
        if lap_distance is not None:
            distance = (distance or 0.0) + lap_distance
    ends = [lap.start + lap.time_s for lap in laps if lap.start is not None and lap.time_s]
    end = max([*times, *ends], default=start)

    hr_runs = [
        [(p[0] - start, p[5]) for p in tr if p[0] is not None and p[5] is not None] for tr in tracks
    ]
    hr_samples = [s for run in hr_runs for s in run]
    lap_hr = [(lap.avg_hr, lap.time_s) for lap in laps if lap.avg_hr is not None and lap.time_s]
    if lap_hr:
        avg_hr: float | None = sum(h * w for h, w in lap_hr) / sum(w for _, w in lap_hr)
    else:
        avg_hr = time_weighted_mean(hr_runs)
    lap_max = [lap.max_hr for lap in laps if lap.max_hr is not None]
    max_hr = max(lap_max) if lap_max else max((v for _, v in hr_samples), default=None)
    altitudes = [p[3] for track in tracks for p in track if p[3] is not None]
    sport, sub_sport = sport_from_name(act.get("Sport"))
    return Activity(
        sport=sport,
        sub_sport=sub_sport,
        start_at=utc_from_seconds(start),
        distance_m=distance,
        timer_s=timer,
        elapsed_s=max(0.0, end - start),
        avg_hr_bpm=avg_hr,
        max_hr_bpm=max_hr,
        total_ascent_m=ascent_m(altitudes) if len(altitudes) > 1 else None,
        hr_samples=tuple(sorted(hr_samples)),
        distance_samples=_distance_samples(tracks, start),
        summary_from="laps" if from_laps else "trackpoints",
    )


def _distance_samples(
    tracks: list[list[_Trackpoint]], start: float
) -> tuple[tuple[float, float], ...]:
    """(seconds from start, distance [m]): recorded DistanceMeters, else the cumulative geodesic."""
    recorded = [
        (p[0] - start, p[4]) for tr in tracks for p in tr if p[0] is not None and p[4] is not None
    ]
    if recorded:
        return tuple(sorted(recorded))
    samples: list[tuple[float, float]] = []
    total = 0.0
    for track in tracks:
        prev: tuple[float, float] | None = None
        for t, lat, lon, *_rest in track:
            if lat is None or lon is None:
                continue
            if prev is not None:
                total += distance_m(prev[0], prev[1], lat, lon)
            prev = (lat, lon)
            if t is not None:
                samples.append((t - start, total))
    return tuple(sorted(samples))
