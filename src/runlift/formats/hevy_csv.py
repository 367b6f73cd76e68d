"""Hevy's CSV export (one row per set) → strength sessions.

Columns: ``title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,
set_index,set_type,weight_kg|weight_lbs,reps,distance_km|distance_miles,duration_seconds,rpe``,
matched by name, ignoring case and order. When both weight columns are present, ``weight_kg``
is read; ``weight_lbs`` is converted (×0.45359237).

Times look like ``13 Mar 2026, 15:22`` (ISO is read too). They are the phone's local time and
carry no zone, so they stay naive: the session's date is the start date as written, and its
duration is end − start. One session per workout (title and start time).

``set_type`` is ``normal``, ``warmup`` (a warm-up set), ``dropset`` or ``drop`` (a working set,
noted in the session's notes) or ``failure`` (a working set, noted). ``set_index`` is 0-based and
orders the sets of each exercise block (consecutive rows of one exercise); sets are numbered 1…
through the session. Reps, holds, cardio and weights follow the same rules as Strong's importer
(:mod:`runlift.formats.strong_csv`): a weight of 0 or none is bodyweight, distance-only rows are
skipped and said so, and unknown exercise names are kept as custom ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from runlift.catalog.model import Catalog
from runlift.formats.activity import FormatError, ParsedFile
from runlift.formats.csv_table import (
    Cells,
    Header,
    Problems,
    decode_text,
    parse_app_datetime,
    read_records,
)
from runlift.formats.exercise_names import ExerciseMapper
from runlift.formats.strong_csv import (
    MAX_REPS,
    MAX_SECONDS,
    MAX_WEIGHT,
    SessionBuilder,
    SetRow,
    exercise_name,
)
from runlift.units import KG_PER_LB

_ROLES = {
    "title": ("title",),
    "start": ("start_time",),
    "end": ("end_time",),
    "description": ("description",),
    "exercise": ("exercise_title",),
    "exercise_notes": ("exercise_notes",),
    "set_index": ("set_index",),
    "set_type": ("set_type",),
    "weight_kg": ("weight_kg",),
    "weight_lbs": ("weight_lbs",),
    "weight": ("weight_kg", "weight_lbs"),
    "reps": ("reps",),
    "distance": ("distance_km", "distance_miles", "distance_meters"),
    "seconds": ("duration_seconds",),
    "rpe": ("rpe",),
}
_REQUIRED = ("title", "start", "end", "exercise", "set_index", "set_type", "weight", "reps")
_KINDS = {
    "normal": "normal",
    "warmup": "warmup",
    "dropset": "drop",
    "drop": "drop",
    "failure": "failure",
}


def parse_hevy(
    data: bytes, catalog: Catalog, user_map: Mapping[str, str] | None = None
) -> ParsedFile:
    """Read a Hevy CSV export (see the module docstring).

    Each set keeps the app's exercise name in ``source_name``. Raises FormatError naming the
    line and column of every malformed row (up to ten), or when no set is importable.
    """
    text = decode_text(data, "Hevy")
    records = read_records(text, ",")
    if not records:
        raise FormatError("not a Hevy CSV: the file is empty")
    header = Header.of(records[0], _ROLES, "Hevy")
    if "exercise" not in header and "exercise name" in (n.lower() for n in header.names):
        raise FormatError("not a Hevy CSV: this looks like a Strong export (Exercise Name)")
    header.require(_REQUIRED)
    mapper = ExerciseMapper(catalog, user_map)
    rows: list[tuple[tuple[int, int, int], tuple[str, str], _Workout, SetRow]] = []
    workouts: dict[tuple[str, str], int] = {}
    block, previous = 0, ("", "", "")
    problems = Problems()
    for line, record in records[1:]:
        with problems.collect():
            cells = Cells(header, line, record)
            workout = _workout(cells)
            key = (cells.text("title"), cells.text("start"))
            name = exercise_name(cells, "exercise")
            if (*key, name) != previous:
                block, previous = block + 1, (*key, name)
            index = cells.integer("set_index")
            if index is None:
                raise cells.error("set_index", "a set number from 0", "")
            row = _set_row(cells, mapper, name)
            rows.append(((workouts.setdefault(key, line), block, index), key, workout, row))
    problems.raise_any()
    builder = SessionBuilder("hevy", catalog)
    for _, key, workout, row in sorted(rows, key=lambda r: r[0]):
        builder.add(key, workout.on, row, workout.duration_s, workout.notes)
    return builder.finish()


@dataclass(frozen=True)
class _Workout:
    on: dt.date
    duration_s: float | None
    notes: str


def _workout(cells: Cells) -> _Workout:
    start = _time(cells, "start")
    end = _time(cells, "end") if cells.text("end") else None
    if end is not None and end < start:
        raise cells.error(
            "end", f"a time after start_time {cells.text('start')!r}", cells.text("end")
        )
    duration = (end - start).total_seconds() if end is not None else None
    return _Workout(start.date(), duration, cells.text("description"))


def _time(cells: Cells, role: str) -> dt.datetime:
    when = parse_app_datetime(cells.text(role))
    if when is None:
        raise cells.error(role, "a time like '13 Mar 2026, 15:22'", cells.text(role))
    return when.replace(tzinfo=None)


def _set_row(cells: Cells, mapper: ExerciseMapper, name: str) -> SetRow:
    kind = _KINDS.get(cells.text("set_type").lower())
    if kind is None:
        expected = "normal, warmup, dropset, drop or failure"
        raise cells.error("set_type", expected, cells.text("set_type"))
    if "weight_kg" in cells.header:
        weight = cells.number("weight_kg", low=-MAX_WEIGHT, high=MAX_WEIGHT)
    else:
        pounds = cells.number("weight_lbs", low=-MAX_WEIGHT, high=MAX_WEIGHT)
        weight = None if pounds is None else pounds * KG_PER_LB
    return SetRow(
        line=cells.line,
        mapped=mapper.map(name),
        reps=cells.integer("reps", high=MAX_REPS),
        seconds=cells.number("seconds", high=MAX_SECONDS),
        distance=cells.number("distance"),
        weight_kg=weight,
        rpe=cells.number("rpe", high=10),
        kind=kind,
        note=cells.text("exercise_notes"),
    )
