"""Planner speed: one 52-week plan, and 1,000 random profiles planned and audited, on one core.

Targets (issue: the planner): median under 50 ms per 52-week plan; under 60 s for the thousand.
No other library builds such plans, so the figures stand alone; the JSON rendering is timed beside
them because `runlift plan --format json` pays for it too.

    .venv/bin/python benchmarks/plan_speed.py [--profiles 1000] [--repeat 21]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from typing import Any

from runlift.catalog import load_default_catalog
from runlift.catalog.vocab import CONCERNS, EQUIPMENT, WEEKDAYS
from runlift.formats.plan_json import render_plan_json
from runlift.planning import audit, build_plan, profile_from_dict

RUN_TYPES = ("rest", "easy", "quality", "long")


def marathon_52_weeks() -> dict[str, Any]:
    start = dt.date(2027, 1, 4)
    return {
        "schema": "runlift.profile/1",
        "athlete": {"name": "Bench", "lifting_experience": "experienced"},
        "running": {
            "weekly_distance_km": 70.0,
            "week": {
                "mon": "rest",
                "tue": "quality",
                "wed": "easy",
                "thu": "quality",
                "fri": "rest",
                "sat": "easy",
                "sun": "long",
            },
        },
        "goal": {
            "race": "marathon",
            "race_date": start + dt.timedelta(days=52 * 7 - 1),
            "focus": "power",
        },
        "strength": {
            "start_date": start,
            "sessions_per_week": 3,
            "session_minutes": 60,
            "equipment": list(EQUIPMENT),
        },
        "health": {"concerns": ["knee", "hamstring"]},
    }


def random_profile(rng: random.Random) -> dict[str, Any]:
    start = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(400))
    race = rng.choice(("5k", "10k", "half-marathon", "marathon", "ultra", "none"))
    goal: dict[str, Any] = {
        "race": race,
        "focus": rng.choice(("power", "endurance", "form", "auto")),
    }
    if race != "none":
        goal["race_date"] = start + dt.timedelta(days=rng.randrange(14, 500))
    return {
        "schema": "runlift.profile/1",
        "athlete": {"name": "R", "lifting_experience": rng.choice(("new", "some", "experienced"))},
        "running": {
            "weekly_distance_km": 40.0,
            "week": {d: rng.choice(RUN_TYPES) for d in WEEKDAYS},
        },
        "goal": goal,
        "strength": {
            "start_date": start,
            "sessions_per_week": rng.randint(1, 3),
            "session_minutes": rng.randint(20, 120),
            "equipment": rng.sample(EQUIPMENT, rng.randint(1, len(EQUIPMENT))),
        },
        "health": {"concerns": rng.sample(CONCERNS, rng.randint(0, 3))},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    catalog = load_default_catalog()

    profile = profile_from_dict(marathon_52_weeks())
    build_plan(profile, catalog)  # warm caches
    build_ms, render_ms = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        plan = build_plan(profile, catalog)
        t1 = time.perf_counter()
        render_plan_json(plan)
        t2 = time.perf_counter()
        build_ms.append((t1 - t0) * 1000)
        render_ms.append((t2 - t1) * 1000)
    weeks = len({d.week for d in plan.days})
    print(
        f"52-week marathon plan ({weeks} weeks incl. recovery, "
        f"{sum(1 for d in plan.days if d.strength)} sessions, checks included):"
    )
    print(
        f"  build + audit median {statistics.median(build_ms):.1f} ms "
        f"(min {min(build_ms):.1f}, max {max(build_ms):.1f}); target < 50 ms"
    )
    print(f"  JSON render   median {statistics.median(render_ms):.1f} ms")

    rng = random.Random(20261128)
    docs = [random_profile(rng) for _ in range(args.profiles)]
    t0 = time.perf_counter()
    failed = 0
    for doc in docs:
        p = profile_from_dict(doc)
        result = build_plan(p, catalog)
        checks = audit(result.to_contract(with_checks=False), p, catalog)
        failed += not all(c["ok"] for c in checks)
    total = time.perf_counter() - t0
    print(
        f"{args.profiles} random profiles planned and audited: {total:.1f} s "
        f"({total / args.profiles * 1000:.1f} ms each); target < 60 s; "
        f"plans failing a check: {failed}"
    )


if __name__ == "__main__":
    main()
