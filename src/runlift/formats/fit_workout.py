"""A plan session as a FIT workout file (``file_id.type = workout``) that a watch can follow.

Layout: a 14-byte header with its CRC, ``file_id``, ``workout``, then ``workout_step`` messages,
then the file CRC. A warm-up exercise is one step (intensity warmup). Every other exercise is an
active step (reps, or a time in ms for holds; plyometric contacts count as reps), a rest step
(``rest_s`` in ms, left out when it is 0) and a ``repeat_until_steps_cmplt`` step back to the
active step with ``target_value = sets`` (left out for one set). A per-side dose counts both
sides (reps × 2, time × 2) and its step notes say "each side". Field numbers, base types and
scales are those of FIT profile 21.218 (``exercise_weight`` is kg × 100 here, not × 16 as in
``set.weight``; ``weight_display_unit`` is ``fit_base_unit``: kilogram 1, pound 2).

Why our own encoder: a workout is three message types, so this is ~300 typed lines that are pure
(bytes out, no clock, no I/O: the same session gives the same bytes), reuse the CRC and
exercise-name tables of our decoder, and add no runtime dependency. The header says protocol 1.0
(nothing here needs 2.0), which every FIT reader takes. garmin-fit-sdk is dev-only, the
independent decoder the tests check these files with. It is not true that its Python package has
no encoder: the installed 21.218.0 ships ``garmin_fit_sdk.Encoder`` (encoder.py, untyped dicts
keyed by profile names; tests/unit/test_fit_strength.py uses it). Using it here would make the
SDK a runtime dependency, and the tests' oracle would then be checking its own output.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import struct
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from runlift.catalog.model import Catalog, Exercise, normalise_name
from runlift.formats.fit.crc import crc16
from runlift.formats.fit.profile_data import EXERCISE_CATEGORY, PROFILE_VERSION
from runlift.formats.fit.strength import exercise_names

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
FILE_ID, WORKOUT, WORKOUT_STEP = 0, 26, 27
FILE_WORKOUT, MANUFACTURER_DEVELOPMENT = 5, 255
SPORT_TRAINING, SUB_SPORT_STRENGTH = 10, 20
DURATION_TIME, DURATION_REPEAT, DURATION_REPS = 0, 6, 29  # wkt_step_duration
TARGET_OPEN = 2  # wkt_step_target
ACTIVE, REST, WARMUP = 0, 1, 2  # intensity
WEIGHT_UNITS = {"kg": 1, "lb": 2}  # fit_base_unit: kilogram, pound
WEIGHT_SCALE = 100  # workout_step.exercise_weight: kg × 100, uint16
CATEGORY_NUMBER = {name: num for num, name in EXERCISE_CATEGORY.items()}
# Fixed string sizes (bytes, with the NUL) keep one definition per kind of message.
NAME_BYTES, STEP_NAME_BYTES, NOTES_BYTES = 32, 48, 64

_ENUM, _UINT16, _UINT32, _UINT32Z, _STRING = 0x00, 0x84, 0x86, 0x8C, 0x07
_INVALID = {_ENUM: 0xFF, _UINT16: 0xFFFF, _UINT32: 0xFFFFFFFF}
_PACK = {_ENUM: "<B", _UINT16: "<H", _UINT32: "<I", _UINT32Z: "<I"}

WeightUnit = Literal["kg", "lb"]
_FieldValue = tuple[int, int, bytes]  # field number, base type, encoded value


@dataclass(frozen=True)
class _Step:
    name: str
    intensity: int
    duration_type: int
    duration_value: int
    target_value: int | None = None  # repeat steps: how many times
    category: int | None = None
    exercise_name: int | None = None
    weight: int | None = None  # kg × 100
    notes: str = ""


def fit_string(text: str, size: int) -> bytes:
    """``text`` as NUL-padded UTF-8 of ``size`` bytes with room for its NUL.

    A longer text is cut at a character boundary, at the last space when that keeps over half.
    NULs inside the text are dropped (a decoder would stop at them).
    """
    text = text.replace("\0", "")
    data = text.encode("utf-8")
    if len(data) >= size:
        cut = data[: size - 1].decode("utf-8", "ignore")
        space = cut.rfind(" ")
        if not text[len(cut)].isspace() and space > len(cut) // 2:
            cut = cut[:space]
        data = cut.rstrip().encode("utf-8")
    return data.ljust(size, b"\0")


def _num(base: int, number: int, value: int | None) -> _FieldValue:
    return number, base, struct.pack(_PACK[base], _INVALID[base] if value is None else value)


def _text(number: int, text: str, size: int) -> _FieldValue:
    return number, _STRING, fit_string(text, size)


class _Records:
    """Definition and data messages; one local message number per distinct field layout."""

    def __init__(self) -> None:
        self.data = bytearray()
        self._locals: dict[tuple[int, tuple[tuple[int, int, int], ...]], int] = {}

    def add(self, global_number: int, fields: list[_FieldValue]) -> None:
        layout = tuple((num, len(value), base) for num, base, value in fields)
        key = (global_number, layout)
        local = self._locals.get(key)
        if local is None:
            local = self._locals[key] = len(self._locals)
            assert local < 16, "more field layouts than FIT local message numbers"
            self.data += struct.pack("<BBBHB", 0x40 | local, 0, 0, global_number, len(fields))
            self.data += b"".join(struct.pack("<BBB", *field) for field in layout)
        self.data.append(local)
        self.data += b"".join(value for _, _, value in fields)


def _header(data_size: int) -> bytes:
    major, minor, *_ = (int(part) for part in PROFILE_VERSION.split("."))
    head = struct.pack("<BBHI4s", 14, 0x10, major * 1000 + minor, data_size, b".FIT")
    return head + struct.pack("<H", crc16(head))


def _serial(session_id: str) -> int:
    value = int.from_bytes(hashlib.sha256(session_id.encode("utf-8")).digest()[:4], "big")
    return value or 1  # uint32z: 0 is invalid


def _fit_time(when: dt.datetime) -> int:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return int((when - FIT_EPOCH).total_seconds())


@functools.cache
def _names_by_category() -> dict[int, dict[str, int]]:
    """Category number → {normalised FIT exercise name: its number}."""
    out: dict[int, dict[str, int]] = {}
    for (category, number), name in exercise_names().items():
        out.setdefault(category, {})[_key(name)] = number
    return out


def _key(name: str) -> str:
    return normalise_name(name.replace("'", "").replace("’", ""))


class _Categories:
    """FIT category and exercise name of each planned exercise, and notes on any guesses."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        counts: dict[str, Counter[str]] = {}
        for ex in catalog:
            if ex.fit_category in CATEGORY_NUMBER:
                counts.setdefault(ex.pattern, Counter())[ex.fit_category] += 1
        # The pattern's most common category; ties go to the first name, so it is deterministic.
        self.by_pattern = {
            pattern: min(c, key=lambda name: (-c[name], name)) for pattern, c in counts.items()
        }

    def category(self, planned: Mapping[str, Any], ex: Exercise | None) -> tuple[int, str | None]:
        if ex is not None and ex.fit_category in CATEGORY_NUMBER:
            return CATEGORY_NUMBER[ex.fit_category], None
        what = planned["exercise_id"]
        pattern = ex.pattern if ex is not None else planned.get("pattern")
        nearest = self.by_pattern.get(str(pattern))
        if nearest is None and ex is not None:
            related = [r for r in (ex.variation_of, *ex.regressions, *ex.progressions) if r]
            found = (self.catalog.get(r).fit_category for r in related if r in self.catalog)
            nearest = next((c for c in found if c in CATEGORY_NUMBER), None)
        if nearest is None:
            nearest, how = "unknown", ""
        else:
            how = " (nearest)"
        return CATEGORY_NUMBER[nearest], f"{what} has no FIT category: exported as {nearest!r}{how}"

    @staticmethod
    def name(category: int, planned: Mapping[str, Any], ex: Exercise | None) -> int | None:
        names = _names_by_category().get(category, {})
        texts = [ex.id, ex.name, *ex.aliases] if ex is not None else []
        texts += [str(planned.get("exercise_id", "")), str(planned.get("name", ""))]
        return next((names[_key(t)] for t in texts if _key(t) in names), None)


def _dose(planned: Mapping[str, Any]) -> tuple[int, int, str]:
    """(duration type, value for both sides, the dose in words) of one set."""
    side = 2 if planned.get("per_side") else 1
    each = " each side" if side == 2 else ""
    if planned.get("reps") is not None:
        reps = int(planned["reps"])
        return DURATION_REPS, reps * side, f"{reps} reps{each}"
    if planned.get("contacts") is not None:
        contacts = int(planned["contacts"])
        return DURATION_REPS, contacts * side, f"{contacts} contacts{each}"
    if planned.get("duration_s") is not None:
        seconds = float(planned["duration_s"])
        return DURATION_TIME, round(seconds * 1000) * side, f"{seconds:g} s{each}"
    raise ValueError(f"exercise {planned.get('order')}: no reps, duration_s or contacts")


def _exercise_steps(
    planned: Mapping[str, Any],
    ex: Exercise | None,
    first_index: int,
    categories: _Categories,
    target_kg: float | None,
    notes: list[str],
) -> list[_Step]:
    duration_type, value, words = _dose(planned)
    sets = max(1, int(planned.get("sets") or 1))
    name = str(planned.get("name") or (ex.name if ex else planned["exercise_id"]))
    category, note = categories.category(planned, ex)
    if note:
        notes.append(note)
    exercise_name = categories.name(category, planned, ex)
    if planned.get("block") == "warmup":
        prescription = f"{sets} × {words}" if sets > 1 else words
        step = _Step(name, WARMUP, duration_type, value * sets, notes=prescription)
        return [replace(step, category=category, exercise_name=exercise_name)]
    weight = None
    if target_kg is not None and target_kg > 0:
        weight = round(target_kg * WEIGHT_SCALE)
        if weight > 0xFFFE:
            notes.append(f"{planned['exercise_id']}: {target_kg:g} kg is over FIT's 655.34 kg")
            weight = 0xFFFE
    rpe = planned.get("rpe")
    prescription = f"{sets} × {words}" + (f", RPE {float(rpe):g}" if rpe is not None else "")
    active = _Step(name, ACTIVE, duration_type, value, notes=prescription)
    steps = [replace(active, category=category, exercise_name=exercise_name, weight=weight)]
    rest_ms = round(float(planned.get("rest_s") or 0) * 1000)
    if rest_ms > 0:
        steps.append(_Step("Rest", REST, DURATION_TIME, rest_ms))
    if sets > 1:
        steps.append(_Step(f"{sets} sets", ACTIVE, DURATION_REPEAT, first_index, sets))
    return steps


def _step_fields(index: int, step: _Step, unit: int) -> list[_FieldValue]:
    fields = [
        _num(_UINT16, 254, index),
        _text(0, step.name, STEP_NAME_BYTES),
        _num(_ENUM, 1, step.duration_type),
        _num(_UINT32, 2, step.duration_value),
    ]
    if step.duration_type == DURATION_REPEAT:
        return [*fields, _num(_UINT32, 4, step.target_value)]
    fields += [_num(_ENUM, 3, TARGET_OPEN), _num(_ENUM, 7, step.intensity)]
    if step.category is None:
        return fields
    return [
        *fields,
        _text(8, step.notes, NOTES_BYTES),
        _num(_UINT16, 10, step.category),
        _num(_UINT16, 11, step.exercise_name),
        _num(_UINT16, 12, step.weight),
        _num(_UINT16, 13, unit if step.weight is not None else None),
    ]


def encode_workout(
    session: Mapping[str, Any],
    *,
    name: str,
    targets_kg: Mapping[int, float | None],
    catalog: Catalog,
    created_at: dt.datetime,
    weight_unit: WeightUnit = "kg",
) -> tuple[bytes, list[str]]:
    """The session (plan contract §2) as ``.fit`` bytes, and notes on what had to be guessed.

    ``targets_kg`` maps an exercise's ``order`` to its target load (None or absent: bodyweight);
    ``weight_unit`` is how the watch shows it. A naive ``created_at`` is taken as UTC.
    """
    exercises = sorted(session.get("exercises") or (), key=lambda e: int(e["order"]))
    if not exercises:
        raise ValueError(f"session {session.get('id')}: no exercises to export")
    categories = _Categories(catalog)
    notes: list[str] = []
    steps: list[_Step] = []
    for planned in exercises:
        exercise_id = planned["exercise_id"]
        ex = catalog.get(exercise_id) if exercise_id in catalog else None
        target = targets_kg.get(int(planned["order"]))
        steps += _exercise_steps(planned, ex, len(steps), categories, target, notes)
    records = _Records()
    records.add(
        FILE_ID,
        [
            _num(_ENUM, 0, FILE_WORKOUT),
            _num(_UINT16, 1, MANUFACTURER_DEVELOPMENT),
            _num(_UINT16, 2, 0),
            _num(_UINT32Z, 3, _serial(str(session.get("id", name)))),
            _num(_UINT32, 4, _fit_time(created_at)),
        ],
    )
    records.add(
        WORKOUT,
        [
            _num(_ENUM, 4, SPORT_TRAINING),
            _num(_ENUM, 11, SUB_SPORT_STRENGTH),
            _num(_UINT16, 6, len(steps)),
            _text(8, name, NAME_BYTES),
        ],
    )
    unit = WEIGHT_UNITS[weight_unit]
    for index, step in enumerate(steps):
        records.add(WORKOUT_STEP, _step_fields(index, step, unit))
    body = _header(len(records.data)) + bytes(records.data)
    return body + struct.pack("<H", crc16(body)), notes
