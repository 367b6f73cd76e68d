"""Strong's CSV export, both dialects: sets, units, set kinds, sessions, and refusals."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.catalog import Catalog
from runlift.formats.activity import FormatError
from runlift.formats.strong_csv import parse_strong

# Independent of the product's constant: the international avoirdupois pound (1959).
KG_PER_POUND = 0.45359237

COMMA_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)
SEMI_HEADER = (
    '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
    '"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"\n'
)

# An imperial lifter's leg day: warm-up, working sets, a Rest Timer row, a drop set, a hold, a
# bodyweight exercise, a plyometric, a set to failure, cardio, and a name no table knows.
IMPERIAL = COMMA_HEADER + (
    "2026-03-10 07:00:00,Leg Day,1h 5m,Squat (Barbell),W,135,5,0,0,,Felt strong,\n"
    "2026-03-10 07:00:00,Leg Day,1h 5m,Squat (Barbell),1,225,5,0,0,,Felt strong,8\n"
    "2026-03-10 07:00:00,Leg Day,1h 5m,Squat (Barbell),Rest Timer,0,0,0,120,,Felt strong,\n"
    "2026-03-10 07:00:00,Leg Day,1h 5m,Squat (Barbell),2,225,5,0,0,,Felt strong,8.5\n"
    "2026-03-10 07:00:00,Leg Day,1h 5m,Squat (Barbell),D,185,8,0,0,grindy,Felt strong,9.5\n"
    "2026-03-10 07:00:00,Leg Day,1h 5m,Plank,1,0,0,0,60,,Felt strong,\n"
    "2026-03-10 07:00:00,Leg Day,1h 5m,Pull Up,1,0,8,0,0,,Felt strong,9\n"
    "2026-03-10 07:00:00,Leg Day,1h 5m,Box Jump,1,0,5,0,0,,Felt strong,\n"
    "2026-03-10 07:00:00,Leg Day,1h 5m,Push Up,F,0,22,0,0,,Felt strong,\n"
    "2026-03-10 07:00:00,Leg Day,1h 5m,Running (Treadmill),1,0,0,1.5,600,,Felt strong,\n"
    "2026-03-10 07:00:00,Leg Day,1h 5m,Zercher Good Morning,1,95,10,0,0,,Felt strong,7\n"
)


def comma(*rows: str, header: str = COMMA_HEADER) -> bytes:
    return (header + "".join(row + "\n" for row in rows)).encode()


def test_imperial_comma_dialect(catalog: Catalog) -> None:
    parsed = parse_strong(IMPERIAL.encode(), catalog, default_unit="lb")
    assert parsed.format == "strong"
    (session,) = parsed.strength_sessions
    assert session.on == dt.date(2026, 3, 10)
    assert session.duration_min == 65.0
    rows = [
        (s.order, s.exercise_id, s.reps, s.duration_s, s.contacts, s.load_kg, s.rpe, s.warmup)
        for s in session.sets
    ]
    assert rows == [
        (1, "back-squat", 5, None, None, pytest.approx(61.235, abs=5e-4), None, True),
        (2, "back-squat", 5, None, None, pytest.approx(102.058, abs=5e-4), 8.0, False),
        (3, "back-squat", 5, None, None, pytest.approx(102.058, abs=5e-4), 8.5, False),
        (4, "back-squat", 8, None, None, pytest.approx(83.915, abs=5e-4), 9.5, False),
        (5, "front-plank", None, 60.0, None, None, None, False),
        (6, "pull-up", 8, None, None, None, 9.0, False),
        (7, "box-jump", None, None, 5, None, None, False),  # plyometrics count foot contacts
        (8, "push-up", 22, None, None, None, None, False),
        (9, "custom-zercher-good-morning", 10, None, None, pytest.approx(43.091, abs=5e-4),
         7.0, False),
    ]  # fmt: skip
    assert [s.source_name for s in session.sets][:2] == ["Squat (Barbell)"] * 2
    assert parsed.custom_exercises == (("custom-zercher-good-morning", "Zercher Good Morning"),)
    assert session.notes.splitlines() == [
        "Felt strong",
        "set 4 (Squat (Barbell)) was a drop set",
        "Squat (Barbell): grindy",
        "set 8 (Push Up) went to failure",
    ]
    assert parsed.skipped == (
        "1 Rest Timer row(s) skipped (not sets)",
        "1 distance-only (cardio) set(s) of 'Running (Treadmill)' not imported",
    )


def test_kilograms_are_exact_to_the_gram(catalog: Catalog) -> None:
    pounds = [135, 225, 45, 2.5, 315]
    rows = [f"2026-03-10 07:00:00,A,45m,Deadlift (Barbell),{i + 1},{lb},5,0,0,,," for i, lb in
            enumerate(pounds)]  # fmt: skip
    parsed = parse_strong(comma(*rows), catalog, default_unit="lbs")
    loads = [s.load_kg for s in parsed.strength_sessions[0].sets]
    assert loads == [round(lb * KG_PER_POUND, 3) for lb in pounds]
    assert loads[0] == 61.235


def test_metric_by_default(catalog: Catalog) -> None:
    parsed = parse_strong(
        comma("2026-03-10 07:00:00,A,45m,Squat (Barbell),1,60,5,0,0,,,8"), catalog
    )
    assert parsed.strength_sessions[0].sets[0].load_kg == 60.0


def test_weight_unit_column_wins_over_the_default(catalog: Catalog) -> None:
    header = COMMA_HEADER.replace("RPE\n", "RPE,Weight Unit,Distance Unit\n")
    data = comma(
        "2026-03-10 07:00:00,A,45m,Squat (Barbell),1,100,5,0,0,,,,kg,km",
        "2026-03-10 07:00:00,A,45m,Squat (Barbell),2,100,5,0,0,,,,lbs,mi",
        "2026-03-10 07:00:00,A,45m,Squat (Barbell),3,100,5,0,0,,,,,",
        header=header,
    )
    loads = [
        s.load_kg for s in parse_strong(data, catalog, default_unit="lb").strength_sessions[0].sets
    ]
    assert loads == [100.0, pytest.approx(45.359, abs=5e-4), pytest.approx(45.359, abs=5e-4)]


def semi(*cells: str) -> str:
    """One fully quoted semicolon-dialect row."""
    return ";".join(f'"{cell}"' for cell in cells) + "\n"


def test_semicolon_dialect_metric(catalog: Catalog) -> None:
    workout = ("1", "2026-03-11 18:00:00", "Push", "3600")
    data = (
        SEMI_HEADER
        + semi(*workout, "Bench Press (Barbell)", "W", "40", "8", "", "0", "0", "", "Late")
        + semi(*workout, "Bench Press (Barbell)", "1", "62,5", "5", "8", "0", "0", "", "Late")
        + semi(*workout, "Side Plank", "1", "0", "0", "", "0", "45", "", "Late")
        + semi(*workout, "Rowing (Machine)", "1", "0", "0", "", "2000", "480", "", "Late")
    ).encode()
    parsed = parse_strong(data, catalog)
    (session,) = parsed.strength_sessions
    assert session.on == dt.date(2026, 3, 11)
    assert session.duration_min == 60.0
    assert session.notes == "Late"
    rows = [(s.exercise_id, s.reps, s.duration_s, s.load_kg, s.rpe, s.warmup) for s in session.sets]
    assert rows == [
        ("bench-press", 8, None, 40.0, None, True),
        ("bench-press", 5, None, 62.5, 8.0, False),
        ("side-plank", None, 45.0, None, None, False),
    ]
    assert parsed.skipped == ("1 distance-only (cardio) set(s) of 'Rowing (Machine)' not imported",)


def test_semicolon_dialect_imperial(catalog: Catalog) -> None:
    data = (
        SEMI_HEADER.replace("Weight (kg)", "Weight (lbs)")
        + semi("7", "2026-03-11 18:00:00", "Pull", "2700", "Bent Over Row (Barbell)", "1", "135",
               "8", "", "", "", "", "")
    ).encode()  # fmt: skip
    # The header says pounds; default_unit applies only to the comma dialect without units.
    (s,) = parse_strong(data, catalog, default_unit="kg").strength_sessions[0].sets
    assert (s.exercise_id, s.reps, s.load_kg) == ("barbell-row", 8, 61.235)


def test_one_session_per_workout_in_date_order(catalog: Catalog) -> None:
    data = comma(
        "2026-03-12 07:00:00,Upper,30m,Push Up,1,0,10,0,0,,,",
        "2026-03-10 07:00:00,Legs,40m,Squat (Barbell),1,60,5,0,0,,,",
        "2026-03-12 18:00:00,Evening,20m,Plank,1,0,0,0,45,,,",
        "2026-03-10 07:00:00,Legs,40m,Squat (Barbell),2,60,5,0,0,,,",
    )
    sessions = parse_strong(data, catalog).strength_sessions
    assert [(s.on, len(s.sets), s.duration_min) for s in sessions] == [
        (dt.date(2026, 3, 10), 2, 40.0),
        (dt.date(2026, 3, 12), 1, 30.0),
        (dt.date(2026, 3, 12), 1, 20.0),
    ]
    assert [s.order for s in sessions[0].sets] == [1, 2]


@pytest.mark.parametrize(
    ("duration", "minutes"),
    [("1h 5m", 65.0), ("45m", 45.0), ("3600", 60.0), ("1:05:00", 65.0), ("2h", 120.0),
     ("50m 30s", 50.5), ("", None), ("0", None)],
)  # fmt: skip
def test_duration_forms(catalog: Catalog, duration: str, minutes: float | None) -> None:
    data = comma(f"2026-03-10 07:00:00,A,{duration},Push Up,1,0,10,0,0,,,")
    assert parse_strong(data, catalog).strength_sessions[0].duration_min == minutes


def test_user_map_overrides_a_known_name(catalog: Catalog) -> None:
    data = comma(
        "2026-03-10 07:00:00,A,45m,Squat (Barbell),1,60,5,0,0,,,",
        "2026-03-10 07:00:00,A,45m,Zercher Good Morning,1,40,10,0,0,,,",
    )
    user_map = {"squat (barbell)": "front-squat", "Zercher Good Morning": "good-morning"}
    parsed = parse_strong(data, catalog, user_map)
    sets = parsed.strength_sessions[0].sets
    assert [s.exercise_id for s in sets] == ["front-squat", "good-morning"]
    assert [s.source_name for s in sets] == ["Squat (Barbell)", "Zercher Good Morning"]
    assert parsed.custom_exercises == ()


def test_negative_weight_is_read_as_bodyweight_and_said(catalog: Catalog) -> None:
    data = comma("2026-03-10 07:00:00,A,45m,Pull Up,1,-20,6,0,0,,,")
    parsed = parse_strong(data, catalog)
    assert parsed.strength_sessions[0].sets[0].load_kg is None
    assert parsed.repaired == ("line 2: negative weight -20 kg (assistance?) read as bodyweight",)


def test_a_carry_with_distance_and_time_is_a_hold(catalog: Catalog) -> None:
    data = comma("2026-03-10 07:00:00,A,45m,Farmer's Walk,1,70,0,40,45,,,")
    (s,) = parse_strong(data, catalog, default_unit="lb").strength_sessions[0].sets
    assert (s.exercise_id, s.duration_s, s.load_kg) == ("farmers-carry", 45.0, 31.751)


def test_reps_written_as_decimals_are_read(catalog: Catalog) -> None:
    data = comma("2026-03-10 07:00:00,A,45m,Push Up,1,0.0,12.0,0.0,0.0,,,8.0")
    (s,) = parse_strong(data, catalog).strength_sessions[0].sets
    assert (s.reps, s.load_kg, s.rpe) == (12, None, 8.0)


def test_byte_order_mark_and_crlf(catalog: Catalog) -> None:
    data = b"\xef\xbb\xbf" + comma("2026-03-10 07:00:00,A,45m,Push Up,1,0,12,0,0,,,").replace(
        b"\n", b"\r\n"
    )
    assert parse_strong(data, catalog).strength_sessions[0].sets[0].reps == 12


# ------------------------------------------------------------------------------ refusals


def refusal(data: bytes, catalog: Catalog) -> str:
    with pytest.raises(FormatError) as caught:
        parse_strong(data, catalog)
    return str(caught.value)


def test_a_non_number_weight_names_line_and_column(catalog: Catalog) -> None:
    data = comma(
        "2026-03-10 07:00:00,A,45m,Squat (Barbell),1,60,5,0,0,,,",
        "2026-03-10 07:00:00,A,45m,Squat (Barbell),2,sixty,5,0,0,,,",
    )
    assert refusal(data, catalog) == "line 3, column 'Weight': expected a number; got 'sixty'"


def test_every_bad_row_is_reported(catalog: Catalog) -> None:
    data = comma(
        "2026-03-10 07:00:00,A,45m,Squat (Barbell),X,60,5,0,0,,,",
        "2026-03-10 07:00:00,A,45m,Squat (Barbell),2,60,5.5,0,0,,,",
        "2026-03-10 07:00:00,A,45m,Squat (Barbell),3,60,5,0,0,,,11",
        "yesterday,A,45m,Squat (Barbell),4,60,5,0,0,,,",
        "2026-03-10 07:00:00,A,an hour,Squat (Barbell),5,60,5,0,0,,,",
        "2026-03-10 07:00:00,A,45m,Squat (Barbell),6,60,5,0,0,,,,extra",
    )
    assert refusal(data, catalog).splitlines() == [
        "line 2, column 'Set Order': expected a set number, W, D, F or Rest Timer; got 'X'",
        "line 3, column 'Reps': expected a whole number from 0 to 10000; got '5.5'",
        "line 4, column 'RPE': expected a number from 0 to 10; got '11'",
        "line 5, column 'Date': expected a date and time like 2026-03-13 15:22:00; "
        "got 'yesterday'",
        "line 6, column 'Duration': expected a duration like 1h 5m, 45m or 3600 (seconds); "
        "got 'an hour'",
        "line 7: expected 12 fields like the header; found 13 (a stray ',' or quote?)",
    ]  # fmt: skip


def test_at_most_ten_bad_rows_are_listed(catalog: Catalog) -> None:
    rows = [f"2026-03-10 07:00:00,A,45m,Push Up,{i},x,5,0,0,,," for i in range(1, 16)]
    lines = refusal(comma(*rows), catalog).splitlines()
    assert len(lines) == 11
    assert lines[-1] == "… and 5 more bad row(s)"


def test_a_hevy_file_is_named_as_such(catalog: Catalog) -> None:
    data = (
        b"title,start_time,end_time,description,exercise_title,set_index,set_type,weight_kg,reps\n"
    )
    assert "looks like a Hevy export" in refusal(data, catalog)


def test_a_wrong_header_names_the_missing_columns(catalog: Catalog) -> None:
    data = b"Date,Workout Name,Exercise Name,Weight\n2026-03-10,A,Plank,0\n"
    message = refusal(data, catalog)
    assert message.startswith("not a Strong CSV: missing column(s)")
    assert "'Set Order'" in message
    assert "'Reps'" in message


@pytest.mark.parametrize("data", [b"", b"\n\n", b"\xef\xbb\xbf"])
def test_an_empty_file(catalog: Catalog, data: bytes) -> None:
    assert "empty" in refusal(data, catalog)


def test_a_header_alone_has_nothing_to_import(catalog: Catalog) -> None:
    assert "no set rows after the header" in refusal(COMMA_HEADER.encode(), catalog)


def test_only_cardio_has_nothing_to_import(catalog: Catalog) -> None:
    data = comma("2026-03-10 07:00:00,Run,30m,Running,1,0,0,5,1800,,,")
    message = refusal(data, catalog)
    assert "no strength sets to import" in message
    assert "'Running' not imported" in message


def test_text_that_is_not_utf8(catalog: Catalog) -> None:
    assert "not UTF-8 text" in refusal(COMMA_HEADER.encode() + b"\xff\xfe\xfa,\n", catalog)


def test_an_unknown_default_unit_is_refused(catalog: Catalog) -> None:
    with pytest.raises(FormatError, match="kg or lb"):
        parse_strong(IMPERIAL.encode(), catalog, default_unit="stone")


@given(st.binary(max_size=400))
def test_any_bytes_give_sessions_or_a_format_error(catalog: Catalog, data: bytes) -> None:
    with contextlib.suppress(FormatError):
        parse_strong(COMMA_HEADER.encode() + data, catalog)


@given(
    st.lists(
        st.sampled_from(
            [
                "1",
                "W",
                "D",
                "F",
                "x",
                "",
                "60",
                "-5",
                ",",
                '"',
                "\n",
                ";",
                "Plank",
                "Squat (Barbell)",
                "1e9",
                "nan",
            ]
        ),
        max_size=40,
    )
)
def test_any_cells_give_sessions_or_a_format_error(catalog: Catalog, cells: list[str]) -> None:
    data = (SEMI_HEADER + ";".join(cells)).encode()
    with contextlib.suppress(FormatError):
        parse_strong(data, catalog)
