"""The five exercise families the form check knows, and what to measure for each.

A family names the angle that counts reps, the gates that tell a rep from other movement, and the
faults worth checking. Thresholds marked [practice] are coaching conventions chosen here, not
values from a study; each is kept well above BlazePose's ~4–6° side-on knee-angle error
(measured here, in line with Stenum et al. 2021, PLOS Comput Biol 17:e1008935, for 2D pose
estimation of sagittal joint angles) so noise alone does not raise a fault.
"""

from __future__ import annotations

from dataclasses import dataclass

from runlift.catalog import Catalog, Exercise
from runlift.errors import BadInput, did_you_mean

FAMILIES = ("squat", "lunge", "single-leg-deadlift", "push-up", "plank")

# A catalog pattern that maps to one family outright.
_BY_PATTERN = {"squat": "squat", "lunge": "lunge", "single-leg-hinge": "single-leg-deadlift"}
# Patterns shared with other movements (bench press, dead bug): only variations of the root count.
_ROOTS = {"push-up": "push-up", "front-plank": "plank"}
# The catalog exercise whose cues stand in for a family named by its family name.
_FAMILY_ROOT = {
    "squat": "bodyweight-squat",
    "lunge": "reverse-lunge",
    "single-leg-deadlift": "single-leg-deadlift",
    "push-up": "push-up",
    "plank": "front-plank",
}


@dataclass(frozen=True)
class Family:
    """How one family is analysed. Angles are interior angles [deg], 180 = straight."""

    name: str
    main_angle: str  # "knee", "elbow", "hinge" or "" for a hold
    min_rom_deg: float  # a rep must bend the main angle at least this far [practice]
    min_rep_s: float  # faster than this is a twitch, not a rep [practice]
    max_rep_s: float  # slower than this is a hold, not a rep [practice]
    travel_point: str  # "hip" or "shoulder": must drop during a rep
    min_travel: float  # ... by this fraction of the reference segment [practice]
    horizontal: bool  # the body is near horizontal (push-up, plank)
    faults: tuple[str, ...]


FAMILY_CONFIG: dict[str, Family] = {
    "squat": Family(
        "squat", "knee", 40.0, 0.5, 10.0, "hip", 0.3, False,
        ("depth", "trunk-lean", "knee-valgus", "asymmetry"),
    ),
    "lunge": Family(
        "lunge", "knee", 35.0, 0.5, 10.0, "hip", 0.25, False,
        ("depth", "trunk-lean", "knee-valgus"),
    ),
    "single-leg-deadlift": Family(
        "single-leg-deadlift", "hinge", 35.0, 0.6, 12.0, "shoulder", 0.3, False,
        ("hip-rotation", "rounded-back"),
    ),
    "push-up": Family(
        "push-up", "elbow", 30.0, 0.4, 10.0, "shoulder", 0.25, True,
        ("range", "hip-sag", "hip-pike", "asymmetry"),
    ),
    "plank": Family("plank", "", 0.0, 0.0, 0.0, "", 0.0, True, ("hip-sag", "hip-pike")),
}  # fmt: skip


@dataclass(frozen=True)
class ResolvedExercise:
    """The family to analyse and the catalog exercise whose cues the messages quote."""

    family: Family
    exercise: Exercise | None


def family_of(exercise: Exercise, catalog: Catalog) -> str | None:
    """The family of a catalog exercise, or None when the form check cannot judge it.

    >>> from runlift.catalog import load_default_catalog
    >>> cat = load_default_catalog()
    >>> family_of(cat.get("goblet-squat"), cat), family_of(cat.get("bench-press"), cat)
    ('squat', None)
    """
    if exercise.pattern in _BY_PATTERN:
        return _BY_PATTERN[exercise.pattern]
    seen: set[str] = set()
    current: Exercise | None = exercise
    while current is not None and current.id not in seen:
        if current.id in _ROOTS:
            return _ROOTS[current.id]
        seen.add(current.id)
        parent = current.variation_of
        current = catalog.get(parent) if parent and parent in catalog else None
    return None


def resolve(name: str, catalog: Catalog | None) -> ResolvedExercise:
    """A family name (``squat``) or a catalog id/name of that family → what to analyse.

    Raises :class:`BadInput` for a name that is neither, naming the families.
    """
    key = name.strip().lower()
    if key in FAMILY_CONFIG:
        root = _FAMILY_ROOT[key]
        ex = catalog.get(root) if catalog is not None and root in catalog else None
        return ResolvedExercise(FAMILY_CONFIG[key], ex)
    found = catalog.resolve(key) if catalog is not None else None
    if found is not None:
        fam = family_of(found, catalog) if catalog is not None else None
        if fam is None:
            raise BadInput(
                f"--exercise: the form check cannot judge {found.id!r} ({found.pattern}); "
                f"it knows {', '.join(FAMILIES)} and their variations"
            )
        return ResolvedExercise(FAMILY_CONFIG[fam], found)
    raise BadInput(
        f"--exercise: {name!r} is not known{did_you_mean(key, FAMILIES)}; expected one of "
        f"{', '.join(FAMILIES)} or a catalog id of that family"
    )
