"""Flags: what in the numbers is worth acting on, each with a suggested action.

A flag's ``adjustment`` names a change runlift can make to the upcoming plan; it is applied only
when the athlete accepts it (``runlift flags accept``). The thresholds and their sources:

- ACWR ≥ 1.5: Gabbett 2016's "high" label, shown as a description of a rising load, never an
  injury probability (Lolli 2019; Impellizzeri 2020).
- a running week > 30% above the week before: Nielsen 2014 [cohort] (the 10% rule did not cut
  injuries, Buist 2008 [RCT]).
- monotony > 2.0: Foster 1998 **[practice]**.
- pull sets below push sets, knee:hip outside 0.5–2.0: **[practice]** (``docs/science.md``).
- a limb symmetry index below 90% beyond the athlete's own noise: Bishop 2020.
- no work for a weekly must-have in 14 days: ``docs/science.md`` Balance.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from runlift.analytics.acwr import HIGH as ACWR_HIGH
from runlift.analytics.balance import KNEE_HIP_RANGE, PULL_PUSH_MIN
from runlift.analytics.model import Asymmetry, DayMetrics, Flag, WeekBalance
from runlift.analytics.monotony import MONOTONY_HIGH

RUN_JUMP = 0.30
MAINTENANCE = "maintenance-week"
UNILATERAL = "unilateral-emphasis"
CUT_TO_MAINTENANCE = (
    "cut this week's strength sessions to maintenance volume (half the sets at the same loads) "
    "and keep the runs easy until the trend settles"
)


def _week_of(on: dt.date) -> dt.date:
    return on - dt.timedelta(days=on.weekday())


def _week_load(days: Sequence[DayMetrics], week_start: dt.date, kind: str) -> float:
    end = week_start + dt.timedelta(days=6)
    return sum(d.load_run if kind == "run" else d.load for d in days if week_start <= d.on <= end)


def _rise(now: float, before: float) -> str:
    return f"rose {100 * (now / before - 1):.0f}%" if before > 0 else "started from nothing"


def load_flags(
    days: Sequence[DayMetrics], weeks: Sequence[WeekBalance], end: dt.date
) -> list[Flag]:
    """ACWR, running-distance jumps and monotony, at most one flag of a kind a week."""
    flags: list[Flag] = []
    seen: set[tuple[dt.date, str]] = set()
    for d in days:
        week = _week_of(d.on)
        if d.acwr is not None and d.acwr >= ACWR_HIGH and (week, "acwr-high") not in seen:
            seen.add((week, "acwr-high"))
            this = _week_load(days, week, "run")
            before = _week_load(days, week - dt.timedelta(days=7), "run")
            flags.append(
                Flag(
                    d.on,
                    "acwr-high",
                    f"Running load {_rise(this, before)} this week and ACWR is {d.acwr:.2f}: "
                    "load is rising faster than your recent norm (a descriptive trend, not an "
                    "injury risk).",
                    CUT_TO_MAINTENANCE[0].upper() + CUT_TO_MAINTENANCE[1:] + ".",
                    adjustment=MAINTENANCE,
                    id=f"{week.isoformat()}-acwr-high",
                )
            )
        if d.monotony is not None and d.monotony > MONOTONY_HIGH and (week, "mono") not in seen:
            seen.add((week, "mono"))
            flags.append(
                Flag(
                    d.on,
                    "monotony-high",
                    f"Training monotony is {d.monotony:.1f} over the last 7 days (above 2.0): "
                    "the days are too alike for the body to absorb them [practice].",
                    "Make the easy days easier or take a full rest day this week.",
                    id=f"{week.isoformat()}-monotony-high",
                )
            )
    for prev_w, this_w in itertools.pairwise(weeks):
        prev_m, now_m = prev_w.run_distance_m, this_w.run_distance_m
        if prev_m > 0 and now_m > prev_m * (1 + RUN_JUMP):
            last_day = min(this_w.week_start + dt.timedelta(days=6), end)
            flags.append(
                Flag(
                    last_day,
                    "run-distance-jump",
                    f"Running distance {_rise(now_m, prev_m)} from the week before "
                    f"({prev_m / 1000:.1f} → {now_m / 1000:.1f} km), more than the 30% that "
                    "Nielsen 2014 linked to running injuries.",
                    "Hold next week's distance at this week's; " + CUT_TO_MAINTENANCE + ".",
                    adjustment=MAINTENANCE,
                    id=f"{this_w.week_start.isoformat()}-run-distance-jump",
                )
            )
    return flags


def balance_flags(weeks: Sequence[WeekBalance], end: dt.date) -> list[Flag]:
    """Push:pull and knee:hip, for weeks with strength work."""
    flags: list[Flag] = []
    for w in weeks:
        if w.strength_sessions == 0:
            continue
        on = min(w.week_start + dt.timedelta(days=6), end)
        if w.push_sets > 0 and w.pull_sets < w.push_sets * PULL_PUSH_MIN:
            flags.append(
                Flag(
                    on,
                    "push-pull",
                    f"{w.pull_sets:g} pulling sets to {w.push_sets:g} pushing sets this week; "
                    "aim for at least as much pulling as pushing [practice].",
                    "Add a set of rows or pull-ups, or swap a push for a pull, next session.",
                    severity="info",
                )
            )
        knee, hip = w.knee_dominant_sets, w.hip_dominant_sets
        low, high = KNEE_HIP_RANGE
        if knee + hip > 0 and (hip == 0 or not low <= knee / hip <= high):
            ratio = "no hip-dominant work" if hip == 0 else f"knee:hip {knee / hip:.1f}"
            more = "hinge (deadlift, hip thrust, Nordic)" if knee > hip else "squat or lunge"
            flags.append(
                Flag(
                    on,
                    "knee-hip",
                    f"{knee:g} knee-dominant to {hip:g} hip-dominant sets this week ({ratio}); "
                    f"keep it within {low}–{high} [practice].",
                    f"Balance the legs with more {more} work next session.",
                    severity="info",
                )
            )
    return flags


def asymmetry_flags(items: Sequence[Asymmetry], on: dt.date) -> list[Flag]:
    """A limb symmetry index below 90% (beyond the athlete's noise) asks for unilateral work."""
    flags = []
    for a in items:
        if not a.flag:
            continue
        noise = f", beyond your set-to-set noise of {a.noise:.0%}" if a.noise is not None else ""
        flags.append(
            Flag(
                on,
                "asymmetry",
                f"{a.exercise_id}: the {a.weaker_side} side does {a.lsi:.0%} of the other "
                f"({a.measure}, {a.sessions} session{'s' if a.sessions != 1 else ''}{noise}); "
                "below the usual 90% flag "
                "(Bishop 2020).",
                f"Unilateral emphasis: start each single-leg or single-arm exercise with the "
                f"{a.weaker_side} side, match its reps on the other, and add a set for the "
                f"{a.weaker_side} side.",
                adjustment=UNILATERAL,
                id=f"{on.isoformat()}-asymmetry-{a.exercise_id}",
                detail=a.weaker_side,
            )
        )
    return flags


def coverage_flags(gaps: Sequence[str], on: dt.date) -> list[Flag]:
    """Must-haves left untrained for 14 days."""
    if not gaps:
        return []
    return [
        Flag(
            on,
            "coverage-gap",
            "Not trained in the last 14 days: " + ", ".join(gaps) + ".",
            "Follow the plan's sessions, which cover every must-have each week, or add one "
            "exercise for each of these to your next session.",
            severity="info",
        )
    ]
