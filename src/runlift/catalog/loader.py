"""Load and validate the exercise catalog from TOML.

Validation happens once, at load time, and reports *every* problem it finds, each naming the
exercise id and the field, so a broken edit to the data file is fixed in one pass rather than one
error at a time. Nothing downstream re-checks the data.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from runlift.catalog import vocab
from runlift.catalog.model import Catalog, Exercise, normalise_name

SCHEMA = "runlift.catalog/1"
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one exercise."""

    exercise_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"exercise {self.exercise_id!r}, field {self.field!r}: {self.message}"


class CatalogError(ValueError):
    """The catalog data is invalid; ``problems`` lists every fault found."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source}: {len(problems)} problem(s) in the exercise catalog:\n{lines}")


_REQUIRED_STR = ("id", "name", "pattern", "level", "dose")
_REQUIRED_BOOL = ("compound", "unilateral")
_REQUIRED_LIST = (
    "primary_muscles",
    "secondary_muscles",
    "equipment",
    "regressions",
    "progressions",
    "cues",
    "faults",
    "runner_benefits",
)
_OPTIONAL_LIST = ("aliases", "cautions")
_OPTIONAL_STR = ("variation_of", "fit_category")
_KNOWN = set(_REQUIRED_STR + _REQUIRED_BOOL + _REQUIRED_LIST + _OPTIONAL_LIST + _OPTIONAL_STR)

_LIST_VOCAB: dict[str, tuple[str, ...]] = {
    "primary_muscles": vocab.MUSCLES,
    "secondary_muscles": vocab.MUSCLES,
    "equipment": vocab.EQUIPMENT,
    "runner_benefits": vocab.BENEFITS,
    "cautions": vocab.CONCERNS,
}
_STR_VOCAB: dict[str, tuple[str, ...]] = {
    "pattern": vocab.PATTERNS,
    "level": vocab.LEVELS,
    "dose": vocab.DOSES,
    "fit_category": tuple(vocab.FIT_CATEGORIES),
}


def parse_catalog(data: bytes, source: str = "catalog") -> Catalog:
    """Parse TOML bytes into a validated :class:`Catalog`; raise :class:`CatalogError`."""
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(source, [Problem("-", "-", f"not valid TOML: {exc}")]) from exc
    problems: list[Problem] = []
    if doc.get("schema") != SCHEMA:
        problems.append(Problem("-", "schema", f"expected {SCHEMA!r}, got {doc.get('schema')!r}"))
    raw = doc.get("exercise", [])
    if not isinstance(raw, list) or not raw:
        problems.append(Problem("-", "exercise", "expected a non-empty array of [[exercise]]"))
        raise CatalogError(source, problems)

    exercises: list[Exercise] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw):
        if not isinstance(entry, dict):
            problems.append(Problem(f"#{index + 1}", "-", "expected a table ([[exercise]])"))
            continue
        raw_id = entry.get("id")
        ex_id = raw_id if isinstance(raw_id, str) else f"#{index + 1}"
        entry_problems = _check_fields(ex_id, entry)
        if ex_id in seen:
            entry_problems.append(Problem(ex_id, "id", "duplicate id"))
        seen.add(ex_id)
        problems.extend(entry_problems)
        if not entry_problems:
            exercises.append(_build(entry))

    problems.extend(_check_references(exercises))
    if problems:
        raise CatalogError(source, problems)
    return Catalog(tuple(exercises))


def load_default_catalog() -> Catalog:
    """The catalog shipped with runlift."""
    data = resources.files("runlift.catalog").joinpath("exercises.toml").read_bytes()
    return parse_catalog(data, "runlift/catalog/exercises.toml")


def _check_fields(ex_id: str, entry: dict[str, Any]) -> list[Problem]:
    out: list[Problem] = []

    def bad(field: str, message: str) -> None:
        out.append(Problem(ex_id, field, message))

    for key in sorted(set(entry) - _KNOWN):
        bad(key, "unknown field")

    def wrong(key: str, expected: str) -> None:
        if key not in entry:
            bad(key, f"missing; expected {expected}")
        else:
            bad(key, f"expected {expected}; got {entry[key]!r}")

    for key in _REQUIRED_STR:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            wrong(key, "a non-empty string")
    for key in _REQUIRED_BOOL:
        if not isinstance(entry.get(key), bool):
            wrong(key, "true or false")
    for key in _REQUIRED_LIST + _OPTIONAL_LIST:
        value = entry.get(key, [] if key in _OPTIONAL_LIST else None)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            wrong(key, "a list of strings")
        elif len(set(value)) != len(value):
            bad(key, "lists the same value twice")
    for key in _OPTIONAL_STR:
        if key in entry and not isinstance(entry[key], str):
            bad(key, "expected a string (omit the key for none)")
    if out:
        return out

    if not ID_RE.match(entry["id"]):
        bad("id", f"expected a lower-case hyphenated id like 'back-squat'; got {entry['id']!r}")
    for key, allowed in _STR_VOCAB.items():
        if key in entry and entry[key] not in allowed:
            bad(key, f"{entry[key]!r} is not one of: {', '.join(allowed)}")
    for key, allowed in _LIST_VOCAB.items():
        for value in entry.get(key, []):
            if value not in allowed:
                bad(key, f"{value!r} is not one of: {', '.join(allowed)}")
    if not entry["primary_muscles"]:
        bad("primary_muscles", "expected at least one muscle")
    if set(entry["primary_muscles"]) & set(entry["secondary_muscles"]):
        bad("secondary_muscles", "repeats a primary muscle")
    if not entry["equipment"]:
        bad("equipment", "expected at least one item (bodyweight for none)")
    elif "bodyweight" in entry["equipment"] and len(entry["equipment"]) > 1:
        bad("equipment", "bodyweight stands alone; list only the equipment that is needed")
    if not 2 <= len(entry["cues"]) <= 4:
        bad("cues", f"expected 2 to 4 cues, got {len(entry['cues'])}")
    if not entry["faults"]:
        bad("faults", "expected at least one common fault")
    if not entry["runner_benefits"]:
        bad("runner_benefits", "expected at least one benefit")
    if entry["pattern"] == "plyometric" and entry["dose"] != "contacts":
        bad("dose", "plyometrics are dosed in foot contacts")
    return out


def _build(entry: dict[str, Any]) -> Exercise:
    return Exercise(
        id=entry["id"],
        name=entry["name"],
        pattern=entry["pattern"],
        compound=entry["compound"],
        unilateral=entry["unilateral"],
        primary_muscles=tuple(entry["primary_muscles"]),
        secondary_muscles=tuple(entry["secondary_muscles"]),
        equipment=tuple(entry["equipment"]),
        level=entry["level"],
        dose=entry["dose"],
        variation_of=entry.get("variation_of"),
        regressions=tuple(entry["regressions"]),
        progressions=tuple(entry["progressions"]),
        cues=tuple(entry["cues"]),
        faults=tuple(entry["faults"]),
        runner_benefits=tuple(entry["runner_benefits"]),
        fit_category=entry.get("fit_category"),
        aliases=tuple(entry.get("aliases", ())),
        cautions=tuple(entry.get("cautions", ())),
    )


def _check_references(exercises: list[Exercise]) -> list[Problem]:
    """Every referenced id resolves, nothing refers to itself, and variation_of has no cycle."""
    ids = {ex.id for ex in exercises}
    out: list[Problem] = []
    names: dict[str, str] = {}
    for ex in exercises:
        refs = [("variation_of", ex.variation_of)] if ex.variation_of else []
        refs += [("regressions", r) for r in ex.regressions]
        refs += [("progressions", p) for p in ex.progressions]
        for field, ref in refs:
            if ref == ex.id:
                out.append(Problem(ex.id, field, "refers to the exercise itself"))
            elif ref not in ids:
                out.append(Problem(ex.id, field, f"unknown exercise id {ref!r}"))
        for field, alias in [("name", ex.name)] + [("aliases", a) for a in ex.aliases]:
            key = normalise_name(alias)
            if alias in ids and alias != ex.id:
                out.append(Problem(ex.id, field, f"{alias!r} is another exercise's id"))
            elif key in names and names[key] != ex.id:
                out.append(Problem(ex.id, field, f"{alias!r} also names {names[key]!r}"))
            names[key] = ex.id
    parent = {ex.id: ex.variation_of for ex in exercises if ex.variation_of in ids}
    for start in parent:
        seen = [start]
        node = parent.get(start)
        while node is not None:
            if node == start:
                path = " -> ".join([*seen, start])
                out.append(Problem(start, "variation_of", f"forms a cycle: {path}"))
                break
            if node in seen:
                break
            seen.append(node)
            node = parent.get(node)
    return out
