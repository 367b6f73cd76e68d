"""The stored history (runs, strength sets) as two CSV tables a spreadsheet opens as is.

One row per run and one row per set, RFC 4180 quoting (the csv module, CRLF line ends), UTF-8
without a byte-order mark. Storage is SI; units appear only here, chosen by the profile's
``units``: metric writes ``distance_km`` and ``load_kg``, imperial ``distance_mi`` and
``load_lb``. Empty cells mean "not recorded" (a bodyweight set has no load). Dates are the run's
UTC date next to its UTC time of day, because runs are stored in UTC and a spreadsheet reads
``2026-12-08`` and ``06:26:44`` as a date and a time; durations are ``H:MM:SS``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from typing import TextIO

from runlift.training.model import Run, StrengthSession
from runlift.units import KG_PER_LB, M_PER_MI

UNITS = ("metric", "imperial")
RUN_COLUMNS = (
    "date",
    "start_time_utc",
    "distance_km",
    "moving_time",
    "avg_hr_bpm",
    "max_hr_bpm",
    "srpe",
    "source",
)
SET_COLUMNS = (
    "date",
    "session_id",
    "order",
    "exercise_id",
    "exercise_name",
    "reps",
    "duration_s",
    "contacts",
    "load_kg",
    "rpe",
    "side",
    "warmup",
    "technique",
)
Cell = str | int | float | None


def _check_units(units: str) -> bool:
    """True for imperial; ValueError for anything but the profile's two values."""
    if units not in UNITS:
        raise ValueError(f"units: expected metric or imperial; got {units!r}")
    return units == "imperial"


def number(value: float | None, places: int) -> str:
    """A number rounded to ``places`` decimals, without trailing zeros ("" for None)."""
    if value is None:
        return ""
    text = f"{round(value, places):.{places}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


def clock(seconds: float) -> str:
    """``H:MM:SS`` (whole seconds), the form spreadsheets read as a duration."""
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _table(header: Iterable[str], rows: Iterable[Iterable[Cell]], out: TextIO | None) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(["" if c is None else c for c in row] for row in rows)
    text = buffer.getvalue()
    if out is not None:
        out.write(text)
    return text


def runs_csv(runs: Iterable[Run], units: str = "metric", out: TextIO | None = None) -> str:
    """One row per run, in the order given; also written to ``out`` when given (open it with
    ``newline=""`` so the CRLF line ends stay as they are)."""
    imperial = _check_units(units)
    header = list(RUN_COLUMNS)
    if imperial:
        header[2] = "distance_mi"
    rows = []
    for run in runs:
        start = run.start_at.astimezone(dt.UTC)
        distance = run.distance_m / (M_PER_MI if imperial else 1000.0)
        rows.append(
            (
                start.date().isoformat(),
                start.strftime("%H:%M:%S"),
                number(distance, 3),
                clock(run.timer_s),
                number(run.avg_hr_bpm, 0),
                number(run.max_hr_bpm, 0),
                number(run.srpe, 1),
                run.source_format,
            )
        )
    return _table(header, rows, out)


def sets_csv(
    sessions: Iterable[StrengthSession],
    units: str = "metric",
    out: TextIO | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """One row per set, sessions in the order given and sets by their order.

    ``exercise_name`` is ``names[exercise_id]`` (the catalog's and the athlete's custom names),
    else the name the set was imported under, else the id.
    """
    imperial = _check_units(units)
    header = list(SET_COLUMNS)
    if imperial:
        header[8] = "load_lb"
    names = names or {}
    rows = []
    for session in sessions:
        for s in sorted(session.sets, key=lambda s: s.order):
            load = None if s.load_kg is None else s.load_kg / (KG_PER_LB if imperial else 1.0)
            rows.append(
                (
                    session.on.isoformat(),
                    session.id,
                    s.order,
                    s.exercise_id,
                    names.get(s.exercise_id) or s.source_name or s.exercise_id,
                    s.reps,
                    number(s.duration_s, 3),
                    s.contacts,
                    number(load, 2 if imperial else 3),
                    number(s.rpe, 1),
                    s.side,
                    "true" if s.warmup else "false",
                    s.technique,
                )
            )
    return _table(header, rows, out)
