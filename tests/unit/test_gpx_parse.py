"""GPX importer: namespaces, heart-rate extensions, segments and gaps, times, sports, rejections."""

from __future__ import annotations

import datetime as dt

import pytest

from runlift.formats.activity import FormatError
from runlift.formats.gpx import parse_gpx
from runlift.formats.xml_reading import parse_time, sport_from_name

GPX11 = "http://www.topografix.com/GPX/1/1"
GPX10 = "http://www.topografix.com/GPX/1/0"
TPX_V1 = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
TPX_V2 = "http://www.garmin.com/xmlschemas/TrackPointExtension/v2"
GPXDATA = "http://www.cluetrust.com/XML/GPXDATA/1/0"


def point(lat: float, lon: float, time: str | None, ele: float | None = None, ext: str = "") -> str:
    parts = [f'<trkpt lat="{lat}" lon="{lon}">']
    if ele is not None:
        parts.append(f"<ele>{ele}</ele>")
    if time is not None:
        parts.append(f"<time>{time}</time>")
    if ext:
        parts.append(f"<extensions>{ext}</extensions>")
    parts.append("</trkpt>")
    return "".join(parts)


def gpx(body: str, ns: str | None = GPX11, extra_ns: str = "") -> bytes:
    xmlns = f' xmlns="{ns}"' if ns else ""
    return f'<?xml version="1.0"?><gpx version="1.1"{xmlns}{extra_ns}>{body}</gpx>'.encode()


def track(*segments: list[str], type_: str | None = None, name: str | None = None) -> str:
    head = (f"<name>{name}</name>" if name else "") + (f"<type>{type_}</type>" if type_ else "")
    segs = "".join("<trkseg>" + "".join(s) + "</trkseg>" for s in segments)
    return f"<trk>{head}{segs}</trk>"


def t(seconds: int) -> str:
    return (dt.datetime(2024, 5, 1, 7, 0, tzinfo=dt.UTC) + dt.timedelta(seconds=seconds)).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )


def simple_run(
    ext_for: list[str] | None = None, ns: str | None = GPX11, extra_ns: str = ""
) -> bytes:
    exts = ext_for or [""] * 3
    pts = [point(45.0 + i * 1e-4, 14.0, t(i * 10), ext=exts[i]) for i in range(3)]
    return gpx(track(pts, type_="running"), ns=ns, extra_ns=extra_ns)


@pytest.mark.parametrize(
    ("extra_ns", "ext"),
    [
        (
            f' xmlns:gpxtpx="{TPX_V1}"',
            "<gpxtpx:TrackPointExtension><gpxtpx:hr>{}</gpxtpx:hr>"
            "<gpxtpx:cad>80</gpxtpx:cad></gpxtpx:TrackPointExtension>",
        ),
        (
            f' xmlns:ns3="{TPX_V2}"',
            "<ns3:TrackPointExtension><ns3:hr>{}</ns3:hr></ns3:TrackPointExtension>",
        ),
        (f' xmlns:gpxdata="{GPXDATA}"', "<gpxdata:hr>{}</gpxdata:hr>"),
        ("", '<hr xmlns="">{}</hr>'),
        ("", '<heartrate xmlns="">{}</heartrate>'),
    ],
    ids=["tpx-v1", "tpx-v2", "gpxdata", "plain-hr", "heartrate"],
)
def test_heart_rate_from_extension_namespaces(extra_ns: str, ext: str) -> None:
    data = simple_run([ext.format(hr) for hr in (120, 130, 140)], extra_ns=extra_ns)
    (run,) = parse_gpx(data).activities
    assert run.hr_samples == ((0.0, 120.0), (10.0, 130.0), (20.0, 140.0))
    assert run.max_hr_bpm == 140.0
    assert run.avg_hr_bpm == pytest.approx(130.0)


def test_heart_rate_inline_in_gpx_1_0() -> None:
    inline = '<trkpt lat="45.0" lon="14.0"><time>{}</time><x:hr xmlns:x="urn:x">{}</x:hr></trkpt>'
    pts = [inline.format(t(0), 101), inline.format(t(5), 103)]
    (run,) = parse_gpx(gpx(track(pts), ns=GPX10)).activities
    assert run.hr_samples == ((0.0, 101.0), (5.0, 103.0))


def test_heart_rate_zero_is_no_reading() -> None:
    ext = f'<gpxtpx:TrackPointExtension xmlns:gpxtpx="{TPX_V1}"><gpxtpx:hr>{{}}</gpxtpx:hr>' + (
        "</gpxtpx:TrackPointExtension>"
    )
    (run,) = parse_gpx(simple_run([ext.format(v) for v in (0, 150, 999)])).activities
    assert run.hr_samples == ((10.0, 150.0),)


@pytest.mark.parametrize("ns", [GPX11, GPX10, None], ids=["1.1", "1.0", "no-namespace"])
def test_gpx_versions_and_no_namespace(ns: str | None) -> None:
    parsed = parse_gpx(simple_run(ns=ns))
    assert parsed.format == "gpx"
    (run,) = parsed.activities
    assert run.start_at == dt.datetime(2024, 5, 1, 7, 0, tzinfo=dt.UTC)
    assert run.elapsed_s == 20.0
    assert run.summary_from == "trackpoints"
    assert run.distance_m == pytest.approx(2 * 11113.4 * 1e-3, rel=1e-3)  # 2 × 1e-4° of meridian


def test_segments_are_pauses_timer_excludes_gaps_and_jumps() -> None:
    first = [point(45.0, 14.0, t(0)), point(45.001, 14.0, t(60))]
    # 10 minutes later, 5 km away: a pause, and the jump is not distance covered.
    second = [point(45.05, 14.0, t(660)), point(45.051, 14.0, t(720))]
    (run,) = parse_gpx(gpx(track(first, second))).activities
    assert run.elapsed_s == 720.0
    assert run.timer_s == 120.0
    meridian_step = 111.132  # [m] per 0.001° of latitude at 45°N
    assert run.distance_m == pytest.approx(2 * meridian_step, rel=1e-3)
    assert [s[0] for s in run.distance_samples] == [0.0, 60.0, 660.0, 720.0]
    assert run.distance_samples[2][1] == run.distance_samples[1][1]  # no distance over the gap


def test_hr_average_is_time_weighted_within_segments() -> None:
    ext = f'<h:TrackPointExtension xmlns:h="{TPX_V1}"><h:hr>{{}}</h:hr></h:TrackPointExtension>'
    pts = [
        point(45.0, 14.0, t(0), ext=ext.format(100)),
        point(45.0, 14.0001, t(1), ext=ext.format(100)),
        point(45.0, 14.0002, t(61), ext=ext.format(160)),  # "smart recording": a sparse sample
    ]
    later = [
        point(45.0, 14.001, t(3600), ext=ext.format(60)),  # a lone sample after an hour's pause
    ]
    (run,) = parse_gpx(gpx(track(pts, later))).activities
    # Trapezoids: 1 s at 100, 60 s averaging 130 → (100 + 7800) / 61; the lone sample and the gap
    # weigh nothing. A per-sample mean would say 105.
    assert run.avg_hr_bpm == pytest.approx(7900 / 61)
    assert run.max_hr_bpm == 160.0


def test_untimed_points_count_for_distance_but_give_no_samples() -> None:
    pts = [point(45.0, 14.0, t(0)), point(45.001, 14.0, None), point(45.002, 14.0, t(20))]
    (run,) = parse_gpx(gpx(track(pts))).activities
    assert run.distance_m == pytest.approx(2 * 111.132, rel=1e-3)
    assert len(run.distance_samples) == 2


def test_one_activity_per_timed_track_and_the_rest_skipped() -> None:
    body = (
        track([point(45.0, 14.0, t(0)), point(45.001, 14.0, t(30))], name="Morning")
        + track([point(46.0, 14.0, None), point(46.001, 14.0, None)], name="Planned")
        + track([point(47.0, 14.0, t(9000)), point(47.001, 14.0, t(9100))], type_="Ride")
        + '<rte><rtept lat="1" lon="2"/></rte><wpt lat="1" lon="2"/>'
    )
    parsed = parse_gpx(gpx(body))
    assert [a.sport for a in parsed.activities] == ["other", "cycling"]
    assert parsed.skipped == (
        "track 2 'Planned': 2 point(s), none with a time",
        "1 route(s): planned, not recorded",
        "1 waypoint(s)",
    )
    assert parsed.repaired == ()


def test_ascent_uses_elevation_with_hysteresis() -> None:
    elevations = [100, 101, 100, 101, 100, 105, 104, 110, 95, 96, 95]
    pts = [point(45.0 + i * 1e-4, 14.0, t(i), ele=e) for i, e in enumerate(elevations)]
    (run,) = parse_gpx(gpx(track(pts))).activities
    assert run.total_ascent_m == 10.0  # 100 → 110; the 1-m wiggles count nothing


def test_no_elevation_no_ascent_and_empty_ele_is_ignored() -> None:
    pts = [point(45.0, 14.0, t(0)), point(45.001, 14.0, t(9)).replace("<time>", "<ele/><time>")]
    (run,) = parse_gpx(gpx(track(pts))).activities
    assert run.total_ascent_m is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T07:00:00Z", "2024-05-01T07:00:00+00:00"),
        ("2024-05-01T09:00:00+02:00", "2024-05-01T07:00:00+00:00"),
        ("2024-05-01T02:30:00-04:30", "2024-05-01T07:00:00+00:00"),
        ("2024-05-01T07:00:00.250Z", "2024-05-01T07:00:00.250000+00:00"),
        ("1901-12-13T20:45:52.2073437Z", "1901-12-13T20:45:52.207343+00:00"),  # 7 digits
        ("2024-05-01T07:00:00", "2024-05-01T07:00:00+00:00"),  # no offset: UTC, as GPX says
        ("  2024-05-01T07:00:00Z\n", "2024-05-01T07:00:00+00:00"),
    ],
)
def test_time_parsing(text: str, expected: str) -> None:
    seconds = parse_time(text)
    assert seconds is not None
    got = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=seconds)
    assert got == dt.datetime.fromisoformat(expected)


@pytest.mark.parametrize(
    "text", [None, "", "yesterday", "2024-13-01T00:00:00Z", "9999-12-31T23:59:59-01:00"]
)
def test_unreadable_times_are_none(text: str | None) -> None:
    assert parse_time(text) is None


def test_start_is_aware_utc_from_an_offset_time() -> None:
    pts = [
        point(45.0, 14.0, "2015-12-11T15:43:13.000+01:00"),
        point(45.001, 14.0, "2015-12-11T15:43:23.500+01:00"),
    ]
    (run,) = parse_gpx(gpx(track(pts))).activities
    assert run.start_at == dt.datetime(2015, 12, 11, 14, 43, 13, tzinfo=dt.UTC)
    assert run.start_at.utcoffset() == dt.timedelta(0)
    assert run.elapsed_s == pytest.approx(10.5)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("running", ("running", None)),
        ("Run", ("running", None)),
        ("9", ("running", None)),
        ("trail-running", ("running", "trail")),
        ("Biking", ("cycling", None)),
        ("1", ("cycling", None)),
        ("Mountain Biking", ("cycling", "mountain")),
        ("hiking", ("hiking", None)),
        ("alpineTour", ("other", None)),
        (None, ("other", None)),
    ],
)
def test_sport_names(name: str | None, expected: tuple[str, str | None]) -> None:
    assert sport_from_name(name) == expected


def test_type_missing_means_other() -> None:
    pts = [point(45.0, 14.0, t(0)), point(45.001, 14.0, t(9))]
    (run,) = parse_gpx(gpx(track(pts))).activities
    assert (run.sport, run.sub_sport) == ("other", None)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("", "no activity in this GPX: it holds no track"),
        (track([]), "track 1: no points"),
        (track([point(45.0, 14.0, None)] * 2), "none with a time"),
        (track([point(45.0, 14.0, t(5))] * 3), "3 timed point(s), all within a second of"),
        ('<rte><rtept lat="1" lon="2"/></rte>', "1 route(s): planned, not recorded"),
    ],
    ids=["empty", "empty-track", "untimed", "one-instant", "route"],
)
def test_files_without_an_activity_are_refused_with_the_reason(body: str, reason: str) -> None:
    with pytest.raises(FormatError, match="no activity in this GPX") as err:
        parse_gpx(gpx(body))
    assert reason in str(err.value)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n ", "empty file"),
        (b"\x0e\x10\x08\x08.FIT\x00\x00", "not XML"),
        (b'{"type": "gpx"}', "not XML"),
        (
            b"<TrainingCenterDatabase/>",
            "not a GPX file: the root element is <TrainingCenterDatabase>",
        ),
        (b"<gpx><trk><trkseg>", "no activity in this GPX"),
        (b"<?xml version='1.0'?><gp", "unreadable XML: the XML is truncated"),
    ],
)
def test_unreadable_files_are_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(FormatError, match=reason):
        parse_gpx(data)


def test_invalid_coordinates_are_dropped_from_the_geometry() -> None:
    pts = [point(45.0, 14.0, t(0)), point(95.0, 14.0, t(5)), point(45.001, 14.0, t(10))]
    (run,) = parse_gpx(gpx(track(pts))).activities
    assert run.distance_m == pytest.approx(111.132, rel=1e-3)
    assert [s[0] for s in run.distance_samples] == [0.0, 10.0]


def test_deeply_nested_xml_is_harmless() -> None:
    depth = 50_000
    data = b"<gpx><extensions>" + b"<a>" * depth + b"</a>" * depth + b"</extensions></gpx>"
    with pytest.raises(FormatError, match="no activity"):
        parse_gpx(data)
