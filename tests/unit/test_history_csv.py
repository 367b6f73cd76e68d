"""runs.csv and sets.csv: the headers, metric and imperial values worked out by hand, quoting."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from runlift.formats.history_csv import RUN_COLUMNS, SET_COLUMNS, clock, runs_csv, sets_csv
from runlift.training.model import LoggedSet, Run, StrengthSession

RUN = Run(
    start_at=dt.datetime(2026, 12, 8, 7, 26, 44, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    distance_m=10_000.0,
    timer_s=3125.4,
    elapsed_s=3300.0,
    avg_hr_bpm=150.6,
    max_hr_bpm=178.0,
    srpe=6.0,
    source_format="fit",
)
SESSION = StrengthSession(
    on=dt.date(2026, 12, 9),
    id="s1",
    sets=(
        LoggedSet("back-squat", 2, reps=5, load_kg=60.0, rpe=8.0, technique=4),
        LoggedSet("back-squat", 1, reps=8, load_kg=40.0, warmup=True),
        LoggedSet("side-plank", 3, duration_s=30.0, side="left"),
        LoggedSet("pogo-hops", 4, contacts=20),
        LoggedSet("custom-x", 5, reps=10, load_kg=12.5, source_name='Row, "Seal" (Barbell)'),
    ),
)


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_run_row_metric() -> None:
    text = runs_csv([RUN], "metric")
    assert text.endswith("\r\n")
    assert "\r\n" in text
    header, row = rows(text)
    assert header == list(RUN_COLUMNS)
    # 07:26:44 at +01:00 is 06:26:44 UTC; 3125.4 s is 52 min 5 s; 150.6 bpm rounds to 151.
    assert row == ["2026-12-08", "06:26:44", "10", "0:52:05", "151", "178", "6", "fit"]


def test_run_row_imperial() -> None:
    header, row = rows(runs_csv([RUN], "imperial"))
    assert header[2] == "distance_mi"
    assert "distance_km" not in header
    assert row[2] == "6.214"  # 10 000 m / 1609.344 m = 6.2137… mi


def test_set_rows_metric() -> None:
    header, *body = rows(sets_csv([SESSION], "metric", names={"back-squat": "Back Squat"}))
    assert header == list(SET_COLUMNS)
    assert [r[2] for r in body] == ["1", "2", "3", "4", "5"]  # sorted by order
    warmup, work, plank, pogo, custom = body
    assert warmup == [
        "2026-12-09", "s1", "1", "back-squat", "Back Squat",
        "8", "", "", "40", "", "both", "true", "",
    ]  # fmt: skip
    assert work[5:] == ["5", "", "", "60", "8", "both", "false", "4"]
    assert plank[4:9] == ["side-plank", "", "30", "", ""]
    assert plank[10] == "left"
    assert pogo[5:9] == ["", "", "20", ""]
    assert custom[4] == 'Row, "Seal" (Barbell)'  # no name given: the imported name


def test_set_loads_imperial() -> None:
    header, *body = rows(sets_csv([SESSION], "imperial"))
    assert header[8] == "load_lb"
    assert "load_kg" not in header
    # 40 kg / 0.45359237 = 88.1849 lb; 60 kg = 132.2774 lb; 12.5 kg = 27.5578 lb
    assert [r[8] for r in body] == ["88.18", "132.28", "", "", "27.56"]


def test_a_name_with_a_comma_and_quotes_is_quoted() -> None:
    text = sets_csv([SESSION], "metric")
    assert '"Row, ""Seal"" (Barbell)"' in text  # RFC 4180: quoted, inner quotes doubled
    assert rows(text)[5][4] == 'Row, "Seal" (Barbell)'


def test_unknown_units_are_refused() -> None:
    with pytest.raises(ValueError, match="metric or imperial"):
        runs_csv([], "furlongs")


def test_empty_history_is_just_the_headers() -> None:
    assert runs_csv([]) == ",".join(RUN_COLUMNS) + "\r\n"
    assert sets_csv([]) == ",".join(SET_COLUMNS) + "\r\n"


def test_writes_to_a_stream_too() -> None:
    out = io.StringIO(newline="")
    assert runs_csv([RUN], out=out) == out.getvalue()


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00:00"), (59.5, "0:01:00"), (3661, "1:01:01")]
)
def test_clock(seconds: float, text: str) -> None:
    assert clock(seconds) == text
