"""Strong's CSV export (one row per set) → strength sessions.

Two dialects exist, told apart by the header line (the first non-blank line):

- **comma**: ``Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,
  Notes,Workout Notes,RPE``, sometimes with ``Weight Unit`` and ``Distance Unit``. The weight's
  unit is the row's ``Weight Unit`` when there is one, else ``default_unit`` (kg unless the
  caller says otherwise: this dialect does not say, and the app wrote the user's display unit).
- **semicolon**: fully quoted, ``"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise
  Name";"Set Order";"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout
  Notes"``, or ``"Weight (lbs)"``: the header gives the unit. A decimal comma (``62,5``) is read.

A line is the semicolon dialect when splitting it on ``;`` gives an ``Exercise Name`` column,
else the comma dialect when splitting on ``,`` does; anything else is refused, naming the columns
that are missing. Column names are matched ignoring case; their order does not matter.

Rows: ``Set Order`` is a number (a working set), ``W`` (warm-up), ``D`` (a drop set: imported as
a working set and noted in the session's notes), ``F`` (to failure: a working set, noted) or
``Rest Timer`` (not a set: skipped). Pounds become kg (×0.45359237, to the gram). A weight of 0
or none is bodyweight (``load_kg`` None); a negative weight (an assisted exercise) is read as
bodyweight and said in ``ParsedFile.repaired``. A row with reps is a reps set (foot contacts for
a plyometric catalog exercise, a hold when a duration-dosed catalog exercise also has seconds);
with no reps but ``Seconds`` it is a hold; with a distance and no reps it is cardio and is
skipped, said in ``ParsedFile.skipped`` (unless it is a duration-dosed catalog exercise with
seconds, such as a loaded carry). An RPE of 0 or none is no RPE. One session per workout (date
and workout name; also ``Workout #`` when present), sets numbered 1… in file order, and the
session's date is the workout's date as written (local time). Unknown exercise names are kept
as custom ids, and every set keeps the app's name in ``source_name``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

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
from runlift.formats.exercise_names import ExerciseMapper, Mapped
from runlift.training.model import LoggedSet, StrengthSession
from runlift.units import KG_PER_LB

_WEIGHT_HEADERS = {"weight": None, "weight (kg)": "kg", "weight (lbs)": "lb", "weight (lb)": "lb"}
_ROLES = {
    "date": ("Date",),
    "workout": ("Workout Name",),
    "workout_no": ("Workout #",),
    "duration": ("Duration", "Duration (sec)"),
    "exercise": ("Exercise Name",),
    "set_order": ("Set Order",),
    "weight": ("Weight", "Weight (kg)", "Weight (lbs)", "Weight (lb)"),
    "weight_unit": ("Weight Unit",),
    "reps": ("Reps",),
    "distance": ("Distance", "Distance (meters)", "Distance (km)", "Distance (miles)"),
    "seconds": ("Seconds",),
    "notes": ("Notes",),
    "workout_notes": ("Workout Notes",),
    "rpe": ("RPE",),
}
_REQUIRED = ("date", "workout", "exercise", "set_order", "weight", "reps")
_DURATION = re.compile(
    r"^(?:(?P<h>\d{1,4})\s*h)?\s*(?:(?P<m>\d{1,5})\s*m(?:in)?)?\s*(?:(?P<s>\d{1,6})\s*s)?$"
)
_UNITS = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}
# Bounds on a set's numbers (in the file's unit): anything beyond is a broken row, not a lift.
MAX_WEIGHT, MAX_REPS, MAX_SECONDS = 2000.0, 10_000, 86_400.0


def parse_strong(
    data: bytes,
    catalog: Catalog,
    user_map: Mapping[str, str] | None = None,
    *,
    default_unit: str = "kg",
) -> ParsedFile:
    """Read a Strong CSV export (either dialect, see the module docstring).

    ``default_unit`` ("kg" or "lb") is the weight unit of a comma-dialect file with no ``Weight
    Unit`` column. Each set keeps the app's exercise name in ``source_name``. Raises FormatError
    naming the line and column of every malformed row (up to ten), or when no set is importable.
    """
    if default_unit.lower() not in _UNITS:
        raise FormatError(f"default unit must be kg or lb; got {default_unit!r}")
    unit_default = _UNITS[default_unit.lower()]
    text = decode_text(data, "Strong")
    delimiter = _detect_delimiter(text)
    records = read_records(text, delimiter)
    if not records:
        raise FormatError("not a Strong CSV: the file is empty")
    header = Header.of(records[0], _ROLES, "Strong", delimiter)
    header.require(_REQUIRED)
    header_unit = _WEIGHT_HEADERS[header.name("weight").lower()]
    decimal_comma = header.delimiter == ";"
    mapper = ExerciseMapper(catalog, user_map)
    builder = SessionBuilder("strong", catalog)
    problems = Problems()
    for line, row in records[1:]:
        with problems.collect():
            cells = Cells(header, line, row, decimal_comma)
            _read_row(cells, mapper, builder, header_unit or _row_unit(cells, unit_default))
    problems.raise_any()
    return builder.finish()


def _detect_delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    for delimiter in (";", ","):
        names = [cell.strip().strip('"').lower() for cell in first.split(delimiter)]
        if len(names) > 1 and "exercise name" in names:
            return delimiter
    if "exercise_title" in first:
        raise FormatError("not a Strong CSV: this looks like a Hevy export (exercise_title)")
    return ","


def _row_unit(cells: Cells, default: str) -> str:
    text = cells.text("weight_unit").lower()
    if not text:
        return default
    if text not in _UNITS:
        raise cells.error("weight_unit", "kg or lbs", text)
    return _UNITS[text]


def _read_row(cells: Cells, mapper: ExerciseMapper, builder: SessionBuilder, unit: str) -> None:
    order = cells.text("set_order")
    if order.lower() in ("rest timer", "rest"):
        builder.skip("{n} Rest Timer row(s) skipped (not sets)")
        return
    kind = _set_kind(cells, order)
    when = parse_app_datetime(cells.text("date"))
    if when is None:
        raise cells.error("date", "a date and time like 2026-03-13 15:22:00", cells.text("date"))
    name = exercise_name(cells, "exercise")
    weight = cells.number("weight", low=-MAX_WEIGHT, high=MAX_WEIGHT)
    key = (cells.text("workout_no"), cells.text("date"), cells.text("workout"))
    builder.add(
        key,
        when.date(),
        SetRow(
            line=cells.line,
            mapped=mapper.map(name),
            reps=cells.integer("reps", high=MAX_REPS),
            seconds=cells.number("seconds", high=MAX_SECONDS),
            distance=cells.number("distance"),
            weight_kg=None if weight is None else weight * (KG_PER_LB if unit == "lb" else 1.0),
            rpe=cells.number("rpe", high=10.0),
            kind=kind,
            note=cells.text("notes"),
        ),
        duration_s=_duration(cells),
        notes=cells.text("workout_notes"),
    )


def _set_kind(cells: Cells, order: str) -> str:
    if order.isdigit():
        return "normal"
    kinds = {"w": "warmup", "d": "drop", "f": "failure"}
    if order.lower() not in kinds:
        raise cells.error("set_order", "a set number, W, D, F or Rest Timer", order)
    return kinds[order.lower()]


def _duration(cells: Cells) -> float | None:
    """Seconds from ``Duration (sec)`` or a ``Duration`` like "1h 5m", "45m", "3600", "1:05:00"."""
    text = cells.text("duration")
    plain = re.fullmatch(r"\d+(\.\d+)?", text)
    if cells.header.name("duration").lower() == "duration (sec)" or not text or plain:
        return cells.number("duration", high=MAX_SECONDS)
    clock = re.fullmatch(r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})", text)
    if clock:
        return int(clock[1] or 0) * 3600 + int(clock[2]) * 60 + float(clock[3])
    match = _DURATION.match(text)
    if not match or not any(match.groupdict().values()):
        raise cells.error("duration", "a duration like 1h 5m, 45m or 3600 (seconds)", text)
    return sum(int(match[g] or 0) * f for g, f in (("h", 3600), ("m", 60), ("s", 1)))


# ------------------------------------------------------ building sessions (shared with Hevy)


def exercise_name(cells: Cells, role: str) -> str:
    """The row's exercise name: present and at most 200 characters (what storage keeps)."""
    name = " ".join(cells.text(role).split())
    if not (len(name) <= 200 and any(c.isalnum() for c in name)):
        raise cells.error(role, "an exercise name of 1 to 200 characters", name[:40])
    return name


@dataclass(frozen=True)
class SetRow:
    """One set row as an app wrote it, numbers already read; weight converted to kg."""

    line: int
    mapped: Mapped
    reps: int | None
    seconds: float | None
    distance: float | None
    weight_kg: float | None
    rpe: float | None
    kind: str  # normal | warmup | drop | failure
    note: str = ""


@dataclass
class _Draft:
    on: dt.date
    line: int
    duration_s: float | None
    notes: list[str] = field(default_factory=list)  # the workout's, then the sets'
    set_notes: list[str] = field(default_factory=list)
    sets: list[LoggedSet] = field(default_factory=list)


class SessionBuilder:
    """Turns set rows into sessions (one per workout key), and says what was left out."""

    def __init__(self, fmt: str, catalog: Catalog) -> None:
        self.fmt, self.catalog = fmt, catalog
        self._drafts: dict[Hashable, _Draft] = {}
        self._skipped: dict[str, int] = {}
        self._repaired: list[str] = []
        self._custom: dict[str, str] = {}

    def skip(self, what: str) -> None:
        """Count one row left out; ``what`` says why, with ``{n}`` where the count goes."""
        self._skipped[what] = self._skipped.get(what, 0) + 1

    def add(
        self,
        key: Hashable,
        on: dt.date,
        row: SetRow,
        duration_s: float | None = None,
        notes: str = "",
    ) -> None:
        draft = self._drafts.setdefault(key, _Draft(on, row.line, duration_s))
        if draft.duration_s is None:
            draft.duration_s = duration_s
        if notes and notes not in draft.notes:
            draft.notes.append(notes)
        logged = self._logged(row, len(draft.sets) + 1)
        if logged is None:
            return
        draft.sets.append(logged)
        name = row.mapped.name
        extra = {"drop": "was a drop set", "failure": "went to failure"}.get(row.kind)
        if extra:
            draft.set_notes.append(f"set {logged.order} ({name}) {extra}")
        if row.note and f"{name}: {row.note}" not in draft.set_notes:
            draft.set_notes.append(f"{name}: {row.note}")
        if row.mapped.exercise_id not in self.catalog:
            self._custom.setdefault(row.mapped.exercise_id, name)

    def _logged(self, row: SetRow, order: int) -> LoggedSet | None:
        exercise = (
            self.catalog.get(row.mapped.exercise_id)
            if row.mapped.exercise_id in self.catalog
            else None
        )
        dose = exercise.dose if exercise else None
        reps, seconds = row.reps or None, row.seconds or None
        if reps and not (dose == "duration" and seconds):
            given = "contacts" if dose == "contacts" else "reps"
        elif seconds and (not row.distance or dose == "duration"):
            given = "duration"
        else:
            why = "distance-only (cardio)" if row.distance or seconds else "empty (no reps or time)"
            self.skip(f"{{n}} {why} set(s) of {row.mapped.name!r} not imported")
            return None
        load = row.weight_kg
        if load is not None and load < 0:
            self._repaired.append(
                f"line {row.line}: negative weight {load:g} kg (assistance?) read as bodyweight"
            )
        return LoggedSet(
            exercise_id=row.mapped.exercise_id,
            order=order,
            reps=reps if given == "reps" else None,
            duration_s=seconds if given == "duration" else None,
            contacts=reps if given == "contacts" else None,
            load_kg=round(load, 3) if load is not None and load > 0 else None,
            rpe=row.rpe or None,
            warmup=row.kind == "warmup",
            source_name=row.mapped.name,
        )

    def finish(self) -> ParsedFile:
        drafts = sorted((d for d in self._drafts.values() if d.sets), key=lambda d: (d.on, d.line))
        skipped = tuple(what.replace("{n}", str(n), 1) for what, n in self._skipped.items())
        if not drafts:
            why = "; ".join(skipped) if skipped else "no set rows after the header"
            raise FormatError(f"no strength sets to import from this {self.fmt} file ({why})")
        sessions = tuple(
            StrengthSession(
                on=d.on,
                sets=tuple(d.sets),
                duration_min=d.duration_s / 60 if d.duration_s else None,
                notes="\n".join(d.notes + d.set_notes),
            )
            for d in drafts
        )
        return ParsedFile(
            format=self.fmt,
            strength_sessions=sessions,
            custom_exercises=tuple(self._custom.items()),
            repaired=tuple(self._repaired),
            skipped=skipped,
        )
