"""Golden plans for the example profiles, and what concerns, focus and experience change.

A golden file is a readable digest of each example's plan (phases, then every session with its
exercises and doses), so a change to the planner shows up as a reviewable diff. Regenerate them
after an intended change with ``UPDATE_GOLDEN=1 pytest tests/unit/test_plan_examples.py``.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from runlift.catalog import Catalog
from runlift.formats.profile_toml import parse_profile
from runlift.planning import Plan, build_plan
from runlift.planning.selection import EARLY_PHASES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
GOLDEN = ROOT / "tests" / "golden"


def plan_of(name: str, catalog: Catalog, **changes: object) -> Plan:
    profile = parse_profile((ROOT / "examples" / name).read_bytes(), name)
    return build_plan(dataclasses.replace(profile, **changes), catalog)


def digest(plan: Plan) -> str:
    lines = [f"focus {plan.focus}"]
    lines += [f"phase {p.name} {p.start} {p.end}" for p in plan.phases]
    for day in plan.days:
        s = day.strength
        if s is None:
            continue
        lines.append(
            f"{day.date} {day.weekday} {day.run} {day.phase}"
            f"{' deload' if day.deload else ''}: {s.title} [{s.intensity}, "
            f"{s.duration_min} min, {s.timing}]"
        )
        for e in s.exercises:
            d = e.dose
            amount = (
                d.reps
                if d.reps is not None
                else (f"{d.duration_s}s" if d.duration_s is not None else f"{d.contacts}c")
            )
            lines.append(
                f"  {e.order} {e.block} {e.exercise.id} {d.sets}x{amount}"
                f"{' /side' if d.per_side else ''} rpe {d.rpe} rest {d.rest_s}"
            )
    lines += [f"check {c['rule']} {'ok' if c['ok'] else 'FAIL'}" for c in plan.checks]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_golden(path: Path, catalog: Catalog) -> None:
    plan = build_plan(parse_profile(path.read_bytes(), path.name), catalog)
    text = digest(plan)
    golden = GOLDEN / f"{path.stem}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file; run with UPDATE_GOLDEN=1 to create {golden}"
    assert text == golden.read_text(encoding="utf-8")
    assert all(c["ok"] for c in plan.checks), [c for c in plan.checks if not c["ok"]]


def exercise_ids(plan: Plan, phases: frozenset[str] | None = None) -> set[str]:
    return {
        e.exercise.id
        for d in plan.days
        if d.strength and (phases is None or d.phase in phases)
        for e in d.strength.exercises
    }


def test_focus_changes_the_plan(catalog: Catalog) -> None:
    plans = {
        f: plan_of("intermediate-half.toml", catalog, focus=f)
        for f in ("power", "endurance", "form")
    }
    contacts = {
        f: sum(
            e.dose.sets * (e.dose.contacts or 0)
            for d in p.days
            if d.strength
            for e in d.strength.exercises
        )
        for f, p in plans.items()
    }
    assert contacts["power"] > contacts["endurance"] > 0
    assert contacts["power"] > contacts["form"]
    reps = {
        f: sorted(
            {
                e.dose.reps
                for d in p.days
                if d.strength
                for e in d.strength.exercises
                if e.block == "main" and e.dose.reps
            }
        )
        for f, p in plans.items()
    }
    assert min(reps["power"]) <= 4
    assert max(reps["endurance"]) >= 12
    unilateral = {
        f: sum(
            e.exercise.unilateral
            for d in p.days
            if d.strength
            for e in d.strength.exercises
            if e.block == "main"
        )
        for f, p in plans.items()
    }
    assert unilateral["form"] > unilateral["power"]


def test_new_lifter_starts_with_technique_and_is_told_to_get_coaching(catalog: Catalog) -> None:
    plan = plan_of("new-lifter-5k.toml", catalog)
    assert plan.phases[0].name == "technique"
    assert plan.focus == "form"
    assert any("qualified strength coach" in n for n in plan.notes)
    for d in plan.days:
        if d.phase == "technique" and d.strength:
            assert d.strength.intensity == "light"
            assert all(e.exercise.level == "beginner" for e in d.strength.exercises)


def test_knee_concern_delays_depth_jumps_and_adds_abductor_work(catalog: Catalog) -> None:
    plan = plan_of("knee-achilles-10k.toml", catalog)
    early = exercise_ids(plan, EARLY_PHASES)
    cautioned = {ex.id for ex in catalog if set(ex.cautions) & {"knee", "achilles-calf"}}
    assert not early & cautioned
    assert "depth-jump" not in early
    for d in plan.days:
        if d.strength and d.phase in ("base", "build"):
            patterns = [e.exercise.pattern for e in d.strength.exercises]
            assert "hip-abduction" in patterns


def test_lower_back_concern_avoids_heavy_spinal_loading_all_plan(catalog: Catalog) -> None:
    plan = plan_of("experienced-marathoner.toml", catalog, concerns=("lower-back",))
    spinal = {ex.id for ex in catalog if "lower-back" in ex.cautions}
    assert "back-squat" in spinal
    assert not exercise_ids(plan) & spinal
    without = plan_of("experienced-marathoner.toml", catalog)
    assert exercise_ids(without) & spinal  # the concern is what removed them


def test_hamstring_concern_brings_nordics_every_week(catalog: Catalog) -> None:
    plan = plan_of("experienced-marathoner.toml", catalog, concerns=("hamstring",))
    weeks = {d.week for d in plan.days if d.strength and d.phase in ("base", "build", "peak")}
    with_curl = {
        d.week
        for d in plan.days
        if d.strength and any(e.exercise.pattern == "hamstring-curl" for e in d.strength.exercises)
    }
    assert weeks <= with_curl


def test_equipment_is_respected_in_every_example(catalog: Catalog) -> None:
    for path in EXAMPLES:
        plan = build_plan(parse_profile(path.read_bytes(), path.name), catalog)
        for d in plan.days:
            if d.strength:
                for e in d.strength.exercises:
                    assert e.exercise.doable_with(plan.profile.equipment), (path, e.exercise.id)


def test_favourite_movements_appear(catalog: Catalog) -> None:
    used = exercise_ids(plan_of("experienced-marathoner.toml", catalog))
    assert {"back-squat", "sumo-deadlift"} & used or "back-squat" in used
    assert used & {
        "single-leg-deadlift",
        "dumbbell-single-leg-deadlift",
        "kettlebell-single-leg-deadlift",
    }
    assert used & {"front-plank", "side-plank", "copenhagen-plank", "plank-shoulder-tap"}
    assert used & {"dumbbell-row", "barbell-row", "kettlebell-row", "chest-supported-dumbbell-row"}
