"""Catalog use cases: load once per process, validate user filters, look up by id or name."""

from __future__ import annotations

import functools

from runlift.catalog import Catalog, Exercise, Query, load_default_catalog, vocab
from runlift.errors import BadInput, did_you_mean


@functools.cache
def catalog() -> Catalog:
    """The shipped catalog, parsed and validated on first use."""
    return load_default_catalog()


def check_choice(name: str, value: str, allowed: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``allowed``; otherwise raise BadInput naming the option."""
    if value not in allowed:
        raise BadInput(
            f"{name}: {value!r} is not known{did_you_mean(value, allowed)}; "
            f"expected one of: {', '.join(allowed)}"
        )
    return value


def validated_query(
    pattern: str | None,
    muscle: str | None,
    equipment: list[str] | None,
    level: str | None,
    search: str | None,
) -> Query:
    """Build a catalog query from CLI or form values, refusing unknown vocabulary."""
    problems: list[str] = []
    for name, value, allowed in (
        ("--pattern", pattern, vocab.PATTERNS),
        ("--muscle", muscle, vocab.MUSCLES),
        ("--level", level, vocab.LEVELS),
    ):
        if value is not None:
            try:
                check_choice(name, value, allowed)
            except BadInput as exc:
                problems.extend(exc.problems)
    for item in equipment or []:
        try:
            check_choice("--equipment", item, vocab.EQUIPMENT)
        except BadInput as exc:
            problems.extend(exc.problems)
    if problems:
        raise BadInput(problems)
    return Query(
        pattern=pattern,
        muscle=muscle,
        equipment=tuple(equipment) if equipment is not None else None,
        level=level,
        search=search,
    )


def exercise_by_id(text: str) -> Exercise:
    """The exercise an id or name names; BadInput with the closest ids otherwise."""
    found = catalog().resolve(text)
    if found is None:
        near = catalog().suggest(text)
        hint = f"; did you mean: {', '.join(near)}?" if near else ""
        raise BadInput(f"unknown exercise {text!r}{hint} (see 'runlift exercises')")
    return found


def resolve_for_logging(text: str) -> Exercise:
    """An exercise named in a log line: an exact id, name or alias, or the one id whose words all
    appear; an ambiguous or unknown name is refused with the closest ids (contracts §6)."""
    exact = catalog().resolve(text)
    if exact is not None:
        return exact
    words = text.lower().replace("-", " ").split()
    matches = [
        ex
        for ex in catalog()
        if all(w in f"{ex.id.replace('-', ' ')} {ex.name.lower()}".split() for w in words)
    ]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        listed = ", ".join(ex.id for ex in matches[:8])
        more = f" and {len(matches) - 8} more" if len(matches) > 8 else ""
        raise BadInput(f"exercise {text!r} is ambiguous: it could be {listed}{more}")
    near = catalog().suggest(text)
    hint = f"; did you mean: {', '.join(near)}?" if near else ""
    raise BadInput(f"unknown exercise {text!r}{hint}")
