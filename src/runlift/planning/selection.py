"""Choose the exercise for each slot, phase by phase.

Candidates are what the athlete's equipment and level allow, minus exercises their areas of concern
ask us to delay (all plan long for heavy spinal loading with a lower-back concern). The ranking is a
sum of named preferences, so a coach can read why an exercise won:
compound and loadable lifts for the main block, two-sided heavy lifts for a power focus, single-leg
work for a form focus, benefits matching a concern, and the user's favourite movements.

Variations rotate between phases, never within one: technique and base choose afresh, build moves
each slot to a harder version of the same movement where the level allows, and every later phase
keeps what the runner already knows, so nothing new arrives close to a race.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from runlift.catalog import Catalog, Exercise
from runlift.catalog.vocab import LEVELS
from runlift.planning.slots import SLOTS

# The user's favourite movements (DEVELOPERS.md): chosen whenever the slot and equipment allow.
FAVOURITES = frozenset(
    {
        "back-squat",
        "goblet-squat",
        "reverse-lunge",
        "dumbbell-reverse-lunge",
        "sumo-deadlift",
        "kettlebell-sumo-deadlift",
        "dumbbell-sumo-deadlift",
        "single-leg-deadlift",
        "dumbbell-single-leg-deadlift",
        "kettlebell-single-leg-deadlift",
        "front-plank",
        "side-plank",
        "copenhagen-plank",
        "short-lever-copenhagen-plank",
        "plank-shoulder-tap",
        "push-up",
        "incline-push-up",
        "dumbbell-row",
        "barbell-row",
        "kettlebell-row",
        "chest-supported-dumbbell-row",
    }
)
FRESH_PHASES = frozenset({"technique", "base"})  # may introduce exercises
# How long a concern's cautions hold: these phases, or the whole plan for the listed concerns.
EARLY_PHASES = frozenset({"technique", "base"})
WHOLE_PLAN_CAUTIONS = frozenset({"lower-back"})


@dataclass(frozen=True)
class Context:
    equipment: tuple[str, ...]
    experience: str  # new | some | experienced
    focus: str  # power | endurance | form
    concerns: tuple[str, ...]


def level_cap(experience: str, phase: str) -> int:
    """Highest catalog level (0–2) the athlete may do in this phase."""
    if experience == "new":
        return 0 if phase in FRESH_PHASES else 1
    return 1 if experience == "some" else 2


def allowed(ex: Exercise, ctx: Context, phase: str) -> bool:
    if not ex.doable_with(ctx.equipment) or ex.level_rank > level_cap(ctx.experience, phase):
        return False
    for concern in ex.cautions:
        if concern in ctx.concerns and (concern in WHOLE_PLAN_CAUTIONS or phase in EARLY_PHASES):
            return False
    return True


def _rank(ex: Exercise, slot_key: str, ctx: Context, phase: str) -> tuple[float, int]:
    spec = SLOTS[slot_key]
    score = 0.0
    if not (spec.block == "main" and ctx.focus == "form"):  # form: single-leg over pattern order
        score += 4.0 * spec.patterns.index(ex.pattern)  # the slot's preferred pattern first
    if ex.id in FAVOURITES:
        score -= 3.0
    score -= 1.5 * len(set(ex.runner_benefits) & set(ctx.concerns))
    if spec.block == "main":
        score -= 2.0 if ex.externally_loaded else 0.0
        score -= 1.0 if ex.compound else 0.0
        if ctx.focus == "power":
            score -= 1.5 if not ex.unilateral and slot_key.endswith("-main") else 0.0
        if ctx.focus == "form":
            score -= 3.0 if ex.unilateral else 0.0
    if spec.block == "power":
        # Plyometric ladder: beginners' drills in base, the next rung in build.
        target = 0 if phase in FRESH_PHASES else 1
        score += 2.0 * abs(ex.level_rank - min(target, level_cap(ctx.experience, phase)))
    elif phase in FRESH_PHASES:
        score += 1.0 * ex.level_rank  # start easy, the harder version comes in build
    else:
        score -= 0.5 * ex.level_rank
    return score, 0


def select(
    catalog: Catalog,
    keys: list[str],
    ctx: Context,
    phase: str,
    previous: Mapping[str, str],
    known: frozenset[str] | None = None,
) -> dict[str, str]:
    """Slot key → exercise id for one phase, given the previous phase's choices.

    ``known`` is set when the phase starts within three weeks of the race: then only exercises the
    runner has already done are chosen, wherever one fits the slot. Within a phase each exercise
    fills one slot, unless nothing else the athlete can do fits it.
    """
    order = {ex.id: i for i, ex in enumerate(catalog)}
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for key in keys:
        spec = SLOTS[key]
        prev = previous.get(key)
        if phase not in FRESH_PHASES and prev is not None and (known is None or prev in known):
            progress = phase == "build" and known is None
            pick = _progress(catalog, prev, ctx, phase) if progress else prev
            if pick not in used:
                chosen[key] = pick
                used.add(pick)
                continue
        fitting = [ex for ex in catalog if spec.fits(ex) and allowed(ex, ctx, phase)]
        if known is not None:
            fitting = [ex for ex in fitting if ex.id in known] or fitting
        pool = [ex for ex in fitting if ex.id not in used] or fitting
        if not pool:
            continue
        best = min(pool, key=lambda ex: (_rank(ex, key, ctx, phase), order[ex.id]))
        chosen[key] = best.id
        used.add(best.id)
    return chosen


def _progress(catalog: Catalog, exercise_id: str, ctx: Context, phase: str) -> str:
    """The first harder version of an exercise the athlete may do, or the exercise itself."""
    for harder in catalog.get(exercise_id).progressions:
        ex = catalog.get(harder)
        if allowed(ex, ctx, phase) and ex.pattern == catalog.get(exercise_id).pattern:
            return harder
    return exercise_id


def level_name(rank: int) -> str:
    return LEVELS[rank]
