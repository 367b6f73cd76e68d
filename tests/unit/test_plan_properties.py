"""Property tests: every rule of the planner holds for every valid profile.

The assertions recompute each rule from the plan's JSON here, independently of the planner's own
audit, and then also require the audit to agree.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runlift.catalog import Catalog, load_default_catalog
from runlift.catalog.vocab import CONCERNS, EQUIPMENT, WEEKDAYS
from runlift.planning import build_plan, profile_from_dict

CATALOG: Catalog = load_default_catalog()
RUN_TYPES = ("rest", "easy", "quality", "long")
KEY = {"long", "quality", "race"}


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    start = dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 400)))
    race = draw(st.sampled_from(("5k", "10k", "half-marathon", "marathon", "ultra", "none")))
    goal: dict[str, Any] = {
        "race": race,
        "focus": draw(st.sampled_from(("power", "endurance", "form", "auto"))),
    }
    if race != "none":
        goal["race_date"] = start + dt.timedelta(days=draw(st.integers(1, 500)))
    week = {d: draw(st.sampled_from(RUN_TYPES)) for d in WEEKDAYS}
    equipment = draw(st.lists(st.sampled_from(EQUIPMENT), min_size=1, unique=True))
    strength: dict[str, Any] = {
        "start_date": start,
        "sessions_per_week": draw(st.integers(1, 3)),
        "session_minutes": draw(st.integers(20, 120)),
        "equipment": equipment,
    }
    if draw(st.booleans()):
        strength["available_days"] = draw(
            st.lists(st.sampled_from(WEEKDAYS), min_size=1, unique=True)
        )
    return {
        "schema": "runlift.profile/1",
        "athlete": {
            "name": "Prop",
            "lifting_experience": draw(st.sampled_from(("new", "some", "experienced"))),
        },
        "running": {"weekly_distance_km": draw(st.floats(0, 200)), "week": week},
        "goal": goal,
        "strength": strength,
        "health": {"concerns": draw(st.lists(st.sampled_from(CONCERNS), unique=True))},
    }


def _weeks(plan: dict[str, Any]) -> dict[int, list[dict[str, Any]]]:
    weeks: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for day in plan["days"]:
        weeks[day["week"]].append(day)
    return weeks


def _sets(days: list[dict[str, Any]], patterns: set[str]) -> int:
    return sum(
        e["sets"]
        for d in days
        if d["strength"]
        for e in d["strength"]["exercises"]
        if e["pattern"] in patterns and e["block"] != "warmup"
    )


def _volume(days: list[dict[str, Any]]) -> int:
    return sum(
        e["sets"]
        for d in days
        if d["strength"]
        for e in d["strength"]["exercises"]
        if e["block"] != "warmup"
    )


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_every_rule_holds(doc: dict[str, Any]) -> None:
    profile = profile_from_dict(doc)
    plan = build_plan(profile, CATALOG).to_contract()
    runs = {d["date"]: d["run"] for d in plan["days"]}
    race = profile.race_date
    sessions = [(d, d["strength"]) for d in plan["days"] if d["strength"]]

    # Placement: never the day before a key run, never on race day, within start..race.
    for day, _ in sessions:
        date = dt.date.fromisoformat(day["date"])
        assert runs.get((date + dt.timedelta(days=1)).isoformat()) not in KEY, day["date"]
        assert day["run"] != "race"
        assert day["weekday"] in profile.available_days
        assert profile.start_date <= date
        if race is not None:
            assert date <= race - dt.timedelta(days=3), "nothing in the last two days"

    # Equipment.
    for _, session in sessions:
        for e in session["exercises"]:
            assert CATALOG.get(e["exercise_id"]).doable_with(profile.equipment)
        assert session["duration_min"] <= profile.session_minutes

    weeks = _weeks(plan)
    for days in weeks.values():
        count = sum(1 for d in days if d["strength"])
        assert count <= profile.sessions_per_week
        assert _sets(days, {"pull-horizontal", "pull-vertical"}) >= _sets(
            days, {"push-horizontal", "push-vertical"}
        )
        assert (
            _sets(days, {"squat", "lunge", "hinge", "single-leg-hinge", "hamstring-curl", "calf"})
            <= 24
        )

    # Deload weeks are lighter than the week before.
    ordered = [weeks[k] for k in sorted(weeks)]
    for before, days in itertools.pairwise(ordered):
        if days[0]["deload"] and _volume(before) > 0:
            assert _volume(days) < _volume(before)

    # Taper volume at most 60% of the peak's (or build's when there is no peak).
    full = [w for w in ordered if len(w) == 7]
    peak = [_volume(w) for w in full if w[0]["phase"] == "peak"] or [
        _volume(w) for w in full if w[0]["phase"] == "build"
    ]
    if peak:
        top = sum(peak) / len(peak)
        for w in ordered:
            if w[0]["phase"] == "taper":
                assert _volume(w) <= 0.6 * top

    failed = [c for c in plan["checks"] if not c["ok"]]
    assert not failed, failed


@settings(deadline=None)
@given(profiles())
def test_coverage_every_full_training_week(doc: dict[str, Any]) -> None:
    profile = profile_from_dict(doc)
    plan = build_plan(profile, CATALOG).to_contract()
    training = {"technique", "base", "build", "peak", "maintenance"}
    for days in _weeks(plan).values():
        exercises = [
            e
            for d in days
            if d["strength"]
            for e in d["strength"]["exercises"]
            if e["block"] != "warmup"
        ]
        if len(days) < 7 or days[0]["phase"] not in training or not exercises:
            continue
        patterns = {e["pattern"] for e in exercises}
        primaries = [set(e["primary_muscles"]) for e in exercises if e["pattern"] == "calf"]
        assert any("soleus" in p for p in primaries), "bent-knee calf"
        assert any("calves" in p and "soleus" not in p for p in primaries), "straight-knee calf"
        assert {"core-anti-extension", "core-anti-rotation"} <= patterns
        assert patterns & {"core-anti-lateral", "carry"}
        assert "hip-abduction" in patterns or any(
            "hip-abductors" in e["primary_muscles"] for e in exercises
        )
        assert patterns & {"hinge", "single-leg-hinge", "hamstring-curl"}
        assert any(
            e["unilateral"] and e["pattern"] in {"lunge", "single-leg-hinge"} for e in exercises
        )


@settings(deadline=None)
@given(profiles())
def test_same_profile_same_bytes(doc: dict[str, Any]) -> None:
    from runlift.formats.plan_json import render_plan_json

    profile = profile_from_dict(doc)
    assert render_plan_json(build_plan(profile, CATALOG)) == render_plan_json(
        build_plan(profile_from_dict(doc), load_default_catalog())
    )
