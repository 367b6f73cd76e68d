"""The athlete profile (``docs/contracts.md`` §1): a typed value, validated from a parsed document.

:func:`profile_from_dict` takes what ``tomllib`` (or a JSON body) produced and checks every key:
missing, unknown (with a "did you mean"), wrongly typed or out of range. It collects every problem
before raising, so the runner fixes the file in one pass. Imperial keys are converted to SI here;
miles and pounds never travel further inward.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from runlift.catalog import vocab
from runlift.errors import BadInput, did_you_mean
from runlift.units import KG_PER_LB, LB_PER_KG, M_PER_MI

SCHEMA = "runlift.profile/1"

EXPERIENCE = ("new", "some", "experienced")
SEXES = ("female", "male", "unspecified")
UNITS = ("metric", "imperial")
RACES = ("5k", "10k", "half-marathon", "marathon", "ultra", "none")
FOCI = ("power", "endurance", "form", "auto")
PROFILE_RUN_DAYS = ("rest", "easy", "quality", "long")


@dataclass(frozen=True)
class Profile:
    """A validated athlete profile, in SI units."""

    name: str
    lifting_experience: str
    sex: str
    body_mass_kg: float | None
    units: str
    weekly_distance_m: float
    week: Mapping[str, str]  # weekday -> rest | easy | quality | long
    race: str
    race_date: dt.date | None
    focus: str  # as written; may be "auto"
    start_date: dt.date
    sessions_per_week: int
    session_minutes: int
    equipment: tuple[str, ...]
    available_days: tuple[str, ...]
    concerns: tuple[str, ...]
    # The loads the athlete owns, in kg, by runlift.training.increments.Increments field name;
    # only what the profile's [loads] section gives (the rest take that class's defaults).
    loads: Mapping[str, float | tuple[float, ...]] = field(default_factory=dict)
    # [heart], optional: what turns heart rate into training load (analytics only).
    rest_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    # [strength] time, times (optional): local start times for calendars; a weekday's wins.
    session_time: dt.time | None = None
    session_times: Mapping[str, dt.time] = field(default_factory=dict)

    def to_contract(self) -> dict[str, Any]:
        """The normalised profile: the TOML's shape with metric keys, ready to parse again."""
        athlete: dict[str, Any] = {
            "name": self.name,
            "lifting_experience": self.lifting_experience,
            "sex": self.sex,
            "units": self.units,
        }
        if self.body_mass_kg is not None:
            athlete["body_mass_kg"] = self.body_mass_kg
        goal: dict[str, Any] = {"race": self.race, "focus": self.focus}
        if self.race_date is not None:
            goal["race_date"] = self.race_date.isoformat()
        return {
            "schema": SCHEMA,
            "athlete": athlete,
            "running": {
                "weekly_distance_km": self.weekly_distance_m / 1000,
                "week": dict(self.week),
            },
            "goal": goal,
            "strength": {
                "start_date": self.start_date.isoformat(),
                "sessions_per_week": self.sessions_per_week,
                "session_minutes": self.session_minutes,
                "equipment": list(self.equipment),
                "available_days": list(self.available_days),
                **self._times(),
            },
            "health": {"concerns": list(self.concerns)},
            **({"loads": self._loads()} if self.loads else {}),
            **({"heart": self._heart()} if self._heart() else {}),
        }

    def _times(self) -> dict[str, Any]:
        """Only the keys the profile gave, so profiles without them normalise as before."""
        times = {d: f"{t:%H:%M}" for d, t in self.session_times.items()}
        one = {"time": f"{self.session_time:%H:%M}"} if self.session_time is not None else {}
        return one | ({"times": times} if times else {})

    def _loads(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.loads.items()}

    def _heart(self) -> dict[str, float]:
        heart = {"rest_bpm": self.rest_hr_bpm, "max_bpm": self.max_hr_bpm}
        return {k: v for k, v in heart.items() if v is not None}


# Each section's keys: key -> (required, checker). A checker returns the value or raises ValueError
# with what it accepts.
Checker = Callable[[Any], Any]


def _choice(allowed: tuple[str, ...]) -> Checker:
    def check(value: Any) -> str:
        if not isinstance(value, str) or value not in allowed:
            hint = did_you_mean(str(value), allowed)
            raise ValueError(f"expected one of {', '.join(allowed)}; got {value!r}{hint}")
        return value

    return check


def _number(low: float, high: float, unit: str, integer: bool = False) -> Checker:
    def check(value: Any) -> float:
        ok_type = isinstance(value, int) if integer else isinstance(value, int | float)
        if isinstance(value, bool) or not ok_type:
            kind = "a whole number" if integer else "a number"
            raise ValueError(f"expected {kind} from {low:g} to {high:g}{unit}; got {value!r}")
        if not low <= value <= high:
            raise ValueError(f"expected {low:g} to {high:g}{unit}; got {value!r}")
        return float(value) if not integer else int(value)

    return check


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a date like 2027-04-18; got {value!r}")


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        raise ValueError(f"expected a name of 1 to 100 characters; got {value!r}")
    return value.strip()


def _list_of(allowed: tuple[str, ...], non_empty: bool) -> Checker:
    item = _choice(allowed)

    def check(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise ValueError(f"expected a list drawn from {', '.join(allowed)}; got {value!r}")
        if non_empty and not value:
            raise ValueError(f"expected at least one of {', '.join(allowed)}")
        out = tuple(item(v) for v in value)
        if len(set(out)) != len(out):
            raise ValueError("lists the same value twice")
        return out

    return check


def _week(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError('expected a table with every weekday: { mon = "rest", … }')
    day = _choice(PROFILE_RUN_DAYS)
    unknown = [k for k in value if k not in vocab.WEEKDAYS]
    if unknown:
        raise ValueError(
            f"unknown weekday {unknown[0]!r}{did_you_mean(unknown[0], vocab.WEEKDAYS)}; "
            "expected mon, tue, wed, thu, fri, sat, sun"
        )
    missing = [d for d in vocab.WEEKDAYS if d not in value]
    if missing:
        raise ValueError(f"every weekday needs a run type; missing {', '.join(missing)}")
    return {d: day(value[d]) for d in vocab.WEEKDAYS}


def _clock(value: Any) -> dt.time:
    """ "18:30" → a wall-clock time (a TOML local time, 18:30:00, is read too)."""
    if isinstance(value, dt.time) and not (value.second or value.microsecond or value.tzinfo):
        return value
    match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)", value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f'expected a time like "18:30" (HH:MM, 24-hour); got {value!r}')
    return dt.time(int(match[1]), int(match[2]))


def _clock_by_day(value: Any) -> dict[str, dt.time]:
    if not isinstance(value, dict) or not value or not set(value) <= set(vocab.WEEKDAYS):
        example = '{ tue = "06:30", sat = "09:00" }'
        raise ValueError(f"expected weekdays (mon … sun) with times, like {example}; got {value!r}")
    return {d: _clock(value[d]) for d in vocab.WEEKDAYS if d in value}  # in week order


def _loads_list(low: float, high: float, unit: str) -> Checker:
    one = _number(low, high, unit)

    def check(value: Any) -> tuple[float, ...]:
        if not isinstance(value, list) or not value:
            raise ValueError(f"expected a non-empty list of loads in {unit.strip()}; got {value!r}")
        return tuple(sorted({float(one(v)) for v in value}))

    return check


# [loads]: what the athlete can put on, metric or imperial key by key (field -> (low, high kg)).
LOAD_FIELDS: dict[str, tuple[float, float, bool]] = {
    "bar": (0, 50, False),
    "plate_step": (0.25, 20, False),
    "dumbbell_step": (0.25, 10, False),
    "dumbbells": (0.5, 100, True),
    "kettlebells": (1, 100, True),
    "stack_step": (0.5, 25, False),
}


def _load_keys() -> dict[str, tuple[bool, Checker]]:
    keys: dict[str, tuple[bool, Checker]] = {}
    for name, (low, high, many) in LOAD_FIELDS.items():
        make = _loads_list if many else _number
        keys[f"{name}_kg"] = (False, make(low, high, " kg"))
        keys[f"{name}_lb"] = (False, make(low * LB_PER_KG, high * LB_PER_KG, " lb"))
    return keys


SECTIONS: dict[str, dict[str, tuple[bool, Checker]]] = {
    "athlete": {
        "name": (True, _name),
        "lifting_experience": (True, _choice(EXPERIENCE)),
        "sex": (False, _choice(SEXES)),
        "body_mass_kg": (False, _number(30, 250, " kg")),
        "body_mass_lb": (False, _number(66, 550, " lb")),
        "units": (False, _choice(UNITS)),
    },
    "running": {
        "weekly_distance_km": (False, _number(0, 400, " km")),
        "weekly_distance_mi": (False, _number(0, 250, " mi")),
        "week": (True, _week),
    },
    "goal": {
        "race": (True, _choice(RACES)),
        "race_date": (False, _date),
        "focus": (True, _choice(FOCI)),
    },
    "strength": {
        "start_date": (True, _date),
        "sessions_per_week": (True, _number(1, 3, "", integer=True)),
        "session_minutes": (True, _number(20, 120, " minutes", integer=True)),
        "equipment": (True, _list_of(vocab.EQUIPMENT, non_empty=True)),
        "available_days": (False, _list_of(vocab.WEEKDAYS, non_empty=True)),
        "time": (False, _clock),
        "times": (False, _clock_by_day),
    },
    "health": {
        "concerns": (False, _list_of(vocab.CONCERNS, non_empty=False)),
    },
    "loads": _load_keys(),
    "heart": {
        "rest_bpm": (False, _number(25, 120, " bpm")),
        "max_bpm": (False, _number(100, 240, " bpm")),
    },
}
OPTIONAL_SECTIONS = {"health", "loads", "heart"}
# Either the metric or the imperial key of each pair, never both; the first is the one to suggest.
ALTERNATIVES = {
    "running": ("weekly_distance_km", "weekly_distance_mi", True),
    "athlete": ("body_mass_kg", "body_mass_lb", False),
}


def profile_from_dict(doc: Mapping[str, Any], source: str = "profile") -> Profile:
    """Validate a parsed profile document; raise :class:`BadInput` listing every problem."""
    problems: list[str] = []
    values: dict[str, dict[str, Any]] = {}
    if doc.get("schema") != SCHEMA:
        problems.append(f"schema: expected {SCHEMA!r}; got {doc.get('schema')!r}")
    for key in doc:
        if key != "schema" and key not in SECTIONS:
            problems.append(f"[{key}]: unknown section{did_you_mean(key, list(SECTIONS))}")
    for section, keys in SECTIONS.items():
        table = doc.get(section)
        if table is None:
            if section not in OPTIONAL_SECTIONS:
                problems.append(f"[{section}]: missing section")
            values[section] = {}
            continue
        if not isinstance(table, Mapping):
            problems.append(f"[{section}]: expected a table")
            values[section] = {}
            continue
        values[section] = {}
        for key, value in table.items():
            if key not in keys:
                problems.append(f"{section}.{key}: unknown key{did_you_mean(key, list(keys))}")
                continue
            try:
                values[section][key] = keys[key][1](value)
            except ValueError as exc:
                problems.append(f"{section}.{key}: {exc}")
        for key, (required, _) in keys.items():
            if required and key not in table:
                problems.append(f"{section}.{key}: missing")
    for section, (metric, imperial, required) in ALTERNATIVES.items():
        table = doc.get(section)
        if not isinstance(table, Mapping):
            continue
        if metric in table and imperial in table:
            problems.append(f"{section}.{imperial}: give {metric} or {imperial}, not both")
        elif required and metric not in table and imperial not in table:
            problems.append(f"{section}.{metric}: missing (or give {imperial})")
    for name in LOAD_FIELDS:
        if f"{name}_kg" in values["loads"] and f"{name}_lb" in values["loads"]:
            problems.append(f"loads.{name}_lb: give {name}_kg or {name}_lb, not both")
    problems.extend(_cross_checks(values))
    if problems:
        raise BadInput(problems, source)
    return _build(values)


def _cross_checks(values: dict[str, dict[str, Any]]) -> list[str]:
    goal, strength = values["goal"], values["strength"]
    out: list[str] = []
    heart = values["heart"]
    if heart.get("max_bpm", 1e9) <= heart.get("rest_bpm", 0):
        out.append(
            f"heart.max_bpm: {heart['max_bpm']:g} is not above heart.rest_bpm "
            f"{heart['rest_bpm']:g}; expected the maximum above the resting rate"
        )
    race, race_date, start = goal.get("race"), goal.get("race_date"), strength.get("start_date")
    if race is not None and race != "none" and race_date is None:
        out.append('goal.race_date: missing; required unless race = "none"')
    if race == "none" and race_date is not None:
        out.append("goal.race_date: a race date needs a race; set goal.race or remove the date")
    if race_date is not None and start is not None:
        if race_date <= start:
            out.append(
                f"goal.race_date: {race_date} is not after strength.start_date {start}; "
                "expected a race date later than the start"
            )
        elif race_date > _years_after(start, 2):
            out.append(f"goal.race_date: {race_date} is more than two years after the start")
    return out


def _years_after(date: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (28 February for a 29 February start)."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def _build(values: dict[str, dict[str, Any]]) -> Profile:
    athlete, running, goal = values["athlete"], values["running"], values["goal"]
    strength, health = values["strength"], values["health"]
    miles, pounds = running.get("weekly_distance_mi"), athlete.get("body_mass_lb")
    distance_m = running["weekly_distance_km"] * 1000.0 if miles is None else miles * M_PER_MI
    mass_kg = athlete.get("body_mass_kg") if pounds is None else pounds * KG_PER_LB
    loads: dict[str, float | tuple[float, ...]] = {}
    for key, value in values["loads"].items():
        name, unit = key.rsplit("_", 1)
        factor = KG_PER_LB if unit == "lb" else 1.0
        loads[f"{name}_kg"] = (  # the Increments field
            tuple(round(v * factor, 3) for v in value)
            if isinstance(value, tuple)
            else round(value * factor, 3)
        )
    return Profile(
        name=athlete["name"],
        lifting_experience=athlete["lifting_experience"],
        sex=athlete.get("sex", "unspecified"),
        body_mass_kg=float(mass_kg) if mass_kg is not None else None,
        units=athlete.get("units", "metric"),
        weekly_distance_m=float(distance_m),
        week=running["week"],
        race=goal["race"],
        race_date=goal.get("race_date"),
        focus=goal["focus"],
        start_date=strength["start_date"],
        sessions_per_week=strength["sessions_per_week"],
        session_minutes=strength["session_minutes"],
        equipment=strength["equipment"],
        available_days=strength.get("available_days", vocab.WEEKDAYS),
        concerns=health.get("concerns", ()),
        loads=loads,
        rest_hr_bpm=values["heart"].get("rest_bpm"),
        max_hr_bpm=values["heart"].get("max_bpm"),
        session_time=strength.get("time"),
        session_times=strength.get("times", {}),
    )
