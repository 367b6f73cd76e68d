"""The loads an athlete can actually put on: bar and plates, dumbbells, kettlebells, a stack.

A target of 61.3 kg is no use to someone whose plates step by 2.5 kg, so every target is snapped to
a load that exists. Snapping is always *down*, so a target never asks for more than the e1RM or the
progression rule allowed.

Loads are per implement as logged: the whole barbell with plates, one dumbbell or one kettlebell
(the same bell in each hand for two-handed dumbbell work), and the pin on a cable or machine stack.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

# The implement that carries the load, in the order one is chosen when several are listed.
LOADED_IMPLEMENTS: tuple[str, ...] = ("barbell", "dumbbells", "kettlebell", "cable", "machine")
KETTLEBELLS_KG: tuple[float, ...] = (8.0, 12.0, 16.0, 20.0, 24.0, 28.0, 32.0)


def implement(equipment: tuple[str, ...]) -> str | None:
    """The equipment item that carries the load (barbell first), or None for bodyweight work."""
    return next((item for item in LOADED_IMPLEMENTS if item in equipment), None)


def _ladder(start_kg: float, step_kg: float, max_kg: float) -> tuple[float, ...]:
    count = int((max_kg - start_kg) / step_kg + 1e-9)
    return tuple(round(start_kg + k * step_kg, 3) for k in range(count + 1))


@dataclass(frozen=True)
class Increments:
    """What the athlete can load, per implement [kg].

    - barbell: ``bar_kg + k·plate_step_kg`` up to ``barbell_max_kg``; the default step of 2.5 kg is
      a pair of 1.25 kg plates;
    - dumbbells: ``dumbbells_kg`` when given (the ones owned), otherwise ``dumbbell_min_kg +
      k·dumbbell_step_kg`` up to ``dumbbell_max_kg``;
    - kettlebells: the sizes in ``kettlebells_kg``;
    - cable and machine: ``stack_step_kg·k`` from ``stack_step_kg`` up to ``stack_max_kg``.
    """

    bar_kg: float = 20.0
    plate_step_kg: float = 2.5
    barbell_max_kg: float = 300.0
    dumbbell_step_kg: float = 2.0
    dumbbell_min_kg: float = 2.0
    dumbbell_max_kg: float = 50.0
    dumbbells_kg: tuple[float, ...] | None = None
    kettlebells_kg: tuple[float, ...] = KETTLEBELLS_KG
    stack_step_kg: float = 5.0
    stack_max_kg: float = 150.0

    def __post_init__(self) -> None:
        problems = [
            name
            for name in ("plate_step_kg", "dumbbell_step_kg", "dumbbell_min_kg", "stack_step_kg")
            if getattr(self, name) <= 0
        ]
        if self.bar_kg < 0:
            problems.append("bar_kg")
        if self.barbell_max_kg < self.bar_kg:
            problems.append("barbell_max_kg")
        if self.dumbbell_max_kg < self.dumbbell_min_kg:
            problems.append("dumbbell_max_kg")
        if self.stack_max_kg < self.stack_step_kg:
            problems.append("stack_max_kg")
        for name in ("dumbbells_kg", "kettlebells_kg"):
            sizes = getattr(self, name)
            if sizes is not None and (not sizes or min(sizes) <= 0):
                problems.append(name)
        if problems:
            raise ValueError(f"impossible increments: {', '.join(problems)}")

    def available(self, equipment: tuple[str, ...]) -> tuple[float, ...]:
        """Every load [kg] the implement in ``equipment`` offers, lightest first.

        ValueError when ``equipment`` has no loaded implement (bodyweight, band, box…).
        """
        item = implement(equipment)
        if item == "barbell":
            return _ladder(self.bar_kg, self.plate_step_kg, self.barbell_max_kg)
        if item == "dumbbells":
            if self.dumbbells_kg is not None:
                return tuple(sorted(set(self.dumbbells_kg)))
            return _ladder(self.dumbbell_min_kg, self.dumbbell_step_kg, self.dumbbell_max_kg)
        if item == "kettlebell":
            return tuple(sorted(set(self.kettlebells_kg)))
        if item in ("cable", "machine"):
            return _ladder(self.stack_step_kg, self.stack_step_kg, self.stack_max_kg)
        raise ValueError(f"no loaded implement in {equipment!r}")

    def lightest(self, equipment: tuple[str, ...]) -> float:
        """The lightest load [kg] of the implement (the empty bar, the smallest bell)."""
        return self.available(equipment)[0]

    def round_down(self, load_kg: float, equipment: tuple[str, ...]) -> float:
        """The heaviest available load [kg] at or below ``load_kg``.

        Never above the target, except when the target is lighter than the lightest load: then
        the lightest load, the least the implement allows (callers that must not exceed a target
        check :meth:`lightest` first).

        >>> Increments().round_down(61.0, ("barbell",))
        60.0
        """
        loads = self.available(equipment)
        index = bisect.bisect_right(loads, load_kg)
        return loads[max(index - 1, 0)]

    def step_up(self, load_kg: float, equipment: tuple[str, ...]) -> float | None:
        """The lightest available load [kg] above ``load_kg``; None when nothing is heavier."""
        loads = self.available(equipment)
        index = bisect.bisect_right(loads, load_kg)
        return loads[index] if index < len(loads) else None

    def step_down(self, load_kg: float, equipment: tuple[str, ...]) -> float | None:
        """The heaviest available load [kg] below ``load_kg``; None when nothing is lighter."""
        loads = self.available(equipment)
        index = bisect.bisect_left(loads, load_kg)
        return loads[index - 1] if index > 0 else None
