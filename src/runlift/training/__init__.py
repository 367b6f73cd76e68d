"""Logged training turned into next targets: e1RM, the RTS chart, loads, progression, adherence.

Pure core: standard library, ``runlift.catalog`` and ``runlift.planning`` only; the date comes in
as an argument.
"""

from runlift.training.adherence import (
    Reschedule,
    WeekAdherence,
    reschedule,
    week_start,
    weekly_adherence,
)
from runlift.training.advice import NextTarget
from runlift.training.e1rm import Estimate, best_e1rm, e1rm_of_set, one_rm_brzycki, one_rm_epley
from runlift.training.increments import Increments, implement
from runlift.training.model import LoggedSet, Run, StrengthSession
from runlift.training.progression import is_large_lift, next_target
from runlift.training.rts import effective_reps, pct_1rm, reps_at
from runlift.training.summary import ExerciseSession, exercise_sessions
from runlift.training.targets import StartingLoad, starting_load, target_load

__all__ = [
    "Estimate",
    "ExerciseSession",
    "Increments",
    "LoggedSet",
    "NextTarget",
    "Reschedule",
    "Run",
    "StartingLoad",
    "StrengthSession",
    "WeekAdherence",
    "best_e1rm",
    "e1rm_of_set",
    "effective_reps",
    "exercise_sessions",
    "implement",
    "is_large_lift",
    "next_target",
    "one_rm_brzycki",
    "one_rm_epley",
    "pct_1rm",
    "reps_at",
    "reschedule",
    "starting_load",
    "target_load",
    "week_start",
    "weekly_adherence",
]
