"""The next target for one exercise, from its planned dose and what the runner logged.

Progression is by rules a runner can check against their own log (``docs/science.md``, Load
prescription and progression): double progression and the "2-for-2" rule for reps, +2–5% or
+5–10% load by lift size (ACSM 2009, *MSSE* 41:687; NSCA), +5 s for holds, +10% foot contacts for
plyometrics. Two guards come first: poor technique holds the load ("form first"), and sessions that
keep feeling harder than planned lower it. Every target carries the rule and a one-line reason.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import replace

from runlift.catalog import Exercise
from runlift.planning import dosing
from runlift.training.advice import (
    NextTarget,
    also_form,
    form_bad,
    form_first,
    overshoot,
    rpe_ok,
    with_regression,
)
from runlift.training.e1rm import best_e1rm
from runlift.training.increments import Increments, implement
from runlift.training.model import StrengthSession
from runlift.training.summary import ExerciseSession, exercise_sessions
from runlift.training.targets import START_RPE, starting_load, target_load
from runlift.training.volume import contacts_target, hold_target

LARGE_PATTERNS = frozenset({"squat", "hinge", "lunge", "single-leg-hinge"})
# Load increase as a fraction of the last load: (usual, when the last session was ≥ 1 RPE easy).
LOAD_STEP_LARGE = (0.05, 0.10)  # lower-body and large lifts: +5–10% (ACSM 2009; NSCA)
LOAD_STEP_SMALL = (0.025, 0.05)  # upper-body and small lifts: +2–5%
REP_RANGE_EXTRA = 2  # double progression range: planned reps to planned reps + 2
TWO_FOR_TWO_EXTRA = 2  # extra reps on the last set, in 2 sessions in a row
OVERSHOOT_CUT = (0.05, 0.10)  # −5% when ≥ 1 RPE over, −10% when ≥ 2 over [practice]


def is_large_lift(exercise: Exercise) -> bool:
    """A compound squat, hinge, lunge or single-leg hinge: the +5–10% lifts."""
    return exercise.compound and exercise.pattern in LARGE_PATTERNS


def next_target(
    exercise: Exercise,
    dose: dosing.Dose,
    sessions: Sequence[StrengthSession],
    increments: Increments | None = None,
    *,
    previous_dose: dosing.Dose | None = None,
    on: dt.date | None = None,
    contact_cap: int | None = None,
    conservative_start: bool = False,
) -> NextTarget:
    """The next target for ``exercise`` whose upcoming planned dose is ``dose``.

    ``sessions`` are recent logged sessions (any order; other exercises' sets are ignored).
    ``previous_dose`` is the dose planned last time: when its reps or RPE differ, the load comes
    from the e1RM (as of ``on``, else the last session) for the new scheme. ``contact_cap`` is
    the most foot contacts this exercise may have in the session (default: the planner's cap for
    a new athlete, ``dosing.CONTACT_CAP["new"]``). ``conservative_start`` gives a light first load
    when nothing is logged instead of None (ask the runner).
    """
    inc = increments or Increments()
    history = exercise_sessions(sessions, exercise.id)
    base = NextTarget(
        exercise.id,
        dose.sets,
        reps=dose.reps,
        duration_s=dose.duration_s,
        contacts=dose.contacts,
        rpe=dose.rpe,
    )
    if not history:
        return _first(exercise, base, inc, conservative_start)
    last = history[-1]
    prev = history[-2] if len(history) > 1 else None
    if dose.contacts is not None:
        return contacts_target(exercise, dose, base, last, prev, contact_cap)
    if dose.duration_s is not None:
        return hold_target(exercise, dose, base, last, prev)
    return _reps(exercise, dose, base, history, inc, previous_dose, on)


def _first(ex: Exercise, base: NextTarget, inc: Increments, conservative: bool) -> NextTarget:
    loaded = ex.externally_loaded and implement(ex.equipment) is not None
    if not loaded:
        return replace(base, rules=("first-session",), reason="First time: as planned.")
    start = starting_load(ex, inc, conservative_default=conservative)
    if start is None:
        reason = "No sets logged yet: pick a load you could lift 3–4 more times (RPE 6–7)."
        return replace(base, rules=("first-session",), reason=reason, calibrate=True)
    rpe = min(base.rpe, START_RPE[1]) if base.rpe is not None else START_RPE[1]
    return replace(
        base,
        load_kg=start.load_kg,
        rpe=rpe,
        rules=("first-session",),
        reason=start.reason,
        calibrate=True,
    )


def _reps(
    ex: Exercise,
    dose: dosing.Dose,
    base: NextTarget,
    history: list[ExerciseSession],
    inc: Increments,
    previous_dose: dosing.Dose | None,
    on: dt.date | None,
) -> NextTarget:
    last = history[-1]
    prev = history[-2] if len(history) > 1 else None
    reps = dose.reps or 1
    top = reps + REP_RANGE_EXTRA
    loaded = ex.externally_loaded and implement(ex.equipment) is not None
    eq = ex.equipment
    load = last.load_kg if loaded else None
    if load is not None and load >= inc.lightest(eq):
        load = inc.round_down(load, eq)  # a logged load the increments lack: the one below it
    new_scheme = None
    changed = previous_dose is not None and (previous_dose.reps, previous_dose.rpe) != (
        dose.reps,
        dose.rpe,
    )
    if load is not None and changed and dose.rpe is not None:
        dated = [(s.on, logged) for s in history for logged in s.sets]
        estimate = best_e1rm(dated, on or last.on)
        if estimate is not None:
            new_scheme = target_load(estimate.e1rm_kg, reps, dose.rpe, inc, eq)
    ref = load if new_scheme is None or load is None else min(load, new_scheme)
    held = replace(base, load_kg=ref, reps=reps)
    what = f"{ref:g} kg" if ref is not None else f"{reps} reps"

    over = overshoot(dose.rpe, last, prev)
    if over is not None:
        amount, why = over
        cut = OVERSHOOT_CUT[1] if amount >= 2 else OVERSHOOT_CUT[0]
        if ref is not None:
            raw = ref * (1 - cut)
            lower = inc.round_down(raw, eq)
            if lower >= ref:
                lower = inc.step_down(ref, eq) or ref
            change = f"lower to {lower:g} kg (−{cut:.0%})" if lower < ref else f"keep {ref:g} kg"
            target = replace(held, load_kg=lower, load_before_rounding_kg=raw)
            if lower >= ref:  # already the lightest load: an easier exercise is the way down
                target = with_regression(ex, target)
        else:
            fewer = max(1, min(reps - 1, math.floor(reps * (1 - cut))))
            change = f"cut to {fewer} reps"
            target = replace(held, reps=fewer)
        target = replace(
            target,
            deload_suggested=True,
            rules=("rpe-overshoot",),
            reason=f"{why} — {change} and consider a deload week.",
        )
        return also_form(ex, target, last)
    if form_bad(last):
        return form_first(ex, held, last, what)
    if new_scheme is not None:
        reason = (
            f"New rep scheme ({reps} @ RPE {dose.rpe:g}): from your estimated 1RM on the RTS "
            f"chart — {new_scheme:g} kg."
        )
        return replace(held, load_kg=new_scheme, rules=("new-scheme",), reason=reason)

    same_load = prev is not None and prev.load_kg == last.load_kg
    beat = [s.last_set_reps for s in (last, prev) if s is not None]
    two_for_two = same_load and all(r is not None and r >= reps + TWO_FOR_TWO_EXTRA for r in beat)
    at_top = last.min_reps is not None and last.min_reps >= top and rpe_ok(dose, last)
    if two_for_two or at_top:
        rule = "two-for-two" if two_for_two else "double-progression"
        why = (
            f"2-for-2 rule: {TWO_FOR_TWO_EXTRA}+ extra reps on the last set in 2 sessions in a row"
            if two_for_two
            else f"Double progression: every set reached the top of the {reps}–{top} range"
        )
        if loaded:
            return _add_load(ex, dose, held, last, inc, rule, why)
        return _bodyweight_top(ex, held, top, rule, why)
    at = f" at {ref:g} kg" if ref is not None else ""
    if last.min_reps is not None and last.min_reps >= reps and rpe_ok(dose, last):
        more = min(top, last.min_reps + 1)
        reason = (
            f"Double progression: every set reached {last.min_reps} — aim for {more} reps{at}; "
            f"load goes up once all sets reach {top}."
        )
        return replace(held, reps=more, rules=("double-progression",), reason=reason)
    missed = last.min_reps is None or last.min_reps < reps
    why = f"not every set reached {reps} reps" if missed else "sets were above the target RPE"
    reason = f"Consolidate: {why} last time — repeat {reps} reps{at}."
    return replace(held, hold=True, rules=("repeat",), reason=reason)


def _add_load(
    ex: Exercise,
    dose: dosing.Dose,
    held: NextTarget,
    last: ExerciseSession,
    inc: Increments,
    rule: str,
    why: str,
) -> NextTarget:
    eq = ex.equipment
    old = held.load_kg  # the last working load, on the athlete's increments
    if old is None:
        start = inc.lightest(eq)
        reason = f"{why} — add load: start at {start:g} kg."
        return replace(held, load_kg=start, rules=(rule,), reason=reason)
    large = is_large_lift(ex)
    usual, easy = LOAD_STEP_LARGE if large else LOAD_STEP_SMALL
    mean = last.mean_rpe
    roomy = dose.rpe is not None and mean is not None and mean <= dose.rpe - 1
    pct = easy if roomy else usual
    raw = old * (1 + pct)
    new: float | None = inc.round_down(raw, eq)
    if new is not None and new <= old:
        new = inc.step_up(old, eq)  # always at least one increment when progressing
    if new is None:
        nxt = ex.progressions[0] if ex.progressions else None
        then = f"move on to {nxt}" if nxt else "slow the tempo or add a pause"
        reason = f"{why}, but {old:g} kg is your heaviest load — {then}."
        return replace(held, hold=True, rules=(rule,), reason=reason, suggested_progression=nxt)
    band = "+5–10% for big lower-body lifts" if large else "+2–5% for upper-body and small lifts"
    reason = (
        f"{why} — add load: {old:g} → {new:g} kg ({band}, ACSM 2009; NSCA), "
        f"back to {held.reps} reps."
    )
    return replace(held, load_kg=new, rules=(rule,), reason=reason, load_before_rounding_kg=raw)


def _bodyweight_top(ex: Exercise, held: NextTarget, top: int, rule: str, why: str) -> NextTarget:
    nxt = ex.progressions[0] if ex.progressions else None
    then = f"move on to {nxt}" if nxt else "slow the tempo or add a pause to keep it hard"
    reason = f"{why} — {then}; keep {top} reps until then."
    return replace(held, reps=top, rules=(rule,), reason=reason, suggested_progression=nxt)
