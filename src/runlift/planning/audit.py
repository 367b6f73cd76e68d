"""Audit a plan against the rules, from its contract form (``docs/contracts.md`` §2).

The audit reads the plan's JSON, not the builder's objects, so ``runlift check`` can judge a plan
a person edited by hand with exactly the rules the builder promises. Each check names its rule and,
when it fails, the first places it failed.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from runlift.catalog import Catalog
from runlift.catalog.vocab import BLOCKS, HIP_DOMINANT, KNEE_DOMINANT, PULL, PUSH
from runlift.planning import coverage
from runlift.planning.dosing import CONTACT_CAP
from runlift.planning.phases import NEAR_RACE, is_late_start
from runlift.planning.placement import KEY_RUNS
from runlift.planning.profile import Profile
from runlift.planning.selection import level_cap
from runlift.planning.shaping import LEG_PATTERNS, LEG_SET_CAP

# Weeks that must cover every must-have; a taper sheds 40–60% of the volume, so it keeps only the
# main lifts and pulling, and race and recovery weeks are light by design.
TRAINING_PHASES = frozenset({"technique", "base", "build", "peak", "maintenance"})
PHASE_SESSION_CAP = {
    "technique": 3,
    "base": 3,
    "build": 2,
    "peak": 2,
    "maintenance": 1,
    "taper": 1,
    "race": 1,
    "recovery": 1,
}
MAX_LISTED = 3

Check = dict[str, Any]


def _check(rule: str, failures: list[str], ok_detail: str) -> Check:
    if not failures:
        return {"rule": rule, "ok": True, "detail": ok_detail}
    more = f" (and {len(failures) - MAX_LISTED} more)" if len(failures) > MAX_LISTED else ""
    return {"rule": rule, "ok": False, "detail": "; ".join(failures[:MAX_LISTED]) + more}


def _sessions(plan: dict[str, Any]) -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
    for day in plan["days"]:
        if day.get("strength"):
            yield day, day["strength"]


def _weeks(plan: dict[str, Any]) -> dict[int, list[dict[str, Any]]]:
    weeks: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for day in plan["days"]:
        weeks[int(day.get("week", 0))].append(day)
    return dict(sorted(weeks.items()))


def _week_exercises(days: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        e
        for d in days
        if d.get("strength")
        for e in d["strength"]["exercises"]
        if e["block"] != "warmup"
    ]


def audit(plan: dict[str, Any], profile: Profile, catalog: Catalog) -> list[Check]:
    """Every rule's verdict on ``plan``, in a fixed order."""
    race = dt.date.fromisoformat(plan["race"]["date"]) if plan.get("race") else None
    runs = {d["date"]: d["run"] for d in plan["days"]}
    checks: list[Check] = []

    def run_after(date: str) -> str | None:
        return runs.get((dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat())

    # Placement.
    fails = [
        f"{d['date']} ({d['weekday']}) is not an available day"
        for d, _ in _sessions(plan)
        if d["weekday"] not in profile.available_days
    ]
    checks.append(_check("available-days", fails, "every session is on an available day"))
    fails = [
        f"{d['date']}: the day before a {run_after(d['date'])} run"
        for d, _ in _sessions(plan)
        if run_after(d["date"]) in KEY_RUNS
    ]
    fails += [f"{d['date']}: on race day" for d, _ in _sessions(plan) if d["run"] == "race"]
    checks.append(
        _check(
            "not-before-key",
            fails,
            "no session on race day or the day before a long, quality or race day",
        )
    )
    end = race or dt.date.fromisoformat(plan["days"][-1]["date"])
    fails = [
        f"{d['date']} is outside {profile.start_date}..{end}"
        for d, _ in _sessions(plan)
        if not profile.start_date <= dt.date.fromisoformat(d["date"]) <= end
    ]
    if race is not None:
        fails += [
            f"{d['date']} is within two days of the race"
            for d, _ in _sessions(plan)
            if 0 < (race - dt.date.fromisoformat(d["date"])).days <= 2
        ]
    checks.append(
        _check(
            "within-dates",
            fails,
            "every session falls between the start and the race, none in the last two days",
        )
    )
    fails = []
    for index, days in _weeks(plan).items():
        count = sum(1 for d in days if d.get("strength"))
        phase = days[0]["phase"]
        limit = min(PHASE_SESSION_CAP.get(phase, 3), profile.sessions_per_week)
        if count > limit:
            fails.append(f"week {index}: {count} sessions, the {phase} limit is {limit}")
    checks.append(
        _check(
            "sessions-per-week",
            fails,
            "sessions per week stay within the phase's limit and the athlete's cap",
        )
    )

    # Content.
    fails, order_fails, compound_fails, time_fails, dose_fails = [], [], [], [], []
    for d, s in _sessions(plan):
        blocks = [e["block"] for e in s["exercises"]]
        if blocks != sorted(blocks, key=lambda b: BLOCKS.index(b) if b in BLOCKS else 99):
            order_fails.append(f"{s['id']}: blocks out of order")
        mains = [e for e in s["exercises"] if e["block"] == "main"]
        seen_isolation = False
        for e in mains:
            if not e["compound"]:
                seen_isolation = True
            elif seen_isolation:
                compound_fails.append(f"{s['id']}: {e['exercise_id']} after an isolation lift")
        if s["duration_min"] > profile.session_minutes:
            time_fails.append(f"{s['id']}: {s['duration_min']} min > {profile.session_minutes}")
        for e in s["exercises"]:
            ex_id = e["exercise_id"]
            if ex_id not in catalog:
                fails.append(f"{s['id']}: unknown exercise {ex_id!r}")
                continue
            ex = catalog.get(ex_id)
            if not ex.doable_with(profile.equipment):
                fails.append(f"{s['id']}: {ex_id} needs {', '.join(ex.equipment)}")
            if ex.level_rank > level_cap(profile.lifting_experience, d["phase"]):
                fails.append(f"{s['id']}: {ex_id} is {ex.level} level")
            doses = [e.get("reps"), e.get("duration_s"), e.get("contacts")]
            if sum(v is not None for v in doses) != 1 or (e.get("sets") or 0) < 1:
                dose_fails.append(
                    f"{s['id']}: {ex_id} needs sets and one of reps, duration_s or contacts"
                )
    checks.append(
        _check(
            "equipment-and-level",
            fails,
            "every exercise is in the catalog and the athlete's equipment and level allow it",
        )
    )
    checks.append(
        _check(
            "block-order",
            order_fails,
            "warm-up, power, main, accessory, core, prehab in that order",
        )
    )
    checks.append(
        _check("compound-first", compound_fails, "compound lifts come first in the main block")
    )
    checks.append(_check("fits-time", time_fails, "every session fits the session minutes"))
    checks.append(_check("dose", dose_fails, "every exercise has sets and exactly one dose"))

    checks.extend(_balance_checks(plan))
    checks.extend(_volume_checks(plan))
    checks.extend(_safety_checks(plan, profile, race))
    return checks


def _is_full(days: list[dict[str, Any]]) -> bool:
    return len(days) == 7


def _balance_checks(plan: dict[str, Any]) -> list[Check]:
    pull_fails, ratio_fails, uni_fails, cover_fails, cap_fails = [], [], [], [], []
    for index, days in _weeks(plan).items():
        exercises = _week_exercises(days)
        if not exercises:
            continue
        push = sum(e["sets"] for e in exercises if e["pattern"] in PUSH)
        pull = sum(e["sets"] for e in exercises if e["pattern"] in PULL)
        if pull < push:
            pull_fails.append(f"week {index}: {pull} pull < {push} push sets")
        knee = sum(e["sets"] for e in exercises if e["pattern"] in KNEE_DOMINANT)
        hip = sum(e["sets"] for e in exercises if e["pattern"] in HIP_DOMINANT)
        if knee and hip and not 0.5 <= knee / hip <= 2.0:
            ratio_fails.append(f"week {index}: knee:hip {knee}:{hip}")
        legs = sum(e["sets"] for e in exercises if e["pattern"] in LEG_PATTERNS)
        if legs > LEG_SET_CAP:
            cap_fails.append(f"week {index}: {legs} hard lower-body sets")
        phase = days[0]["phase"]
        if phase not in TRAINING_PHASES or not _is_full(days):
            continue
        lacking = coverage.missing(
            coverage.tags(e["pattern"], e["primary_muscles"], e["unilateral"]) for e in exercises
        )
        if "single-leg work" in lacking:
            uni_fails.append(f"week {index}: no single-leg work")
        missing = [m for m in lacking if m != "single-leg work"]
        if knee + hip == 0 and not missing:
            missing = ["lower-body strength"]
        if missing:
            cover_fails.append(f"week {index}: no {', '.join(missing)}")
    return [
        _check("pull-push", pull_fails, "pull sets ≥ push sets every week"),
        _check("knee-hip-balance", ratio_fails, "knee:hip-dominant sets within 0.5–2.0"),
        _check("unilateral", uni_fails, "single-leg work every full training week"),
        _check(
            "coverage",
            cover_fails,
            "every full training week covers hamstrings, both calf raises, hip abductors "
            "and three kinds of core (taper, race and recovery weeks are exempt)",
        ),
        _check("leg-volume-cap", cap_fails, f"at most {LEG_SET_CAP} hard lower-body sets a week"),
    ]


def _week_volume(days: list[dict[str, Any]]) -> int:
    return sum(e["sets"] for e in _week_exercises(days))


def _volume_checks(plan: dict[str, Any]) -> list[Check]:
    weeks = list(_weeks(plan).values())
    deload_fails = []
    for before, days in itertools.pairwise(weeks):
        if days[0].get("deload") and _week_volume(days) >= _week_volume(before) > 0:
            deload_fails.append(
                f"deload week of {days[0]['date']}: {_week_volume(days)} sets, "
                f"not below {_week_volume(before)}"
            )
    peak = [_week_volume(w) for w in weeks if w[0]["phase"] == "peak" and _is_full(w)]
    if not peak:
        peak = [_week_volume(w) for w in weeks if w[0]["phase"] == "build" and _is_full(w)]
    taper_fails = []
    if peak:
        top = sum(peak) / len(peak)
        for w in weeks:
            if w[0]["phase"] == "taper" and _week_volume(w) > 0.6 * top:
                taper_fails.append(
                    f"taper week of {w[0]['date']}: {_week_volume(w)} sets > 60% of {top:.0f}"
                )
    return [
        _check("deload-lighter", deload_fails, "every deload week is lighter than the week before"),
        _check("taper-volume", taper_fails, "taper volume is at most 60% of the peak's"),
    ]


def _safety_checks(plan: dict[str, Any], profile: Profile, race: dt.date | None) -> list[Check]:
    rpe_fails, contact_fails, race_fails, new_fails = [], [], [], []
    cap = CONTACT_CAP[profile.lifting_experience]
    first_seen: dict[str, dt.date] = {}
    light_days: dict[dt.date, bool] = {}
    start = profile.start_date
    for d, s in _sessions(plan):
        date = dt.date.fromisoformat(d["date"])
        light_days[date] = s["intensity"] == "light"
        contacts = 0
        for e in s["exercises"]:
            first_seen.setdefault(e["exercise_id"], date)
            if d["phase"] == "technique" and (e.get("rpe") or 0) > 7:
                rpe_fails.append(f"{s['id']}: {e['exercise_id']} at RPE {e['rpe']}")
            if e.get("contacts"):
                contacts += e["sets"] * e["contacts"] * (2 if e.get("per_side") else 1)
        if contacts > cap:
            contact_fails.append(f"{s['id']}: {contacts} foot contacts > {cap}")
        if d["phase"] == "race" and s["intensity"] != "light":
            race_fails.append(f"{s['id']}: {s['intensity']} in race week")
    if race is not None:
        window = race - NEAR_RACE
        light_only = is_late_start(start, race)
        for ex_id, seen in sorted(first_seen.items(), key=lambda kv: kv[1]):
            if seen >= window and not (light_only and light_days.get(seen, False)):
                new_fails.append(f"{ex_id} first appears on {seen}, within 3 weeks of the race")
    checks = [
        _check("technique-rpe", rpe_fails, "technique weeks stay at RPE ≤ 7"),
        _check(
            "plyometric-contacts",
            contact_fails,
            f"at most {cap} foot contacts a session for this athlete",
        ),
        _check("race-week-light", race_fails, "race-week sessions are light"),
        _check(
            "no-new-near-race",
            new_fails,
            "no exercise is introduced in the last three weeks before the race (a plan "
            "starting within five weeks of it may, in light sessions only)",
        ),
    ]
    if profile.lifting_experience == "new":
        has_note = any("qualified" in n and "coach" in n for n in plan.get("notes", []))
        checks.append(
            _check(
                "coaching-advice",
                [] if has_note else ["no coaching note"],
                "a new lifter is told to get coaching on technique",
            )
        )
    return checks
