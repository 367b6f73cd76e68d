"""The controlled vocabularies of runlift's public contracts (``docs/contracts.md``).

They are tuples, not enums, because they are ids that cross every boundary (TOML, JSON, CLI flags)
as plain strings; keeping them as strings avoids a conversion layer at each edge. The order of each
tuple is the order in which they are listed to people.
"""

from __future__ import annotations

MUSCLES: tuple[str, ...] = (
    "quadriceps",
    "hamstrings",
    "glutes",
    "hip-abductors",
    "adductors",
    "hip-flexors",
    "calves",
    "soleus",
    "tibialis",
    "feet",
    "core",
    "obliques",
    "lower-back",
    "lats",
    "upper-back",
    "chest",
    "shoulders",
    "triceps",
    "biceps",
)

PATTERNS: tuple[str, ...] = (
    "squat",
    "hinge",
    "lunge",
    "single-leg-hinge",
    "push-horizontal",
    "push-vertical",
    "pull-horizontal",
    "pull-vertical",
    "core-anti-extension",
    "core-anti-rotation",
    "core-anti-lateral",
    "calf",
    "hip-abduction",
    "hamstring-curl",
    "plyometric",
    "carry",
    "mobility",
)

EQUIPMENT: tuple[str, ...] = (
    "bodyweight",
    "dumbbells",
    "kettlebell",
    "barbell",
    "bench",
    "box",
    "band",
    "pullup-bar",
    "cable",
    "machine",
    "trx",
    "sliders",
)

# A muscle asked for in a query also finds the muscles grouped under it: the soleus is part of the
# calf complex (triceps surae), and the obliques are core.
MUSCLE_FAMILIES: dict[str, frozenset[str]] = {
    "calves": frozenset({"calves", "soleus"}),
    "core": frozenset({"core", "obliques"}),
}

LEVELS: tuple[str, ...] = ("beginner", "intermediate", "advanced")

DOSES: tuple[str, ...] = ("reps", "duration", "contacts")

CONCERNS: tuple[str, ...] = (
    "knee",
    "achilles-calf",
    "shin",
    "hamstring",
    "hip",
    "lower-back",
    "foot",
)

BENEFITS: tuple[str, ...] = (
    *CONCERNS,
    "power",
    "strength",
    "endurance",
    "stability",
    "economy",
    "posture",
    "mobility",
)

# FIT SDK profile, type `exercise_category` (the names a watch understands), restricted to the
# ones that describe strength work a runner does. The numbers are the profile's values.
FIT_CATEGORIES: dict[str, int] = {
    "bench_press": 0,
    "calf_raise": 1,
    "cardio": 2,
    "carry": 3,
    "chop": 4,
    "core": 5,
    "crunch": 6,
    "curl": 7,
    "deadlift": 8,
    "flye": 9,
    "hip_raise": 10,
    "hip_stability": 11,
    "hip_swing": 12,
    "hyperextension": 13,
    "lateral_raise": 14,
    "leg_curl": 15,
    "leg_raise": 16,
    "lunge": 17,
    "olympic_lift": 18,
    "plank": 19,
    "plyo": 20,
    "pull_up": 21,
    "push_up": 22,
    "row": 23,
    "shoulder_press": 24,
    "shoulder_stability": 25,
    "shrug": 26,
    "sit_up": 27,
    "squat": 28,
    "total_body": 29,
    "triceps_extension": 30,
    "warm_up": 31,
    "run": 32,
    "banded_exercises": 37,
    "sled": 42,
    "suspension": 44,
}

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

RUN_DAY_TYPES: tuple[str, ...] = ("rest", "easy", "quality", "long", "race")

# The blocks of a session, in the order they are done.
BLOCKS: tuple[str, ...] = ("warmup", "power", "main", "accessory", "core", "prehab")

PHASES: tuple[str, ...] = (
    "technique",
    "base",
    "build",
    "peak",
    "taper",
    "race",
    "recovery",
    "maintenance",
)

# Lower-body patterns split by the joint that dominates, for the knee:hip balance rule.
KNEE_DOMINANT: frozenset[str] = frozenset({"squat", "lunge"})
HIP_DOMINANT: frozenset[str] = frozenset({"hinge", "single-leg-hinge", "hamstring-curl"})
PUSH: frozenset[str] = frozenset({"push-horizontal", "push-vertical"})
PULL: frozenset[str] = frozenset({"pull-horizontal", "pull-vertical"})
CORE: frozenset[str] = frozenset({"core-anti-extension", "core-anti-rotation", "core-anti-lateral"})
LOWER_BODY: frozenset[str] = KNEE_DOMINANT | HIP_DOMINANT | {"calf", "hip-abduction", "plyometric"}
