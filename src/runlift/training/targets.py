"""Target loads for a planned dose: e1RM × %1RM from the RTS chart, snapped down to real loads.

Rounding down means the target never asks for more than the estimate allows at the planned RPE;
the RPE the runner logs then corrects the estimate. With no history there is nothing to compute
from, so the honest answer is to ask the runner, or, when they want a default, to start light.
"""

from __future__ import annotations

from dataclasses import dataclass

from runlift.catalog import Exercise
from runlift.training.increments import Increments, implement
from runlift.training.rts import pct_1rm

START_RPE = (6.0, 7.0)  # a first session: a load that leaves 3–4 reps in reserve


def target_load(
    e1rm_kg: float,
    reps: int,
    rpe: float,
    increments: Increments,
    equipment: tuple[str, ...],
) -> float | None:
    """The load [kg] for ``reps`` at ``rpe`` from an e1RM [kg], rounded down to an available load.

    ``e1rm_kg × pct_1rm(reps, rpe)`` (RTS chart, ``docs/science.md``), then the heaviest available
    load at or below it. None when the dose is beyond the chart (more than 12 effective reps), the
    equipment carries no load, or even the lightest load is above the allowed one.

    >>> target_load(150.0, 5, 8.0, Increments(), ("barbell",))  # 150 × 0.811 = 121.65
    120.0
    """
    if e1rm_kg < 0:
        raise ValueError(f"e1RM must not be negative, got {e1rm_kg} kg")
    pct = pct_1rm(reps, rpe)
    if pct is None or implement(equipment) is None:
        return None
    allowed = e1rm_kg * pct
    if allowed < increments.lightest(equipment):
        return None
    return increments.round_down(allowed, equipment)


@dataclass(frozen=True)
class StartingLoad:
    """A first-session load when nothing is logged yet."""

    load_kg: float
    rpe_low: float
    rpe_high: float
    reason: str


def starting_load(
    exercise: Exercise,
    increments: Increments,
    *,
    conservative_default: bool = False,
) -> StartingLoad | None:
    """A load for the first session of a loaded exercise with no history, or None.

    None by default: the caller asks the runner what they lift. With ``conservative_default`` it
    is the lightest available load (the empty bar, the smallest bell, the top of the stack) to be
    worked at RPE 6–7: add load between sets while reps stay easy. The first logged sets calibrate
    the e1RM, and targets follow from them. Also None for exercises without an external load.
    """
    if not conservative_default or not exercise.externally_loaded:
        return None
    if implement(exercise.equipment) is None:
        return None
    load = increments.lightest(exercise.equipment)
    low, high = START_RPE
    return StartingLoad(
        load_kg=load,
        rpe_low=low,
        rpe_high=high,
        reason=(
            f"No {exercise.name} logged yet: start at {load:g} kg and add load between sets only "
            f"while it feels like RPE {low:g}–{high:g} (3–4 reps in reserve); these first sets "
            "calibrate your next targets."
        ),
    )
