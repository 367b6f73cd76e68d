"""Strava's activities.csv: columns read by position (SI copies), manual activities, RPE."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.formats.activity import FormatError
from runlift.formats.strava_csv import parse_strava_activities, strava_row_activity, strava_sport

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
ATHLYTICS = CORPUS / "strava_like" / "athlytics" / "activities.csv"

# The real export's layout (abridged): display-unit copies first, SI copies after Bike Weight.
HEADER = [
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
    "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
    "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed", "Elevation Gain",
    "Elevation Loss", "Max Heart Rate", "Average Heart Rate", "Calories", "Relative Effort",
    "Perceived Exertion", "Type", "Start Time", "Prefer Perceived Exertion", "Commute",
]  # fmt: skip


def export(*rows: dict[tuple[str, int], str], header: list[str] = HEADER) -> bytes:
    """A CSV in ``header``'s layout; each row gives values by (column name, copy number)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for values in rows:
        seen: dict[str, int] = {}
        cells = []
        for name in header:
            seen[name] = seen.get(name, 0) + 1
            cells.append(values.get((name, seen[name]), ""))
        writer.writerow(cells)
    return out.getvalue().encode()


RUN = {
    ("Activity ID", 1): "2154857401",
    ("Activity Date", 1): "Feb 17, 2019, 6:26:44 AM",
    ("Activity Name", 1): "Sunday long run",
    ("Activity Type", 1): "Run",
    ("Activity Description", 1): "Windy, cold.\nLegs fine",  # a quoted field over two lines
    # Display copies differ from the SI copies here only to show which one is read.
    ("Elapsed Time", 1): "3300",
    ("Distance", 1): "10.01",
    ("Max Heart Rate", 1): "177",
    ("Relative Effort", 1): "94",
    ("Filename", 1): "activities/2154857401.fit.gz",
    ("Elapsed Time", 2): "3301.0",
    ("Moving Time", 1): "3120.0",
    ("Distance", 2): "10012.5",
    ("Average Speed", 1): "3.209",
    ("Elevation Gain", 1): "86.0",
    ("Max Heart Rate", 2): "178.0",
    ("Average Heart Rate", 1): "151.2",
    ("Relative Effort", 2): "95.0",
}
MANUAL_LIFT = {
    ("Activity ID", 1): "2190000001",
    ("Activity Date", 1): "Mar 3, 2019, 12:05:00 PM",
    ("Activity Name", 1): "Gym",
    ("Activity Type", 1): "Weight Training",
    ("Elapsed Time", 1): "2700",
    ("Distance", 1): "0.00",
    ("Elapsed Time", 2): "2700.0",
    ("Moving Time", 1): "2700.0",
    ("Distance", 2): "0.0",
    ("Perceived Exertion", 1): "7.0",
}


def test_si_copies_are_read_by_position() -> None:
    run, lift = parse_strava_activities(export(RUN, MANUAL_LIFT))
    assert run.activity_id == "2154857401"
    assert run.start_at == dt.datetime(2019, 2, 17, 6, 26, 44, tzinfo=dt.UTC)
    assert (run.sport, run.sub_sport, run.activity_type) == ("running", None, "Run")
    assert run.distance_m == 10012.5  # the SI copy: not 10.01 (km) nor 10010
    assert run.elapsed_s == 3301.0
    assert run.moving_s == 3120.0
    assert (run.avg_hr_bpm, run.max_hr_bpm) == (151.2, 178.0)
    assert run.relative_effort == 95.0
    assert run.total_ascent_m == 86.0
    assert run.srpe is None
    assert (run.filename, run.manual, run.line) == ("activities/2154857401.fit.gz", False, 2)
    assert lift.line == 4  # the description above spans two lines
    assert (lift.sport, lift.sub_sport, lift.manual, lift.srpe) == (
        "training",
        "strength_training",
        True,
        7.0,
    )
    assert lift.start_at == dt.datetime(2019, 3, 3, 12, 5, tzinfo=dt.UTC)


def test_manual_activity_becomes_an_activity() -> None:
    manual_run = {**RUN, ("Filename", 1): "", ("Activity Type", 1): "Trail Run"}
    (row,) = parse_strava_activities(export(manual_run))
    activity = strava_row_activity(row)
    assert activity.summary_from == "strava-csv"
    assert (activity.sport, activity.sub_sport) == ("running", "trail")
    assert activity.start_at == dt.datetime(2019, 2, 17, 6, 26, 44, tzinfo=dt.UTC)
    assert (activity.distance_m, activity.timer_s, activity.elapsed_s) == (10012.5, 3120.0, 3301.0)
    assert (activity.avg_hr_bpm, activity.max_hr_bpm, activity.total_ascent_m) == (
        151.2,
        178.0,
        86.0,
    )
    assert activity.hr_samples == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Feb 17, 2019, 6:26:44 AM", dt.datetime(2019, 2, 17, 6, 26, 44)),
        ("Jan 1, 2020, 12:00:30 AM", dt.datetime(2020, 1, 1, 0, 0, 30)),
        ("Jan 1, 2020, 12:00:30 PM", dt.datetime(2020, 1, 1, 12, 0, 30)),
        ("Sep 30, 2021, 11:59:59 PM", dt.datetime(2021, 9, 30, 23, 59, 59)),
        # newer exports put a narrow no-break space before AM/PM
        ("Sep 30, 2023, 11:59:59\u202fPM", dt.datetime(2023, 9, 30, 23, 59, 59)),
        ("17 Feb 2019, 06:26:44", dt.datetime(2019, 2, 17, 6, 26, 44)),
        ("2019-02-17 06:26:44", dt.datetime(2019, 2, 17, 6, 26, 44)),
        ("2019-02-17T07:26:44+01:00", dt.datetime(2019, 2, 17, 6, 26, 44)),
    ],
)
def test_activity_dates_are_utc(text: str, expected: dt.datetime) -> None:
    (row,) = parse_strava_activities(export({**RUN, ("Activity Date", 1): text}))
    assert row.start_at == expected.replace(tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("strava_type", "sport", "sub_sport"),
    [
        ("Run", "running", None),
        ("Trail Run", "running", "trail"),
        ("Virtual Run", "running", "virtual_activity"),
        ("VirtualRun", "running", "virtual_activity"),
        ("Treadmill", "running", "treadmill"),
        ("Ride", "cycling", None),
        ("Virtual Ride", "cycling", "virtual_activity"),
        ("Walk", "walking", None),
        ("Hike", "hiking", None),
        ("Swim", "swimming", None),
        ("Weight Training", "training", "strength_training"),
        ("WeightTraining", "training", "strength_training"),
        ("Workout", "training", None),
        ("Kitesurf", "other", None),
    ],
)
def test_activity_types(strava_type: str, sport: str, sub_sport: str | None) -> None:
    assert strava_sport(strava_type) == (sport, sub_sport)


# ---------------------------------------------------------------- the corpus's synthetic export


@pytest.fixture(scope="module")
def athlytics() -> bytes:
    if not ATHLYTICS.exists():
        pytest.skip("../shared/corpus is not available")
    return ATHLYTICS.read_bytes()


def test_corpus_export(athlytics: bytes) -> None:
    rows = parse_strava_activities(athlytics)
    assert len(rows) == 75
    first = rows[0]
    assert (first.activity_id, first.name, first.sport) == ("4", "Afternoon Ride", "cycling")
    assert first.start_at == dt.datetime(2024, 10, 1, 11, 35, tzinfo=dt.UTC)
    assert (first.elapsed_s, first.moving_s, first.distance_m) == (5486.0, 5268.0, 33892.0)
    assert (first.avg_hr_bpm, first.max_hr_bpm) == (132.0, 163.0)
    assert (first.total_ascent_m, first.relative_effort, first.srpe) == (246.0, 46.0, None)
    assert {r.sport for r in rows} == {"running", "cycling"}
    assert sum(r.manual for r in rows) == 72
    assert [(r.activity_id, r.filename) for r in rows if not r.manual] == [
        ("1", "activities/example.tcx"),
        ("2", "activities/example.gpx"),
        ("3", "activities/example.fit"),
    ]
    assert rows[-1].line == 76
    assert all(r.start_at.tzinfo is dt.UTC for r in rows)


def test_corpus_distances_are_metres(athlytics: bytes) -> None:
    """The file has one Distance column: in metres, as Average Speed [m/s] × Moving Time says.
    (The three rows with example files are not consistent with their speeds, so they are left
    out of this check.)"""
    text = athlytics.decode()
    speeds = [float(r["Average Speed"]) for r in csv.DictReader(io.StringIO(text))]
    rows = parse_strava_activities(athlytics)
    checked = [(row, speed) for row, speed in zip(rows, speeds, strict=True) if row.manual]
    assert len(checked) == 72
    for row, speed in checked:
        assert row.distance_m is not None
        assert row.moving_s is not None
        assert row.distance_m == pytest.approx(speed * row.moving_s, rel=0.05)


def test_a_lone_distance_in_km_is_caught_by_the_average_speed() -> None:
    header = ["Activity ID", "Activity Date", "Activity Type", "Elapsed Time", "Moving Time",
              "Distance", "Average Speed"]  # fmt: skip
    base = {("Activity ID", 1): "9", ("Activity Date", 1): "Feb 17, 2019, 6:26:44 AM",
            ("Activity Type", 1): "Run", ("Elapsed Time", 1): "3300", ("Moving Time", 1): "3120",
            ("Average Speed", 1): "3.209"}  # fmt: skip
    km, metres = parse_strava_activities(
        export({**base, ("Distance", 1): "10.01"}, {**base, ("Distance", 1): "10012.5"},
               header=header)
    )  # fmt: skip
    assert km.distance_m == pytest.approx(10010.0)
    assert metres.distance_m == 10012.5


# ------------------------------------------------------------------------------ refusals


def refusal(data: bytes) -> str:
    with pytest.raises(FormatError) as caught:
        parse_strava_activities(data)
    return str(caught.value)


def test_a_file_that_is_not_activities_csv_names_the_missing_columns() -> None:
    message = refusal(b"Activity ID,Activity Name,Activity Type,Elapsed Time\n1,Run,Run,60\n")
    assert message == "not a Strava activities CSV: missing column(s) 'Activity Date'"


def test_bad_values_name_line_and_column() -> None:
    data = export(
        RUN,
        MANUAL_LIFT,
        {**MANUAL_LIFT, ("Distance", 2): "far"},
        {**MANUAL_LIFT, ("Perceived Exertion", 1): "11"},
        {**MANUAL_LIFT, ("Activity Date", 1): "last Tuesday"},
        {**MANUAL_LIFT, ("Activity ID", 1): ""},
    )
    assert refusal(data).splitlines() == [
        "line 5, column 'Distance': expected a number; got 'far'",
        "line 6, column 'Perceived Exertion': expected a number from 0 to 10; got '11'",
        "line 7, column 'Activity Date': expected a date like 'Feb 17, 2019, 6:26:44 AM'; "
        "got 'last Tuesday'",
        "line 8, column 'Activity ID': expected an activity id; got ''",
    ]


@pytest.mark.parametrize("data", [b"", b"\n"])
def test_an_empty_file(data: bytes) -> None:
    assert "empty" in refusal(data)


def test_a_header_alone() -> None:
    assert "no activities after the header" in refusal(export())


def test_binary_is_refused() -> None:
    fit_like = bytes([14, 16, 0x6C, 0x08]) + b"\x00\x00\x00\x00.FIT\xff\xfe\x80\x81"
    assert "not UTF-8 text" in refusal(fit_like)


@given(st.binary(max_size=300))
def test_any_bytes_give_rows_or_a_format_error(data: bytes) -> None:
    with contextlib.suppress(FormatError):
        parse_strava_activities(export(RUN) + data)
