"""Progression by volume: seconds for holds, foot contacts for plyometrics.

Holds grow by +5 s a session when every set was held at or below the target RPE, up to 60 s, then
move to a harder exercise (``docs/science.md``: time-based holds progress by seconds, +5–10 s).
Plyometrics grow by +10% contacts while technique holds, never past the planner's per-session cap
(NSCA beginners 80–100 contacts), then progress in intensity instead (pogos → bounds → hops).
"""

from __future__ import annotations

import math
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
)
from runlift.training.summary import ExerciseSession

HOLD_STEP_S = 5
HOLD_CAP_S = 60
HOLD_MIN_S = 10
CONTACT_STEP = 0.10


def hold_target(
    ex: Exercise,
    dose: dosing.Dose,
    base: NextTarget,
    last: ExerciseSession,
    prev: ExerciseSession | None,
) -> NextTarget:
    planned = dose.duration_s or 0
    held_s = int(last.min_duration_s or 0)
    target = replace(base, load_kg=last.load_kg)
    over = overshoot(dose.rpe, last, prev)
    if over is not None:
        why = over[1]
        shorter = max(HOLD_MIN_S, min(planned, held_s) - HOLD_STEP_S)
        target = replace(
            target,
            duration_s=shorter,
            deload_suggested=True,
            rules=("rpe-overshoot",),
            reason=f"{why} — hold {shorter} s and consider a deload week.",
        )
        return also_form(ex, target, last)
    if form_bad(last):
        return form_first(ex, target, last, f"{planned} s holds")
    rpe = f" at RPE ≤ {dose.rpe:g}" if dose.rpe is not None else ""
    if held_s >= planned and rpe_ok(dose, last):
        if held_s >= HOLD_CAP_S:
            nxt = ex.progressions[0] if ex.progressions else None
            then = f"move on to {nxt}" if nxt else "add load or a harder position"
            reason = f"Holds: every set reached the {HOLD_CAP_S} s cap{rpe} — {then}."
            return replace(
                target,
                duration_s=HOLD_CAP_S,
                hold=True,
                rules=("hold-cap",),
                reason=reason,
                suggested_progression=nxt,
            )
        longer = min(HOLD_CAP_S, held_s + HOLD_STEP_S)
        reason = (
            f"Holds: every set held {held_s} s{rpe} — next {longer} s "
            f"(+{HOLD_STEP_S} s a session, up to {HOLD_CAP_S} s)."
        )
        return replace(target, duration_s=longer, rules=("hold-progression",), reason=reason)
    reason = f"Holds: not every set reached {planned} s{rpe} — repeat {planned} s."
    return replace(target, duration_s=planned, hold=True, rules=("repeat",), reason=reason)


def contacts_target(
    ex: Exercise,
    dose: dosing.Dose,
    base: NextTarget,
    last: ExerciseSession,
    prev: ExerciseSession | None,
    contact_cap: int | None,
) -> NextTarget:
    cap = dosing.CONTACT_CAP["new"] if contact_cap is None else contact_cap
    per_set_count = dose.sets * (2 if dose.per_side else 1)
    done = last.total_contacts
    over = overshoot(dose.rpe, last, prev)
    if over is not None:
        why = over[1]
        fewer = max(1, math.floor(done * (1 - CONTACT_STEP) / per_set_count))
        target = replace(
            base,
            contacts=fewer,
            deload_suggested=True,
            rules=("rpe-overshoot",),
            reason=f"{why} — cut to {fewer * per_set_count} contacts (−10%).",
        )
        return also_form(ex, target, last)
    if form_bad(last):
        return form_first(ex, base, last, f"{dose.contacts} contacts a set")
    per_set = max(1, round(done * (1 + CONTACT_STEP) / per_set_count))
    if per_set * per_set_count <= done:
        per_set += 1  # at least one more contact a set
    per_set = min(per_set, cap // per_set_count)
    if per_set * per_set_count <= done:
        nxt = ex.progressions[0] if ex.progressions else None
        then = f"progress intensity instead: {nxt}" if nxt else "keep this volume"
        keep = max(1, per_set)
        reason = f"Plyometrics: at the {cap}-contact session cap — {then}."
        return replace(
            base,
            contacts=keep,
            hold=True,
            rules=("contacts-cap",),
            reason=reason,
            suggested_progression=nxt,
        )
    total = per_set * per_set_count
    reason = (
        f"Plyometrics: no technique problems logged — about +10% contacts: {done} → {total} "
        f"({per_set} a set), within the {cap}-contact session cap."
    )
    return replace(base, contacts=per_set, rules=("contacts-progression",), reason=reason)
