"""What progression hands back (:class:`NextTarget`), and the guards every rule shares.

Two guards come before any increase, whatever the dose: poor technique holds the load ("form
first"), and two sessions in a row that felt ≥ 1 RPE harder than planned lower the target. They live
here so reps, holds and contacts apply them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from runlift.catalog import Exercise
from runlift.planning import dosing
from runlift.training.summary import ExerciseSession

TECHNIQUE_MIN = 3  # a rating below this (1–5) holds the load
OVERSHOOT_RPE = 1.0  # mean RPE this far above target, 2 sessions running, lowers the target


@dataclass(frozen=True)
class NextTarget:
    """What to do next time for one exercise, and why."""

    exercise_id: str
    sets: int
    reps: int | None = None
    duration_s: int | None = None
    contacts: int | None = None  # per set (per side when the dose is per side)
    load_kg: float | None = None  # None: bodyweight, or ask the runner
    rpe: float | None = None
    reason: str = ""
    rules: tuple[str, ...] = ()  # ids of the rules applied, e.g. ("two-for-two",)
    hold: bool = False  # nothing goes up this time
    regress: bool = False  # an easier exercise is suggested
    deload_suggested: bool = False
    calibrate: bool = False  # no history: the first logged sets set the targets
    suggested_regression: str | None = None
    suggested_progression: str | None = None
    load_before_rounding_kg: float | None = field(default=None, compare=False)


def overshoot(
    target_rpe: float | None, last: ExerciseSession, prev: ExerciseSession | None
) -> tuple[float, str] | None:
    """(RPE over target, reason) when the last two sessions both averaged ≥ 1 RPE over target."""
    if target_rpe is None or prev is None or last.mean_rpe is None or prev.mean_rpe is None:
        return None
    over = min(last.mean_rpe, prev.mean_rpe) - target_rpe
    if over < OVERSHOOT_RPE:
        return None
    reason = (
        f"RPE overshoot: the last 2 sessions averaged RPE {prev.mean_rpe:.1f} and "
        f"{last.mean_rpe:.1f} against a target of {target_rpe:g}"
    )
    return over, reason


def form_bad(last: ExerciseSession) -> bool:
    return last.min_technique is not None and last.min_technique < TECHNIQUE_MIN


def with_regression(ex: Exercise, target: NextTarget) -> NextTarget:
    regression = ex.regressions[0] if ex.regressions else None
    return replace(target, regress=regression is not None, suggested_regression=regression)


def form_first(ex: Exercise, target: NextTarget, last: ExerciseSession, what: str) -> NextTarget:
    regression = ex.regressions[0] if ex.regressions else None
    practise = f"practise {regression}" if regression else "practise it lighter and slower"
    reason = (
        f"Form first: technique was rated {last.min_technique}/5 last session — keep {what}, "
        f"no increase, and {practise} until it rates {TECHNIQUE_MIN}/5 or better."
    )
    return with_regression(ex, replace(target, hold=True, rules=("form-first",), reason=reason))


def also_form(ex: Exercise, target: NextTarget, last: ExerciseSession) -> NextTarget:
    """An overshoot target that also had poor technique: add the form-first regression."""
    if not form_bad(last):
        return target
    target = with_regression(ex, target)
    practise = f"practise {target.suggested_regression}" if target.regress else "go lighter"
    return replace(
        target,
        rules=(*target.rules, "form-first"),
        reason=f"{target.reason} Technique was rated {last.min_technique}/5: {practise} first.",
    )


def rpe_ok(dose: dosing.Dose, s: ExerciseSession) -> bool:
    """Every set at or below the target RPE (sets without an RPE do not count against it)."""
    return dose.rpe is None or s.max_rpe is None or s.max_rpe <= dose.rpe
