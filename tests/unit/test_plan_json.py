"""Reading a plan back: a hand-edited plan with wrong shapes is bad input, named by path."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from runlift.catalog import Catalog
from runlift.errors import BadInput
from runlift.formats.plan_json import parse_plan_json, render_plan_json
from runlift.formats.profile_toml import parse_profile
from runlift.planning import build_plan
from tests_support import EXAMPLES


@pytest.fixture(scope="module")
def plan_doc(catalog: Catalog) -> dict[str, Any]:
    profile = parse_profile((EXAMPLES / "sample-runner.toml").read_bytes())
    return json.loads(render_plan_json(build_plan(profile, catalog)))


def first_session_day(doc: dict[str, Any]) -> int:
    return next(i for i, d in enumerate(doc["days"]) if d["strength"])


def test_round_trip(plan_doc: dict[str, Any]) -> None:
    assert parse_plan_json(json.dumps(plan_doc).encode()) == plan_doc


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d.update(days=[]), "days: expected a non-empty list"),
        (lambda d: d.update(race={"distance": "5k", "date": "soon"}), "race.date"),
        (lambda d: d["days"][0].update(week="one"), "days[0].week: expected a whole number"),
        (lambda d: d["days"][0].update(date="2026-13-01"), "days[0].date: expected a date"),
        (
            lambda d: d["days"][first_session_day(d)]["strength"]["exercises"][0].update(sets=0),
            ".exercises[0].sets: expected at least 1",
        ),
        (
            lambda d: d["days"][first_session_day(d)]["strength"]["exercises"][0].update(rpe="8"),
            ".exercises[0].rpe: expected a number or null",
        ),
        (
            lambda d: d["days"][first_session_day(d)]["strength"]["exercises"][0].update(reps=-5),
            ".exercises[0].reps: expected a positive whole number",
        ),
        (
            lambda d: d["days"][first_session_day(d)]["strength"].update(exercises="none"),
            ".strength.exercises: expected a list",
        ),
    ],
)
def test_wrong_shapes_are_named(plan_doc: dict[str, Any], edit: Any, expected: str) -> None:
    doc = copy.deepcopy(plan_doc)
    edit(doc)
    with pytest.raises(BadInput) as info:
        parse_plan_json(json.dumps(doc).encode(), "plan.json")
    assert expected in str(info.value)
    assert str(info.value).startswith("plan.json: ")
