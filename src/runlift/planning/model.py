"""The plan as typed values, and its contract form (``docs/contracts.md`` §2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from runlift.catalog import Exercise
from runlift.planning.dosing import Dose
from runlift.planning.phases import Phase
from runlift.planning.profile import Profile

PLAN_SCHEMA = "runlift.plan/1"


@dataclass(frozen=True)
class PlannedExercise:
    order: int
    block: str
    exercise: Exercise
    dose: Dose
    rationale: str

    def to_contract(self) -> dict[str, Any]:
        ex, d = self.exercise, self.dose
        return {
            "order": self.order,
            "block": self.block,
            "exercise_id": ex.id,
            "name": ex.name,
            "pattern": ex.pattern,
            "compound": ex.compound,
            "unilateral": ex.unilateral,
            "primary_muscles": list(ex.primary_muscles),
            "secondary_muscles": list(ex.secondary_muscles),
            "sets": d.sets,
            "reps": d.reps,
            "duration_s": d.duration_s,
            "contacts": d.contacts,
            "per_side": d.per_side,
            "rpe": d.rpe,
            "pct_1rm": d.pct_1rm,
            "rest_s": d.rest_s,
            "cues": list(ex.cues),
            "rationale": self.rationale,
        }


@dataclass(frozen=True)
class Session:
    id: str
    title: str
    intensity: str  # light | moderate | heavy
    duration_min: int
    timing: str
    rationale: str
    exercises: tuple[PlannedExercise, ...]
    template: str

    def to_contract(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "intensity": self.intensity,
            "duration_min": self.duration_min,
            "timing": self.timing,
            "rationale": self.rationale,
            "exercises": [e.to_contract() for e in self.exercises],
        }


@dataclass(frozen=True)
class PlanDay:
    date: dt.date
    weekday: str
    phase: str
    run: str
    week: int  # 0-based index of the plan week
    deload: bool
    strength: Session | None = None

    def to_contract(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "weekday": self.weekday,
            "phase": self.phase,
            "week": self.week + 1,
            "deload": self.deload,
            "run": self.run,
            "strength": self.strength.to_contract() if self.strength else None,
        }


@dataclass(frozen=True)
class Plan:
    generated_by: str
    profile: Profile
    focus: str
    focus_reason: str
    phases: tuple[Phase, ...]
    days: tuple[PlanDay, ...]
    notes: tuple[str, ...]
    checks: tuple[dict[str, Any], ...] = field(default=())

    def to_contract(self, with_checks: bool = True) -> dict[str, Any]:
        race = None
        if self.profile.race_date is not None:
            race = {"distance": self.profile.race, "date": self.profile.race_date.isoformat()}
        doc: dict[str, Any] = {
            "schema": PLAN_SCHEMA,
            "generated_by": self.generated_by,
            "profile": self.profile.to_contract(),
            "focus": self.focus,
            "focus_reason": self.focus_reason,
            "race": race,
            "phases": [
                {
                    "name": p.name,
                    "start": p.start.isoformat(),
                    "end": p.end.isoformat(),
                    "goal": p.goal,
                }
                for p in self.phases
            ],
            "days": [d.to_contract() for d in self.days],
            "notes": list(self.notes),
        }
        if with_checks:
            doc["checks"] = list(self.checks)
        return doc
