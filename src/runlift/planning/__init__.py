"""Profile → periodised plan: phases, placement, selection, dosing and self-audit (pure core)."""

from runlift.planning.audit import audit
from runlift.planning.builder import build_plan, resolve_focus
from runlift.planning.model import Plan, PlanDay, PlannedExercise, Session
from runlift.planning.profile import Profile, profile_from_dict

__all__ = [
    "Plan",
    "PlanDay",
    "PlannedExercise",
    "Profile",
    "Session",
    "audit",
    "build_plan",
    "profile_from_dict",
    "resolve_focus",
]
