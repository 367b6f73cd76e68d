"""TCX importer: lap totals, trackpoint samples, treadmill and pool files, multiple laps and
activities, multisport sessions, plans, gzip and damage."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest

from runlift.formats.activity import FormatError
from runlift.formats.tcx import parse_tcx

TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
START = dt.datetime(2025, 10, 24, 15, 25, 26, tzinfo=dt.UTC)


def iso(seconds: float) -> str:
    return (START + dt.timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z")


def trackpoint(
    at: float,
    *,
    dist: float | None = None,
    hr: int | None = None,
    pos: tuple[float, float] | None = None,
    alt: float | None = None,
) -> str:
    parts = [f"<Trackpoint><Time>{iso(at)}</Time>"]
    if pos:
        parts.append(
            f"<Position><LatitudeDegrees>{pos[0]}</LatitudeDegrees>"
            f"<LongitudeDegrees>{pos[1]}</LongitudeDegrees></Position>"
        )
    if alt is not None:
        parts.append(f"<AltitudeMeters>{alt}</AltitudeMeters>")
    if dist is not None:
        parts.append(f"<DistanceMeters>{dist}</DistanceMeters>")
    if hr is not None:
        parts.append(f"<HeartRateBpm><Value>{hr}</Value></HeartRateBpm>")
    parts.append("</Trackpoint>")
    return "".join(parts)


def lap(
    start: float,
    *tracks: list[str],
    time_s: float | None = None,
    dist: float | None = None,
    avg_hr: int | None = None,
    max_hr: int | None = None,
) -> str:
    parts = [f'<Lap StartTime="{iso(start)}">']
    if time_s is not None:
        parts.append(f"<TotalTimeSeconds>{time_s}</TotalTimeSeconds>")
    if dist is not None:
        parts.append(f"<DistanceMeters>{dist}</DistanceMeters>")
    if avg_hr is not None:
        parts.append(f"<AverageHeartRateBpm><Value>{avg_hr}</Value></AverageHeartRateBpm>")
    if max_hr is not None:
        parts.append(f"<MaximumHeartRateBpm><Value>{max_hr}</Value></MaximumHeartRateBpm>")
    parts.append("<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>")
    parts += ["<Track>" + "".join(tr) + "</Track>" for tr in tracks]
    parts.append("</Lap>")
    return "".join(parts)


def activity(sport: str, *laps: str, ident: float = 0.0) -> str:
    return f'<Activity Sport="{sport}"><Id>{iso(ident)}</Id>{"".join(laps)}</Activity>'


def tcx(*activities: str, extra: str = "") -> bytes:
    body = f"<Activities>{''.join(activities)}</Activities>" if activities else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><TrainingCenterDatabase xmlns="{TCX_NS}">'
        f"{body}{extra}</TrainingCenterDatabase>"
    ).encode()


def treadmill() -> bytes:
    lap1 = lap(
        0,
        [trackpoint(i * 10, dist=i * 25.0, hr=110 + i) for i in range(7)],
        time_s=60.0,
        dist=150.0,
        avg_hr=113,
        max_hr=116,
    )
    lap2 = lap(
        60,
        [trackpoint(60 + i * 10, dist=150 + i * 30.0, hr=120 + i) for i in range(7)],
        time_s=60.0,
        dist=180.0,
        avg_hr=123,
        max_hr=127,
    )
    return tcx(activity("Running", lap1, lap2))


def test_treadmill_without_positions_imports_from_lap_totals() -> None:
    parsed = parse_tcx(treadmill())
    assert parsed.format == "tcx"
    assert parsed.repaired == parsed.skipped == ()
    (run,) = parsed.activities
    assert (run.sport, run.sub_sport, run.summary_from) == ("running", None, "laps")
    assert run.start_at == START
    assert run.distance_m == 330.0
    assert run.timer_s == 120.0
    assert run.elapsed_s == 120.0
    assert run.avg_hr_bpm == 118.0  # lap averages weighted by lap time
    assert run.max_hr_bpm == 127.0  # the device's lap maximum, above every sample
    assert run.total_ascent_m is None
    assert run.hr_samples[0] == (0.0, 110.0)
    assert run.distance_samples[-1] == (120.0, 330.0)
    assert len(run.hr_samples) == len(run.distance_samples) == 14


def test_pool_swim_with_no_positions_and_no_heart_rate() -> None:
    points = [trackpoint(i * 45, dist=i * 50.0) for i in range(31)]
    parsed = parse_tcx(tcx(activity("Other", lap(0, points, time_s=1530.668, dist=1500.0))))
    (swim,) = parsed.activities
    assert (swim.sport, swim.distance_m, swim.timer_s) == ("other", 1500.0, 1530.668)
    assert swim.elapsed_s == pytest.approx(1530.668)
    assert swim.avg_hr_bpm is swim.max_hr_bpm is None
    assert swim.hr_samples == ()
    assert len(swim.distance_samples) == 31


def test_pause_between_laps_counts_in_elapsed_not_timer() -> None:
    lap1 = lap(
        0, [trackpoint(0, dist=0.0), trackpoint(300, dist=1000.0)], time_s=300.0, dist=1000.0
    )
    lap2 = lap(
        900,
        [trackpoint(900, dist=1000.0), trackpoint(1200, dist=2000.0)],
        time_s=300.0,
        dist=1000.0,
    )
    (run,) = parse_tcx(tcx(activity("Running", lap1, lap2))).activities
    assert (run.timer_s, run.elapsed_s, run.distance_m) == (600.0, 1200.0, 2000.0)


def test_multiple_activities_in_one_file() -> None:
    first = activity("Running", lap(0, [trackpoint(0), trackpoint(60)], time_s=60.0, dist=200.0))
    second = activity(
        "Biking",
        lap(7200, [trackpoint(7200), trackpoint(7500)], time_s=300.0, dist=3000.0),
        ident=7200,
    )
    parsed = parse_tcx(tcx(first, second))
    assert [(a.sport, a.distance_m, a.start_at) for a in parsed.activities] == [
        ("running", 200.0, START),
        ("cycling", 3000.0, START + dt.timedelta(hours=2)),
    ]


def test_multisport_session_gives_each_sport_and_skips_transitions() -> None:
    run = activity("Running", lap(0, [trackpoint(0), trackpoint(600)], time_s=600.0, dist=2e3))
    bike = activity(
        "Biking", lap(700, [trackpoint(700), trackpoint(1900)], time_s=1200.0, dist=10e3), ident=700
    )
    session = (
        f"<MultiSportSession><Id>{iso(0)}</Id><FirstSport>{run}</FirstSport>"
        f"<NextSport><Transition>{lap(600, [trackpoint(600)], time_s=100.0)}</Transition>"
        f"{bike}</NextSport></MultiSportSession>"
    )
    data = (
        f'<TrainingCenterDatabase xmlns="{TCX_NS}"><Activities>{session}</Activities>'
        "</TrainingCenterDatabase>"
    ).encode()
    parsed = parse_tcx(data)
    assert [(a.sport, a.timer_s) for a in parsed.activities] == [
        ("running", 600.0),
        ("cycling", 1200.0),
    ]


def test_laps_without_totals_fall_back_on_trackpoints() -> None:
    points = [
        trackpoint(i * 10, pos=(45.0 + i * 1e-3, 14.0), hr=140, alt=100.0 + 4 * i) for i in range(4)
    ]
    (run,) = parse_tcx(tcx(activity("Running", lap(0, points)))).activities
    assert run.summary_from == "trackpoints"
    assert run.timer_s == 30.0
    assert run.distance_m == pytest.approx(3 * 111.132, rel=1e-3)  # geodesic, 0.001° steps at 45°
    assert run.distance_samples[-1][1] == pytest.approx(run.distance_m)
    assert run.avg_hr_bpm == 140.0
    assert run.total_ascent_m == 12.0


def test_start_falls_back_on_id_then_trackpoints() -> None:
    no_start = lap(5, [trackpoint(5), trackpoint(65)], time_s=60.0).replace(
        f' StartTime="{iso(5)}"', ""
    )
    (run,) = parse_tcx(tcx(activity("Running", no_start, ident=3))).activities
    assert run.start_at == START + dt.timedelta(seconds=3)
    no_id = activity("Running", no_start).replace(f"<Id>{iso(0)}</Id>", "")
    (run,) = parse_tcx(tcx(no_id)).activities
    assert run.start_at == START + dt.timedelta(seconds=5)


def test_offsets_and_fractions_in_times() -> None:
    data = treadmill().replace(
        b'StartTime="2025-10-24T15:25:26Z"', b'StartTime="2025-10-24T17:25:26.500+02:00"'
    )
    (run,) = parse_tcx(data).activities
    assert run.start_at == START + dt.timedelta(seconds=0.5)


def test_heart_rate_without_lap_values_comes_from_samples() -> None:
    points = [trackpoint(0, hr=100), trackpoint(1, hr=100), trackpoint(61, hr=160)]
    (run,) = parse_tcx(tcx(activity("Running", lap(0, points, time_s=61.0)))).activities
    assert run.avg_hr_bpm == pytest.approx((100 + 60 * 130) / 61)
    assert run.max_hr_bpm == 160.0


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ("", "no activity in this TCX: it holds no activity"),
        (
            "<Courses><Course><Name>Brighton Beach</Name></Course></Courses>",
            "course 'Brighton Beach': a planned route",
        ),
        (
            '<Workouts><Workout Sport="Running"><Name>Intervals</Name></Workout></Workouts>',
            "workout 'Intervals': a planned workout",
        ),
    ],
)
def test_plans_alone_are_refused_with_the_reason(extra: str, reason: str) -> None:
    with pytest.raises(FormatError, match="no activity in this TCX") as err:
        parse_tcx(tcx(extra=extra))
    assert reason in str(err.value)


def test_an_activity_without_laps_is_skipped() -> None:
    parsed = parse_tcx(tcx(activity("Running"), activity("Running", lap(0, [], time_s=9.0))))
    assert len(parsed.activities) == 1
    assert parsed.skipped == ("activity 1 (2025-10-24T15:25:26Z): no laps",)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x0e\x10\x08\x08.FIT", "not XML"),
        (b'<gpx xmlns="http://www.topografix.com/GPX/1/1"/>', "not a TCX file"),
    ],
)
def test_unreadable_files_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(FormatError, match=reason):
        parse_tcx(data)


def test_gzip_is_read_like_the_plain_file() -> None:
    assert parse_tcx(gzip.compress(treadmill())) == parse_tcx(treadmill())


def test_truncated_file_keeps_the_laps_read_with_a_repaired_note() -> None:
    data = treadmill()
    cut = data.index(b"<Track>", data.rindex(b"<Lap StartTime")) + 200  # inside lap 2's track
    parsed = parse_tcx(data[:cut])
    (run,) = parsed.activities
    assert run.distance_m == 330.0  # lap 2's totals come before its track
    assert len(run.hr_samples) < 14
    (note,) = parsed.repaired
    assert note.startswith("the XML is truncated (the file ends inside an element, line 1)")
    assert "may be incomplete" in note
