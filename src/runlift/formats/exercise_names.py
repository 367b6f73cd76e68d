"""From the exercise names strength apps write to runlift catalog ids, in a way the user can see.

A name is mapped by the first of these that knows it; :class:`Mapped` says which one did:

1. ``user-map``: the user's own mapping (``--map "Name=id"`` or a mapping file).
2. ``known-name``: the table of Strong and Hevy names shipped in ``app_names.toml``.
3. ``catalog-name``: the catalog's own names and aliases, tried on the name as written, and on the
   name without its parenthesised equipment put back as a word (``Pallof Press (Cable)`` → "cable
   pallof press"). The bare name is taken alone only when the catalog exercise uses that equipment
   (``Lunge (Bodyweight)`` → the reverse lunge, but ``Hip Thrust (Bodyweight)`` is not the barbell
   hip thrust).
4. ``custom``: nothing matched; the name is kept under :func:`custom_exercise_id`, never dropped.

Names are compared ignoring case, spacing, hyphens, underscores and apostrophes.

Mapping files (:func:`load_mapping_file`) are either TOML, with ``"App name" = "catalog-id"``
pairs at the top level or in a ``[names]`` table, or plain text with one ``App name=catalog-id``
per line (blank lines and lines starting with ``#`` are ignored). A target may be a catalog id, a
name the catalog resolves to one exercise, or a ``custom-…`` id (to merge two custom names).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from runlift.catalog.model import Catalog, Exercise
from runlift.errors import BadInput
from runlift.formats.activity import custom_exercise_id

HOW = ("user-map", "known-name", "catalog-name", "custom")
APP_NAMES_SCHEMA = "runlift.app-names/1"

# Equipment written in an app's parentheses → the catalog's equipment id.
_EQUIPMENT_WORDS = {
    "barbell": "barbell",
    "dumbbell": "dumbbells",
    "dumbbells": "dumbbells",
    "kettlebell": "kettlebell",
    "cable": "cable",
    "machine": "machine",
    "band": "band",
    "resistance band": "band",
    "bodyweight": "bodyweight",
    "body weight": "bodyweight",
    "trx": "trx",
    "suspension": "trx",
}
# The words catalog names put in front of an exercise for that equipment.
_NAME_WORDS = {
    "dumbbells": ("dumbbell",),
    "band": ("band", "banded"),
    "bodyweight": ("bodyweight",),
}
# Equipment that adds no external load: "(Bodyweight)" is compatible with these alone.
_UNLOADED = frozenset({"bodyweight", "bench", "box", "pullup-bar", "sliders", "trx"})
_PARENS = re.compile(r"^(?P<base>[^()]*?)\s*\((?P<qual>[^()]*)\)\s*$")
_CUSTOM_ID = re.compile(r"^custom(-[a-z0-9]+)+$")


class AppNamesError(ValueError):
    """The shipped table of app names is broken (a bug in runlift, not the user's input)."""


@dataclass(frozen=True)
class Mapped:
    """How one app exercise name was mapped: the id, which rule decided (see HOW), the name."""

    name: str
    exercise_id: str
    how: str


def name_key(name: str) -> str:
    """The form names are compared in.

    >>> name_key("  Farmer's  Walk (Dumbbell) ")
    'farmers walk (dumbbell)'
    """
    text = name.lower().replace("'", "").replace("\u2019", "").replace("-", " ").replace("_", " ")
    text = text.replace("(", " (").replace("( ", "(").replace(" )", ")")
    return " ".join(text.split())


@functools.cache
def _app_names_table() -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """(name, id) pairs and the names kept custom, as written in app_names.toml."""
    data = resources.files("runlift.formats").joinpath("app_names.toml").read_bytes()
    doc = tomllib.loads(data.decode("utf-8"))
    names, keep = doc.get("names"), doc.get("keep_custom", [])
    if doc.get("schema") != APP_NAMES_SCHEMA:
        raise AppNamesError(f"app_names.toml: expected schema {APP_NAMES_SCHEMA!r}")
    if not isinstance(names, dict) or not all(isinstance(v, str) for v in names.values()):
        raise AppNamesError('app_names.toml: expected a [names] table of "name" = "id"')
    if not isinstance(keep, list) or not all(isinstance(v, str) for v in keep):
        raise AppNamesError("app_names.toml: expected keep_custom to be a list of names")
    return tuple(names.items()), tuple(keep)


def known_app_names(catalog: Catalog) -> dict[str, str | None]:
    """The shipped table keyed by :func:`name_key`; None for a name kept custom on purpose.

    AppNamesError lists every target that is not an id of ``catalog``.
    """
    pairs, keep_custom = _app_names_table()
    out: dict[str, str | None] = dict.fromkeys((name_key(n) for n in keep_custom), None)
    problems: list[str] = []
    for name, target in pairs:
        if target not in catalog:
            problems.append(f"{name!r} maps to {target!r}, which is not a catalog id")
        key = name_key(name)
        if key in out and out[key] != target:
            problems.append(f"{name!r} is listed twice with different ids")
        out[key] = target
    if problems:
        raise AppNamesError("app_names.toml: " + "; ".join(problems))
    return out


def _target_id(value: str, catalog: Catalog, where: str) -> str:
    """A mapping's target as a catalog or custom id; BadInput with the closest ids otherwise."""
    value = value.strip()
    if value in catalog or _CUSTOM_ID.match(value):
        return value
    found = catalog.resolve(value)
    if found is not None:
        return found.id
    close = catalog.suggest(value)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `runlift exercises`"
    raise BadInput(f"{where}: {value!r} is not a catalog id{hint}")


class ExerciseMapper:
    """Maps names for one import, remembering each distinct name's :class:`Mapped` in order."""

    def __init__(self, catalog: Catalog, user_map: Mapping[str, str] | None = None) -> None:
        self.catalog = catalog
        self._known = known_app_names(catalog)
        self._user: dict[str, str] = {}
        problems: list[str] = []
        for name, target in (user_map or {}).items():
            try:
                self._user[name_key(name)] = _target_id(target, catalog, f"mapping {name!r}")
            except BadInput as exc:
                problems.extend(exc.problems)
        if problems:
            raise BadInput(problems)
        self._seen: dict[str, Mapped] = {}
        self._catalog_names = {
            name_key(text): ex.id for ex in catalog for text in (ex.id, ex.name, *ex.aliases)
        }

    @property
    def seen(self) -> tuple[Mapped, ...]:
        """Every name mapped so far, once each, in first-seen order."""
        return tuple(self._seen.values())

    def map(self, name: str) -> Mapped:
        name = " ".join(name.split())
        if name not in self._seen:
            self._seen[name] = self._decide(name)
        return self._seen[name]

    def _decide(self, name: str) -> Mapped:
        key = name_key(name)
        if key in self._user:
            return Mapped(name, self._user[key], "user-map")
        if key in self._known:
            known = self._known[key]
            if known is None:
                return Mapped(name, custom_exercise_id(name), "custom")
            return Mapped(name, known, "known-name")
        found = self._from_catalog(name)
        if found is not None:
            return Mapped(name, found, "catalog-name")
        return Mapped(name, custom_exercise_id(name), "custom")

    def _lookup(self, text: str) -> str | None:
        """The catalog id whose id, name or alias is ``text``, compared as :func:`name_key`."""
        return self._catalog_names.get(name_key(text))

    def _from_catalog(self, name: str) -> str | None:
        found = self._lookup(name)
        match = _PARENS.match(name)
        if found is not None or match is None:
            return found
        base, qualifier = match["base"], match["qual"].strip()
        equipment = _EQUIPMENT_WORDS.get(name_key(qualifier))
        words = _NAME_WORDS.get(equipment, (equipment,)) if equipment else (qualifier,)
        for word in words:
            for text in (f"{word} {base}", f"{base} {word}"):
                found = self._lookup(text)
                if found is not None:
                    return found
        found = self._lookup(base) if equipment else None
        if found is not None and _uses(self.catalog.get(found), equipment):
            return found
        return None


def _uses(exercise: Exercise, equipment: str | None) -> bool:
    if equipment == "bodyweight":
        return set(exercise.equipment) <= _UNLOADED
    return equipment in exercise.equipment


def map_exercise(name: str, catalog: Catalog, user_map: Mapping[str, str] | None = None) -> Mapped:
    """Map one app exercise name (see the module docstring for the order of the rules).

    >>> from runlift.catalog import load_default_catalog
    >>> map_exercise("Squat (Barbell)", load_default_catalog()).exercise_id
    'back-squat'
    """
    return ExerciseMapper(catalog, user_map).map(name)


def parse_mapping_arg(text: str, catalog: Catalog) -> tuple[str, str]:
    """``"Squat (Barbell)=back-squat"`` → (name, catalog id); BadInput names what is wrong."""
    name, sep, target = text.rpartition("=")
    if not sep or not name.strip() or not target.strip():
        raise BadInput(
            f"--map {text!r}: expected NAME=CATALOG-ID, e.g. 'Squat (Barbell)=back-squat'"
        )
    return " ".join(name.split()), _target_id(target, catalog, f"--map {text!r}")


def load_mapping_file(
    data: bytes, catalog: Catalog, source: str = "mapping file"
) -> dict[str, str]:
    """A mapping file (TOML or ``Name=id`` lines, see the module docstring) → {name: id}.

    Every problem is reported at once, each naming its line or key.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput("expected UTF-8 text", source) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        pairs, problems = _mapping_lines(text)
    else:
        pairs, problems = _mapping_toml(doc)
    out: dict[str, str] = {}
    keys: dict[str, str] = {}
    for where, name, target in pairs:
        try:
            target_id = _target_id(target, catalog, where)
        except BadInput as exc:
            problems.extend(exc.problems)
            continue
        key = name_key(name)
        if keys.get(key, target_id) != target_id:
            problems.append(f"{where}: {name!r} is already mapped to {keys[key]!r}")
        keys[key] = target_id
        out[name] = target_id
    if problems:
        raise BadInput(problems, source)
    return out


_Pairs = list[tuple[str, str, str]]


def _mapping_toml(doc: dict[str, object]) -> tuple[_Pairs, list[str]]:
    table = doc.get("names", doc)
    if not isinstance(table, dict):
        return [], ['key \'names\': expected a table of "App name" = "catalog-id"']
    pairs: _Pairs = []
    problems: list[str] = []
    for name, target in table.items():
        if table is doc and name == "schema":
            continue
        if isinstance(target, str) and name.strip():
            pairs.append((f"key {name!r}", name, target))
        else:
            problems.append(f"key {name!r}: expected a catalog id as a string; got {target!r}")
    return pairs, problems


def _mapping_lines(text: str) -> tuple[_Pairs, list[str]]:
    pairs: _Pairs = []
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, target = line.rpartition("=")
        name, target = name.strip().strip("\"'"), target.strip().strip("\"'")
        if not sep or not name or not target:
            problems.append(f"line {number}: expected NAME=CATALOG-ID; got {line!r}")
        else:
            pairs.append((f"line {number}", name, target))
    return pairs, problems
