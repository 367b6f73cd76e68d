"""Strength sessions written as Strong's and Hevy's CSV exports, so other tools (and runlift's own
importers, :mod:`runlift.formats.strong_csv` and :mod:`runlift.formats.hevy_csv`) can read them.

Names: a catalog id is written as the first app name ``app_names.toml`` lists for it (what the
importer maps back to that id), else as its catalog name; a custom id (an exercise imported under
a name the catalog did not know) as its stored custom name, else the set's ``source_name``; any
other id as ``catalog_names[id]``, else the id itself.

What comes back from importing the file: each session's date, its sets in order (renumbered
1…, sets sorted by ``order``), exercise ids, reps, holds (``duration_s``), loads to the gram,
RPE, warm-up flags, the session's duration (to the second) and its notes. Both dialects are
written with a nominal start at noon local time (a session has no time of day), one workout per
session; sessions without sets are left out.

What neither dialect can carry:

- **contacts**: written as reps; they come back as contacts because the importer reads reps of a
  plyometric (contacts-dosed) catalog exercise as foot contacts.
- **side**: no column. A one-sided set says ``left side`` / ``right side`` in Strong's per-set
  ``Notes`` and in Hevy's ``exercise_notes``; on import that lands in the session's notes, and
  the set comes back with side ``both``.
- **technique**, **session RPE** and the **planned session id**: not written.
- **RPE 0** and a **load of 0**: the apps write 0 for "none", so they come back as no RPE and
  as bodyweight.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

from runlift.formats.exercise_names import _app_names_table
from runlift.training.model import LoggedSet, StrengthSession
from runlift.units import KG_PER_LB

WEIGHT_UNITS = ("kg", "lb")
STRONG_COLUMNS = (
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
    "Weight Unit",
    "Distance Unit",
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NOMINAL_START = dt.time(12, 0)  # a session has a date but no time of day
WORKOUT_TITLE = "Strength"


@functools.cache
def app_names_by_id() -> dict[str, str]:
    """Catalog id → the first Strong/Hevy name ``app_names.toml`` maps to it."""
    out: dict[str, str] = {}
    for name, exercise_id in _app_names_table()[0]:
        out.setdefault(exercise_id, name)
    return out


def app_name(s: LoggedSet, catalog_names: Mapping[str, str]) -> str:
    """The name to write for a set's exercise (see the module docstring for the order)."""
    if s.exercise_id.startswith("custom-"):
        name = catalog_names.get(s.exercise_id) or s.source_name or s.exercise_id
    else:
        known = app_names_by_id().get(s.exercise_id)
        name = known or catalog_names.get(s.exercise_id) or s.source_name or s.exercise_id
    return " ".join(name.split())  # as the importers read it: Hevy's blocks compare names


def _plain(value: float) -> str:
    """A number in its shortest exact form: ``30`` rather than ``30.0``."""
    return str(int(value)) if value == int(value) else repr(value)


def weight_text(load_kg: float | None, unit: str) -> str:
    """The load in ``unit`` with the fewest decimals that read back to the same gram."""
    if load_kg is None:
        return "0"
    factor = KG_PER_LB if unit == "lb" else 1.0
    target = round(load_kg, 3)
    for places in range(7):
        text = f"{load_kg / factor:.{places}f}"
        if round(float(text) * factor, 3) == target:
            return text
    return repr(load_kg / factor)


def _side_note(s: LoggedSet) -> str:
    return "" if s.side == "both" else f"{s.side} side"


def _workouts(
    sessions: Iterable[StrengthSession],
) -> list[tuple[StrengthSession, str, list[LoggedSet]]]:
    """Sessions with sets, each with a workout title unique on its date (the import's key)."""
    out: list[tuple[StrengthSession, str, list[LoggedSet]]] = []
    per_day: dict[dt.date, int] = {}
    for session in sessions:
        if not session.sets:
            continue
        n = per_day[session.on] = per_day.get(session.on, 0) + 1
        title = WORKOUT_TITLE if n == 1 else f"{WORKOUT_TITLE} {n}"
        out.append((session, title, sorted(session.sets, key=lambda s: s.order)))
    return out


def _duration_s(session: StrengthSession) -> int | None:
    if not session.duration_min:
        return None
    return round(session.duration_min * 60) or None


def _write(header: Sequence[str], rows: list[list[str]], out: TextIO | None) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if out is not None:
        out.write(text)
    return text


def _check_unit(unit: str) -> str:
    if unit not in WEIGHT_UNITS:
        raise ValueError(f"unit: expected kg or lb; got {unit!r}")
    return unit


def strong_csv(
    sessions: Iterable[StrengthSession],
    catalog_names: Mapping[str, str],
    unit: str = "kg",
    out: TextIO | None = None,
) -> str:
    """Strong's comma dialect, with its ``Weight Unit`` and ``Distance Unit`` columns so the
    file says its unit. ``Set Order`` counts the working sets of each exercise (``W`` for a
    warm-up); ``Duration`` is Strong's ``1h 5m`` form (``40m 30s`` when it has seconds)."""
    _check_unit(unit)
    distance_unit = "mi" if unit == "lb" else "km"
    rows: list[list[str]] = []
    for session, title, sets in _workouts(sessions):
        date = dt.datetime.combine(session.on, NOMINAL_START).strftime("%Y-%m-%d %H:%M:%S")
        seconds = _duration_s(session)
        counts: dict[str, int] = {}
        for s in sets:
            if s.warmup:
                order = "W"
            else:
                counts[s.exercise_id] = counts.get(s.exercise_id, 0) + 1
                order = str(counts[s.exercise_id])
            count = s.reps if s.reps is not None else s.contacts
            rows.append(
                [
                    date,
                    title,
                    "" if seconds is None else _strong_duration(seconds),
                    app_name(s, catalog_names),
                    order,
                    weight_text(s.load_kg, unit),
                    str(count or 0),
                    "0",
                    "0" if s.duration_s is None else _plain(s.duration_s),
                    _side_note(s),
                    session.notes,
                    "" if s.rpe is None else _plain(s.rpe),
                    "lbs" if unit == "lb" else "kg",
                    distance_unit,
                ]
            )
    return _write(STRONG_COLUMNS, rows, out)


def _strong_duration(seconds: int) -> str:
    h, m, s = seconds // 3600, seconds % 3600 // 60, seconds % 60
    parts = [f"{h}h"] if h else []
    parts += [f"{m}m"] if m or not (h or s) else []
    parts += [f"{s}s"] if s else []
    return " ".join(parts)


def hevy_time(when: dt.datetime) -> str:
    """Hevy's ``13 Mar 2026, 15:22`` (English month names whatever the locale; ``:SS`` added
    only when the seconds are not zero)."""
    text = f"{when.day} {_MONTHS[when.month - 1]} {when.year}, {when:%H:%M}"
    return text + (f":{when:%S}" if when.second else "")


def hevy_csv(
    sessions: Iterable[StrengthSession],
    catalog_names: Mapping[str, str],
    unit: str = "kg",
    out: TextIO | None = None,
) -> str:
    """Hevy's dialect: ``weight_kg`` and ``distance_km`` (``weight_lbs`` and ``distance_miles``
    for ``unit="lb"``), ``set_index`` 0-based through each run of rows of one exercise,
    ``set_type`` ``warmup`` or ``normal``, and empty cells where Hevy leaves them empty."""
    _check_unit(unit)
    weight, distance = (
        ("weight_lbs", "distance_miles") if unit == "lb" else ("weight_kg", "distance_km")
    )
    header = (
        "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
        f"set_index,set_type,{weight},reps,{distance},duration_seconds,rpe"
    ).split(",")
    rows: list[list[str]] = []
    for session, title, sets in _workouts(sessions):
        start = dt.datetime.combine(session.on, NOMINAL_START)
        seconds = _duration_s(session)
        end = "" if seconds is None else hevy_time(start + dt.timedelta(seconds=seconds))
        index, previous = 0, ""
        for s in sets:
            name = app_name(s, catalog_names)
            index = index + 1 if name == previous else 0
            previous = name
            count = s.reps if s.reps is not None else s.contacts
            rows.append(
                [
                    title,
                    hevy_time(start),
                    end,
                    session.notes,
                    name,
                    "",
                    _side_note(s),
                    str(index),
                    "warmup" if s.warmup else "normal",
                    "" if s.load_kg is None else weight_text(s.load_kg, unit),
                    "" if count is None else str(count),
                    "",
                    "" if s.duration_s is None else _plain(s.duration_s),
                    "" if s.rpe is None else _plain(s.rpe),
                ]
            )
    return _write(header, rows, out)
