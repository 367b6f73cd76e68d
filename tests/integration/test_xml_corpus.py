"""The GPX and TCX importers on every corpus file, checked against gpxpy and tcxreader.

GPX (oracle: gpxpy 1.6)
    A track is an activity when its timed points span at least a second. For each, the start,
    the end, the timed point count, the timer (sum of segment spans) and the heart-rate samples
    must agree exactly. Lengths are compared loosely, within 0.7 % (+5 cm): gpxpy measures on a
    sphere of the equatorial radius with one "degree" of 111,319.5 m for both axes, while WGS-84
    meridian degrees run from 110,574 m (equator) to 111,694 m (poles) and parallels are longer by
    1/√(1 − e² sin²φ); the worst case is +0.67 % for north-south steps at the equator. The exact
    check of our geodesic is on a short real step, against the chord between the two points'
    Earth-centred coordinates (an independent computation; arc and chord differ by 1e-11 m).
TCX (oracle: tcxreader 0.4, ``only_gps=False``)
    tcxreader merges all activities of a file, sums lap distances and measures duration between
    the first and last trackpoints; its heart rates are per-sample. So: the first start within
    1 s (tcxreader starts at the first trackpoint, we at the first lap), the summed distance to
    1 cm, the span within 2 s (we end at the end of the last lap), the plain mean and maximum of
    our heart-rate samples exactly, and our lap-based average within 10 bpm: Garmin's lap average
    is the device's own, and a 2009 Forerunner writes 150 bpm for samples averaging 159.
Files without an activity, and the ``invalid`` ones, must be refused with the expected reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
import statistics
from pathlib import Path

import gpxpy
import pytest
from tcxreader.tcxreader import TCXReader

from runlift.formats.activity import FormatError, ParsedFile
from runlift.formats.geodesy import WGS84_A_M, WGS84_E2, distance_m
from runlift.formats.gpx import parse_gpx
from runlift.formats.tcx import parse_tcx

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
GPX_LENGTH_REL = 0.007  # see the module docstring
EXPECTED_REJECTIONS = {
    # kind=invalid in the manifest
    "gpx/georustgpx__badcharacter.xml": "unreadable XML: the XML breaks at line 1, column 4",
    # kind=valid, but no activity: routes, plans, untimed or instantaneous tracks, waypoints
    "gpx/georustgpx__ecology-trail-and-lovers-lane-loop.gpx": "1 route(s): planned",
    "gpx/georustgpx__empty_name_tag.gpx": "track 1: no points",
    "gpx/georustgpx__mousehole_to_paul.gpx": "111 point(s), none with a time",
    "gpx/georustgpx__outdooractive-export.gpx": "9 point(s), none with a time",
    "gpx/georustgpx__strava_route_example.gpx": "113 point(s), none with a time",
    "gpx/georustgpx__viking_with_route_extensions.gpx": "5 point(s), none with a time",
    "gpx/gpxpy__Mojstrovka.gpx": "184 timed point(s), all within a second of 1901-12-13T20:45:52Z",
    "gpx/gpxpy__custom_schema_locations.gpx": "it holds no track",
    "gpx/gpxpy__default_schema_locations.gpx": "it holds no track",
    "gpx/gpxpy__gpx-with-node-with-comments.gpx": "1 timed point(s), all within a second",
    "gpx/gpxpy__gpx1.0_with_all_fields.gpx": "1 timed point(s), all within a second",
    "gpx/gpxpy__gpx1.1_with_all_fields.gpx": "1 timed point(s), all within a second",
    "gpx/gpxpy__gpx1.1_with_extensions.gpx": "1 waypoint(s)",
    "gpx/gpxpy__gpx1.1_with_extensions_without_namespaces.gpx": "1 waypoint(s)",
    "gpx/gpxpy__gpx_with_garmin_extension.gpx": "1 waypoint(s)",
    "gpx/gpxpy__route.gpx": "1 route(s): planned",
    "gpx/gpxpy__track-with-extremes.gpx": "25 point(s), none with a time",
    "gpx/gpxpy__track-with-less-sec-time.gpx": "2 timed point(s), all within a second",
    "gpx/gpxpy__track-with-small-floats.gpx": "3 point(s), none with a time",
    "gpx/gpxpy__track_with_dilution_errors.gpx": "1 point(s), none with a time",
    "gpx/gpxpy__unicode.gpx": "6 waypoint(s)",
    "gpx/gpxpy__unicode2.gpx": "track 1 'test™': no points",
    "gpx/gpxpy__unicode_with_bom.gpx": "1 waypoint(s)",
    "gpx/gpxpy__unicode_with_bom_noencoding.gpx": "1 waypoint(s)",
    "tcx/dblocktcx__courses_brighton-beach.tcx": "course 'Brighton Beach': a planned route",
    "tcx/dblocktcx__workouts_simple_workout_1.tcx": "workout 'Run Mon 11/11': a planned workout",
}
# Files gpxpy cannot read as they are, and the edit that lets it read the rest identically.
GPXPY_EDITS = {
    # DIRTY: a <fix> value outside the schema; gpxpy refuses the file, georust and we read it.
    "gpx/georustgpx__with_accuracy.gpx": (b"something_not_in_the_spec", b"3d"),
}


def manifest() -> list[tuple[str, str]]:
    path = CORPUS / "MANIFEST.tsv"
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"no corpus at {CORPUS}")
        return []
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t")
        return [(r["file"], r["kind"]) for r in rows if r["file"].startswith(("gpx/", "tcx/"))]


FILES = manifest()
VALID = [name for name, kind in FILES if kind == "valid"]
INVALID = [name for name, kind in FILES if kind == "invalid"]
pytestmark = pytest.mark.skipif(not FILES, reason=f"no corpus at {CORPUS}")


def parse(name: str) -> ParsedFile:
    data = (CORPUS / name).read_bytes()
    return parse_gpx(data) if name.startswith("gpx/") else parse_tcx(data)


def utc(t: dt.datetime) -> dt.datetime:
    return t.replace(tzinfo=dt.UTC) if t.tzinfo is None else t.astimezone(dt.UTC)


def test_the_corpus_has_xml_files_of_both_kinds() -> None:
    assert len(VALID) >= 60
    assert INVALID == ["gpx/georustgpx__badcharacter.xml"]
    assert set(EXPECTED_REJECTIONS) <= {name for name, _ in FILES}


@pytest.mark.parametrize("name", sorted(EXPECTED_REJECTIONS))
def test_files_without_an_activity_are_refused_with_their_reason(name: str) -> None:
    with pytest.raises(FormatError) as err:
        parse(name)
    assert EXPECTED_REJECTIONS[name] in str(err.value)


def gpxpy_activity_tracks(name: str) -> list[gpxpy.gpx.GPXTrack]:
    data = (CORPUS / name).read_bytes()
    if name in GPXPY_EDITS:
        data = data.replace(*GPXPY_EDITS[name])
    tracks = gpxpy.parse(data.decode("utf-8-sig")).tracks
    out = []
    for track in tracks:
        times = [p.time for s in track.segments for p in s.points if p.time]
        if times and (max(times) - min(times)).total_seconds() >= 1:
            out.append(track)
    return out


def gpxpy_hr(point: gpxpy.gpx.GPXTrackPoint) -> float | None:
    for ext in point.extensions:
        for e in ext.iter():
            if e.tag.rpartition("}")[2] == "hr":
                return float(e.text)
    return None


GPX_ACTIVITY_FILES = [n for n in VALID if n.startswith("gpx/") and n not in EXPECTED_REJECTIONS]


@pytest.mark.parametrize("name", GPX_ACTIVITY_FILES)
def test_gpx_agrees_with_gpxpy(name: str) -> None:
    parsed = parse(name)
    tracks = gpxpy_activity_tracks(name)
    assert len(parsed.activities) == len(tracks) > 0
    assert parsed.repaired == ()
    for ours, theirs in zip(parsed.activities, tracks, strict=True):
        points = [p for s in theirs.segments for p in s.points if p.time]
        stamps = [p.time for p in points if p.time]
        start, end = utc(min(stamps)), utc(max(stamps))
        assert ours.start_at == start
        assert ours.elapsed_s == pytest.approx((end - start).total_seconds(), abs=1e-6)
        # Timer: each segment's span, first to last time (gpxpy's get_duration assumes the points
        # are in time order and that the first and last are timed; neither holds everywhere).
        seg_times = [[p.time for p in s.points if p.time] for s in theirs.segments]
        spans = [(max(ts) - min(ts)).total_seconds() for ts in seg_times if ts]
        assert ours.timer_s == pytest.approx(sum(spans), abs=1e-6)
        assert len(ours.distance_samples) == len(points)
        assert ours.distance_m == pytest.approx(theirs.length_2d(), rel=GPX_LENGTH_REL, abs=0.05)
        assert [v for _, v in ours.hr_samples] == [h for p in points if (h := gpxpy_hr(p))]
        ours_3d = sum(
            math.hypot(
                distance_m(a.latitude, a.longitude, b.latitude, b.longitude),
                (b.elevation - a.elevation)
                if a.elevation is not None and b.elevation is not None
                else 0.0,
            )
            for s in theirs.segments
            for a, b in zip(s.points, s.points[1:], strict=False)
        )
        assert ours_3d == pytest.approx(theirs.length_3d(), rel=GPX_LENGTH_REL, abs=0.05)


def ecef(lat: float, lon: float) -> tuple[float, float, float]:
    p, la = math.radians(lat), math.radians(lon)
    n = WGS84_A_M / math.sqrt(1 - WGS84_E2 * math.sin(p) ** 2)
    return (
        n * math.cos(p) * math.cos(la),
        n * math.cos(p) * math.sin(la),
        n * (1 - WGS84_E2) * math.sin(p),
    )


def test_gpx_geodesic_step_is_exact_on_a_real_track() -> None:
    name = "gpx/georustgpx__garmin-activity.gpx"
    (run,) = parse(name).activities
    a, b = gpxpy_activity_tracks(name)[0].segments[0].points[2:4]
    chord = math.dist(ecef(a.latitude, a.longitude), ecef(b.latitude, b.longitude))
    assert run.distance_samples[3][1] - run.distance_samples[2][1] == pytest.approx(chord, abs=1e-6)


def test_dirty_gpx_that_gpxpy_refuses_is_read() -> None:
    with pytest.raises(gpxpy.gpx.GPXException):
        gpxpy.parse((CORPUS / "gpx/georustgpx__with_accuracy.gpx").read_text(encoding="utf-8"))
    assert len(parse("gpx/georustgpx__with_accuracy.gpx").activities) == 1


TCX_ACTIVITY_FILES = [n for n in VALID if n.startswith("tcx/") and n not in EXPECTED_REJECTIONS]


@pytest.mark.parametrize("name", TCX_ACTIVITY_FILES)
def test_tcx_agrees_with_tcxreader(name: str) -> None:
    parsed = parse(name)
    theirs = TCXReader().read(str(CORPUS / name), only_gps=False)
    acts = parsed.activities
    assert acts
    assert parsed.repaired == ()
    assert all(a.summary_from == "laps" for a in acts)
    assert abs((acts[0].start_at - utc(theirs.start_time)).total_seconds()) <= 1.0
    assert sum(a.distance_m or 0.0 for a in acts) == pytest.approx(theirs.distance, abs=0.01)
    span = (acts[-1].start_at - acts[0].start_at).total_seconds() + (acts[-1].elapsed_s or 0.0)
    assert span == pytest.approx(theirs.duration, abs=2.0)
    samples = [v for a in acts for _, v in a.hr_samples]
    assert samples == [tp.hr_value for tp in theirs.trackpoints if tp.hr_value is not None]
    if theirs.hr_avg is None:
        assert all(a.avg_hr_bpm is None and a.max_hr_bpm is None for a in acts)
        return
    assert statistics.fmean(samples) == pytest.approx(theirs.hr_avg, abs=1e-9)
    assert max(samples) == theirs.hr_max
    for a in acts:
        assert a.avg_hr_bpm is None or a.avg_hr_bpm == pytest.approx(theirs.hr_avg, abs=10.0)
        assert a.max_hr_bpm is None or a.max_hr_bpm >= max(v for _, v in a.hr_samples)


def test_tcx_with_two_activities_gives_two() -> None:
    acts = parse("tcx/dblocktcx__running_multiple_running_activities.tcx").activities
    singles = [
        parse(f"tcx/dblocktcx__running_running_activity_{i}.tcx").activities[0] for i in (1, 2)
    ]
    assert list(acts) == singles


@pytest.mark.parametrize(
    "name",
    ["tcx/dblocktcx__running_treadmill_1.tcx", "tcx/dblocktcx__pool-swim_pool_swim-activity_1.tcx"],
)
def test_tcx_without_positions_imports_from_lap_totals(name: str) -> None:
    (act,) = parse(name).activities
    text = (CORPUS / name).read_text(encoding="utf-8")
    assert "<Position>" not in text
    assert act.distance_m
    assert act.timer_s
    assert act.distance_samples


ACTIVITY_FILES = GPX_ACTIVITY_FILES + TCX_ACTIVITY_FILES
# Cut at 60 % of their bytes, these keep no track spanning a second: refused, not salvaged.
NOTHING_BEFORE_THE_CUT = {
    "gpx/georustgpx__caltopo-export.gpx",
    "gpx/georustgpx__wahoo_example.gpx",
    "gpx/georustgpx__wikipedia_example.gpx",
    "gpx/georustgpx__with_accuracy.gpx",
    "gpx/gpxpy__cerknicko-without-times.gpx",  # its only timed track is the last one
}


@pytest.mark.parametrize("name", ACTIVITY_FILES)
def test_truncated_corpus_file_is_salvaged_or_refused(name: str) -> None:
    data = (CORPUS / name).read_bytes()
    cut = data[: len(data) * 6 // 10]
    parser = parse_gpx if name.startswith("gpx/") else parse_tcx
    if name in NOTHING_BEFORE_THE_CUT:
        with pytest.raises(FormatError, match=r"no activity in this .*\(the XML is truncated"):
            parser(cut)
        return
    full, salvaged = parse(name), parser(cut)
    (note,) = salvaged.repaired
    assert note.startswith("the XML is truncated (the file ends inside an element, line ")
    assert note.endswith("read before it, which may be incomplete")
    assert 0 < len(salvaged.activities) <= len(full.activities)
    for part, whole in zip(salvaged.activities, full.activities, strict=False):
        assert part.start_at == whole.start_at
        assert set(part.hr_samples) <= set(whole.hr_samples)
        assert set(part.distance_samples) <= set(whole.distance_samples)
        assert (part.distance_m or 0.0) <= (whole.distance_m or 0.0) + 1e-6
