"""Hevy's CSV export: both weight columns, every set type, 0-based set index, dates."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.catalog import Catalog
from runlift.formats.activity import FormatError
from runlift.formats.hevy_csv import parse_hevy

KG_PER_POUND = 0.45359237  # independent of the product's constant

HEADER = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,"
    "set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n"
)
START, END = "13 Mar 2026, 15:22", "13 Mar 2026, 16:07"


def hevy(*rows: str, header: str = HEADER) -> bytes:
    return (header + "".join(row + "\n" for row in rows)).encode()


def row(exercise: str, index: int, kind: str, rest: str, title: str = "Legs",
        start: str = START, end: str = END, notes: str = "") -> str:  # fmt: skip
    return f'"{title}","{start}","{end}","Gym","{exercise}",,"{notes}",{index},{kind},{rest}'


def test_metric_file_with_every_set_type(catalog: Catalog) -> None:
    data = hevy(
        # set_index is 0-based and orders the sets even when the rows are not in order
        row("Squat (Barbell)", 1, "normal", "100,5,,,8", notes="belt on"),
        row("Squat (Barbell)", 0, "warmup", "60,5,,,", notes="belt on"),
        row("Squat (Barbell)", 2, "dropset", "80,8,,,9.5", notes="belt on"),
        row("Squat (Barbell)", 3, "drop", "70,8,,,", notes="belt on"),
        row("Squat (Barbell)", 4, "failure", "70,6,,,10", notes="belt on"),
        row("Plank", 0, "normal", ",,,60,"),
        row("Treadmill Run", 0, "normal", ",,2.5,900,"),
        row("Turkish Get-Up (Kettlebell)", 0, "normal", "16,3,,,"),
    )
    parsed = parse_hevy(data, catalog)
    assert parsed.format == "hevy"
    (session,) = parsed.strength_sessions
    assert session.on == dt.date(2026, 3, 13)
    assert session.duration_min == 45.0
    assert [(s.order, s.exercise_id, s.reps, s.duration_s, s.load_kg, s.rpe, s.warmup)
            for s in session.sets] == [
        (1, "back-squat", 5, None, 60.0, None, True),
        (2, "back-squat", 5, None, 100.0, 8.0, False),
        (3, "back-squat", 8, None, 80.0, 9.5, False),
        (4, "back-squat", 8, None, 70.0, None, False),
        (5, "back-squat", 6, None, 70.0, 10.0, False),
        (6, "front-plank", None, 60.0, None, None, False),
        (7, "custom-turkish-get-up-kettlebell", 3, None, 16.0, None, False),
    ]  # fmt: skip
    assert session.notes.splitlines() == [
        "Gym",
        "Squat (Barbell): belt on",
        "set 3 (Squat (Barbell)) was a drop set",
        "set 4 (Squat (Barbell)) was a drop set",
        "set 5 (Squat (Barbell)) went to failure",
    ]
    assert parsed.custom_exercises == (
        ("custom-turkish-get-up-kettlebell", "Turkish Get-Up (Kettlebell)"),
    )
    assert parsed.skipped == ("1 distance-only (cardio) set(s) of 'Treadmill Run' not imported",)


def test_pounds_file(catalog: Catalog) -> None:
    header = HEADER.replace("weight_kg", "weight_lbs").replace("distance_km", "distance_miles")
    data = hevy(
        row("Bench Press (Barbell)", 0, "normal", "135,5,,,"),
        row("Bench Press (Barbell)", 1, "normal", "0,12,,,"),
        row("Romanian Deadlift (Dumbbell)", 0, "normal", "50,10,,,"),
        header=header,
    )
    sets = parse_hevy(data, catalog).strength_sessions[0].sets
    assert [(s.exercise_id, s.load_kg) for s in sets] == [
        ("bench-press", round(135 * KG_PER_POUND, 3)),
        ("bench-press", None),  # 0 is bodyweight
        ("dumbbell-romanian-deadlift", round(50 * KG_PER_POUND, 3)),
    ]
    assert sets[0].load_kg == 61.235


def test_when_both_weight_columns_exist_kg_is_read(catalog: Catalog) -> None:
    header = HEADER.replace("weight_kg,", "weight_kg,weight_lbs,")
    data = hevy(row("Deadlift (Barbell)", 0, "normal", "100,220.46,5,,,"), header=header)
    assert parse_hevy(data, catalog).strength_sessions[0].sets[0].load_kg == 100.0


@pytest.mark.parametrize(
    ("start", "end", "on", "minutes"),
    [
        ("13 Mar 2026, 15:22", "13 Mar 2026, 16:07", dt.date(2026, 3, 13), 45.0),
        ("31 Dec 2025, 23:30", "1 Jan 2026, 00:40", dt.date(2025, 12, 31), 70.0),
        ("2026-03-13 07:05:00", "2026-03-13 07:50:30", dt.date(2026, 3, 13), 45.5),
        ("13 Mar 2026, 15:22", "", dt.date(2026, 3, 13), None),
    ],
)
def test_dates_and_durations(catalog: Catalog, start: str, end: str, on: dt.date,
                             minutes: float | None) -> None:  # fmt: skip
    data = hevy(row("Push Up", 0, "normal", ",10,,,", start=start, end=end))
    (session,) = parse_hevy(data, catalog).strength_sessions
    assert (session.on, session.duration_min) == (on, minutes)


def test_same_exercise_twice_keeps_both_blocks_in_order(catalog: Catalog) -> None:
    data = hevy(
        row("Push Up", 0, "normal", ",10,,,"),
        row("Push Up", 1, "normal", ",9,,,"),
        row("Plank", 0, "normal", ",,,45,"),
        row("Push Up", 0, "normal", ",8,,,"),
    )
    sets = parse_hevy(data, catalog).strength_sessions[0].sets
    assert [(s.exercise_id, s.reps, s.duration_s) for s in sets] == [
        ("push-up", 10, None),
        ("push-up", 9, None),
        ("front-plank", None, 45.0),
        ("push-up", 8, None),
    ]


def test_workouts_become_sessions_in_date_order(catalog: Catalog) -> None:
    data = hevy(
        row("Push Up", 0, "normal", ",10,,,", title="Upper", start="15 Mar 2026, 08:00",
            end="15 Mar 2026, 08:30"),
        row("Squat (Barbell)", 0, "normal", "60,5,,,", title="Legs"),
    )  # fmt: skip
    sessions = parse_hevy(data, catalog).strength_sessions
    assert [(s.on, s.sets[0].exercise_id) for s in sessions] == [
        (dt.date(2026, 3, 13), "back-squat"),
        (dt.date(2026, 3, 15), "push-up"),
    ]


def test_user_map(catalog: Catalog) -> None:
    data = hevy(row("Squat (Barbell)", 0, "normal", "60,5,,,"))
    (s,) = parse_hevy(data, catalog, {"Squat (Barbell)": "box-squat"}).strength_sessions[0].sets
    assert (s.exercise_id, s.source_name) == ("box-squat", "Squat (Barbell)")


# ------------------------------------------------------------------------------ refusals


def refusal(data: bytes, catalog: Catalog) -> str:
    with pytest.raises(FormatError) as caught:
        parse_hevy(data, catalog)
    return str(caught.value)


def test_bad_rows_name_line_and_column(catalog: Catalog) -> None:
    data = hevy(
        row("Squat (Barbell)", 0, "normal", "60,5,,,"),
        row("Squat (Barbell)", 1, "superset", "60,5,,,"),
        row("Squat (Barbell)", 2, "normal", "heavy,5,,,"),
        row("Squat (Barbell)", -1, "normal", "60,5,,,"),
        row("Squat (Barbell)", 3, "normal", "60,5,,,", start="Friday"),
        row("Squat (Barbell)", 4, "normal", "60,5,,,", end="13 Mar 2026, 14:00"),
    )
    assert refusal(data, catalog).splitlines() == [
        "line 3, column 'set_type': expected normal, warmup, dropset, drop or failure; "
        "got 'superset'",
        "line 4, column 'weight_kg': expected a number; got 'heavy'",
        "line 5, column 'set_index': expected a whole number from 0 to 100000; got '-1'",
        "line 6, column 'start_time': expected a time like '13 Mar 2026, 15:22'; got 'Friday'",
        "line 7, column 'end_time': expected a time after start_time '13 Mar 2026, 15:22'; "
        "got '13 Mar 2026, 14:00'",
    ]


def test_a_strong_file_is_named_as_such(catalog: Catalog) -> None:
    data = b"Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
    assert "looks like a Strong export" in refusal(data, catalog)


def test_a_wrong_header_names_the_missing_columns(catalog: Catalog) -> None:
    message = refusal(b"title,start_time,exercise_title,reps\n", catalog)
    assert message.startswith("not a Hevy CSV: missing column(s) 'end_time'; 'set_index'")
    assert "'weight_kg' or 'weight_lbs'" in message


@pytest.mark.parametrize("data", [b"", b"\r\n"])
def test_an_empty_file(catalog: Catalog, data: bytes) -> None:
    assert "empty" in refusal(data, catalog)


def test_a_header_alone(catalog: Catalog) -> None:
    assert "no set rows after the header" in refusal(HEADER.encode(), catalog)


@given(st.binary(max_size=300))
def test_any_bytes_give_sessions_or_a_format_error(catalog: Catalog, data: bytes) -> None:
    with contextlib.suppress(FormatError):
        parse_hevy(HEADER.encode() + data, catalog)
