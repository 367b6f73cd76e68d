"""The plan's JSON form (``docs/contracts.md`` §2): written byte-identically for the same plan."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from runlift.errors import BadInput
from runlift.planning.model import PLAN_SCHEMA, Plan


def render_plan_json(plan: Plan) -> str:
    return json.dumps(plan.to_contract(), indent=2, ensure_ascii=False) + "\n"


def parse_plan_json(data: bytes, source: str = "plan") -> dict[str, Any]:
    """Read a plan document, checking its shape enough for the audit to walk it."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(f"not valid JSON: {exc}", source) from None
    if not isinstance(doc, dict):
        raise BadInput("expected a JSON object", source)
    if doc.get("schema") != PLAN_SCHEMA:
        raise BadInput(f"schema: expected {PLAN_SCHEMA!r}; got {doc.get('schema')!r}", source)
    problems = [f"{key}: missing" for key in ("profile", "days") if key not in doc]
    if problems:
        raise BadInput(problems, source)
    if not isinstance(doc["days"], list) or not doc["days"]:
        raise BadInput("days: expected a non-empty list of days", source)
    race = doc.get("race")
    if race is not None:
        if not isinstance(race, dict) or not isinstance(race.get("date"), str):
            problems.append('race: expected null or {"distance", "date"}')
        else:
            try:
                dt.date.fromisoformat(race["date"])
            except ValueError:
                problems.append(f"race.date: expected a date like 2027-04-18; got {race['date']!r}")
    for n, day in enumerate(doc["days"]):
        problems.extend(_day_problems(f"days[{n}]", day))
    if problems:
        raise BadInput(problems[:20], source)
    return doc


_DAY_FIELDS: dict[str, type | tuple[type, ...]] = {
    "date": str,
    "weekday": str,
    "phase": str,
    "run": str,
}
_SESSION_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "duration_min": int,
    "intensity": str,
    "exercises": list,
}
_EXERCISE_FIELDS: dict[str, type | tuple[type, ...]] = {
    "exercise_id": str,
    "block": str,
    "pattern": str,
    "sets": int,
    "compound": bool,
    "unilateral": bool,
    "primary_muscles": list,
}
_DOSE_FIELDS = ("reps", "duration_s", "contacts")


def _typed(where: str, obj: Any, fields: dict[str, type | tuple[type, ...]]) -> list[str]:
    if not isinstance(obj, dict):
        return [f"{where}: expected an object"]
    out = []
    for key, kind in fields.items():
        value = obj.get(key)
        if value is None:
            out.append(f"{where}.{key}: missing")
        elif (isinstance(value, bool) and kind is int) or not isinstance(value, kind):
            name = kind.__name__ if isinstance(kind, type) else "value"
            out.append(f"{where}.{key}: expected {_KIND_WORDS.get(name, name)}; got {value!r}")
    return out


_KIND_WORDS = {"str": "text", "int": "a whole number", "bool": "true or false", "list": "a list"}


def _day_problems(where: str, day: Any) -> list[str]:
    out = _typed(where, day, _DAY_FIELDS)
    if out:
        return out
    try:
        dt.date.fromisoformat(day["date"])
    except ValueError:
        out.append(f"{where}.date: expected a date like 2027-01-31; got {day['date']!r}")
    week = day.get("week", 1)
    if isinstance(week, bool) or not isinstance(week, int):
        out.append(f"{where}.week: expected a whole number; got {week!r}")
    session = day.get("strength")
    if session is None:
        return out
    where = f"{where}.strength"
    problems = _typed(where, session, _SESSION_FIELDS)
    if problems:
        return out + problems
    for k, ex in enumerate(session["exercises"]):
        at = f"{where}.exercises[{k}]"
        problems = _typed(at, ex, _EXERCISE_FIELDS)
        if not problems:
            if ex["sets"] < 1:
                problems.append(f"{at}.sets: expected at least 1; got {ex['sets']}")
            rpe = ex.get("rpe")
            if rpe is not None and (isinstance(rpe, bool) or not isinstance(rpe, int | float)):
                problems.append(f"{at}.rpe: expected a number or null; got {rpe!r}")
            for key in _DOSE_FIELDS:
                value = ex.get(key)
                if value is not None and (
                    isinstance(value, bool) or not isinstance(value, int) or value < 1
                ):
                    problems.append(
                        f"{at}.{key}: expected a positive whole number or null; got {value!r}"
                    )
        out.extend(problems)
    return out
