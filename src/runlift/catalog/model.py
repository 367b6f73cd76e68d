"""The exercise catalog as typed, immutable values, and the questions a runner asks of it.

A :class:`Catalog` is built only by :func:`runlift.catalog.loader.parse_catalog`, which has already
checked every field and reference, so the queries here can trust their data.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from runlift.catalog.vocab import LEVELS, MUSCLE_FAMILIES


@dataclass(frozen=True, slots=True)
class Exercise:
    """One movement, with everything needed to coach it and to place it in a plan."""

    id: str
    name: str
    pattern: str
    compound: bool
    unilateral: bool
    primary_muscles: tuple[str, ...]
    secondary_muscles: tuple[str, ...]
    equipment: tuple[str, ...]
    level: str
    dose: str
    variation_of: str | None
    regressions: tuple[str, ...]
    progressions: tuple[str, ...]
    cues: tuple[str, ...]
    faults: tuple[str, ...]
    runner_benefits: tuple[str, ...]
    fit_category: str | None
    aliases: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()

    @property
    def muscles(self) -> tuple[str, ...]:
        """Primary then secondary muscles."""
        return self.primary_muscles + self.secondary_muscles

    @property
    def level_rank(self) -> int:
        """0 for beginner, 1 for intermediate, 2 for advanced."""
        return LEVELS.index(self.level)

    @property
    def externally_loaded(self) -> bool:
        """True when the load is a free weight, cable or machine, so %1RM and kg make sense."""
        loaded = {"dumbbells", "kettlebell", "barbell", "cable", "machine"}
        return self.dose == "reps" and any(item in loaded for item in self.equipment)

    def doable_with(self, owned: Iterable[str]) -> bool:
        """Whether every piece of equipment this needs is owned; bodyweight is always owned."""
        have = set(owned) | {"bodyweight"}
        return all(item in have for item in self.equipment)

    def to_contract(self) -> dict[str, object]:
        """The catalog contract's JSON object (``docs/contracts.md`` §3), with our extra fields."""
        return {
            "id": self.id,
            "name": self.name,
            "pattern": self.pattern,
            "compound": self.compound,
            "unilateral": self.unilateral,
            "primary_muscles": list(self.primary_muscles),
            "secondary_muscles": list(self.secondary_muscles),
            "equipment": list(self.equipment),
            "level": self.level,
            "dose": self.dose,
            "variation_of": self.variation_of,
            "regressions": list(self.regressions),
            "progressions": list(self.progressions),
            "cues": list(self.cues),
            "faults": list(self.faults),
            "runner_benefits": list(self.runner_benefits),
            "fit_category": self.fit_category,
            "aliases": list(self.aliases),
            "cautions": list(self.cautions),
        }


@dataclass(frozen=True, slots=True)
class Query:
    """A filter over the catalog. Empty fields match everything."""

    pattern: str | None = None
    muscle: str | None = None  # a primary muscle (or one of its family: calves finds soleus)
    equipment: tuple[str, ...] | None = None  # what the runner owns
    level: str | None = None  # the highest level wanted
    search: str | None = None

    def matches(self, ex: Exercise) -> bool:
        if self.pattern and ex.pattern != self.pattern:
            return False
        if self.muscle:
            wanted = MUSCLE_FAMILIES.get(self.muscle, frozenset({self.muscle}))
            if not wanted & set(ex.primary_muscles):
                return False
        if self.equipment is not None and not ex.doable_with(self.equipment):
            return False
        if self.level and ex.level_rank > LEVELS.index(self.level):
            return False
        if self.search:
            needle = self.search.lower()
            haystack = " ".join(
                (ex.id, ex.name, *ex.aliases, ex.pattern, *ex.muscles, *ex.runner_benefits)
            ).lower()
            return all(word in haystack for word in needle.split())
        return True


@dataclass(frozen=True)
class Catalog:
    """All exercises, in file order, with lookups by id and by name."""

    exercises: tuple[Exercise, ...]
    _by_id: dict[str, Exercise] = field(init=False, repr=False, compare=False)
    _by_name: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {ex.id: ex for ex in self.exercises})
        names: dict[str, str] = {}
        for ex in self.exercises:
            for name in (ex.name, *ex.aliases):
                names[normalise_name(name)] = ex.id
        object.__setattr__(self, "_by_name", names)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with this id; KeyError when there is none."""
        return self._by_id[exercise_id]

    def find(self, query: Query) -> list[Exercise]:
        return [ex for ex in self.exercises if query.matches(ex)]

    def resolve(self, text: str) -> Exercise | None:
        """The one exercise an id, a name or an alias names, or None ("squat" → back squat)."""
        if text in self._by_id:
            return self._by_id[text]
        exercise_id = self._by_name.get(normalise_name(text))
        return self._by_id[exercise_id] if exercise_id else None

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        """The ids closest to a mistyped id or name, best first."""
        key = normalise_name(text).replace(" ", "-")
        candidates = list(self._by_id) + [k.replace(" ", "-") for k in self._by_name]
        close = difflib.get_close_matches(key, candidates, n=limit * 3, cutoff=0.55)
        substring = [i for i in self._by_id if key and key in i]
        out: list[str] = []
        for cand in substring + close:
            exercise_id = cand if cand in self._by_id else self._by_name.get(cand.replace("-", " "))
            if exercise_id and exercise_id not in out:
                out.append(exercise_id)
        return out[:limit]

    def variations(self, exercise_id: str) -> list[Exercise]:
        """The exercises whose ``variation_of`` is this one."""
        return [ex for ex in self.exercises if ex.variation_of == exercise_id]


def normalise_name(name: str) -> str:
    """The form names are compared in: lower case, with hyphens and underscores as spaces."""
    return " ".join(name.lower().replace("-", " ").replace("_", " ").split())
