"""The plan's JSON form (``docs/contracts.md`` §2): written byte-identically for the same plan."""

from __future__ import annotations

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
    for n, day in enumerate(doc["days"]):
        where = f"days[{n}]"
        if not isinstance(day, dict) or not {"date", "weekday", "phase", "run"} <= set(day):
            problems.append(f"{where}: expected date, weekday, phase and run")
            continue
        session = day.get("strength")
        if session is None:
            continue
        if not isinstance(session, dict) or not isinstance(session.get("exercises"), list):
            problems.append(f"{where}.strength: expected an object with exercises")
            continue
        needed = {
            "exercise_id",
            "block",
            "pattern",
            "sets",
            "compound",
            "unilateral",
            "primary_muscles",
        }
        for k, ex in enumerate(session["exercises"]):
            if not isinstance(ex, dict) or not needed <= set(ex):
                missing = sorted(needed - set(ex)) if isinstance(ex, dict) else sorted(needed)
                problems.append(f"{where}.strength.exercises[{k}]: missing {', '.join(missing)}")
        for key in ("id", "duration_min", "intensity"):
            if key not in session:
                problems.append(f"{where}.strength.{key}: missing")
    if problems:
        raise BadInput(problems[:20], source)
    return doc
