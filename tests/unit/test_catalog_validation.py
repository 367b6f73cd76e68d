"""parse_catalog refuses broken catalog data, naming the exercise, the field and the fault."""

from __future__ import annotations

import json
from typing import Any

import pytest

from runlift.catalog import CatalogError, Problem, parse_catalog
from runlift.catalog.loader import SCHEMA

_DROP = object()  # pass as an override to remove a key from an entry


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string of plain text is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot render {value!r}")


def render(entries: list[dict[str, Any]], schema: str | None = SCHEMA) -> bytes:
    lines = [f"schema = {_value(schema)}", ""] if schema is not None else []
    for entry in entries:
        lines.append("[[exercise]]")
        lines += [f"{key} = {_value(value)}" for key, value in entry.items()]
        lines.append("")
    return "\n".join(lines).encode()


def entry(ex_id: str, **overrides: Any) -> dict[str, Any]:
    """A valid exercise; keyword arguments replace fields (``_DROP`` removes one)."""
    base: dict[str, Any] = {
        "id": ex_id,
        "name": ex_id.replace("-", " ").title(),
        "pattern": "squat",
        "compound": True,
        "unilateral": False,
        "primary_muscles": ["quadriceps"],
        "secondary_muscles": ["glutes", "core"],
        "equipment": ["bodyweight"],
        "level": "beginner",
        "dose": "reps",
        "regressions": [],
        "progressions": [],
        "cues": ["Brace the trunk", "Knees over toes"],
        "faults": ["Knees cave in"],
        "runner_benefits": ["strength"],
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not _DROP}


def errors_of(entries: list[dict[str, Any]], **kwargs: Any) -> list[Problem]:
    with pytest.raises(CatalogError) as info:
        parse_catalog(render(entries, **kwargs), "test.toml")
    return info.value.problems


def assert_problem(problems: list[Problem], ex_id: str, field: str, phrase: str) -> None:
    hits = [p for p in problems if p.exercise_id == ex_id and p.field == field]
    assert hits, f"no problem for {ex_id!r}/{field!r} in {[str(p) for p in problems]}"
    assert any(phrase in p.message for p in hits), [p.message for p in hits]


def only_problem(entries: list[dict[str, Any]], ex_id: str, field: str, phrase: str) -> None:
    problems = errors_of(entries)
    assert_problem(problems, ex_id, field, phrase)
    assert len(problems) == 1, [str(p) for p in problems]


# --- a valid catalog ----------------------------------------------------------------------------


def test_valid_two_entry_catalog_loads_and_resolves() -> None:
    cat = parse_catalog(
        render(
            [
                entry("back-squat", name="Back Squat", aliases=["squat"], fit_category="squat"),
                entry("reverse-lunge", pattern="lunge", unilateral=True, variation_of="back-squat"),
            ]
        ),
        "test.toml",
    )
    assert len(cat) == 2
    assert [ex.id for ex in cat] == ["back-squat", "reverse-lunge"]
    squat = cat.get("back-squat")
    assert cat.resolve("back-squat") is squat
    assert cat.resolve("Back Squat") is squat
    assert cat.resolve("back squat") is squat
    assert cat.resolve("squat") is squat
    assert squat.fit_category == "squat"
    lunge = cat.get("reverse-lunge")
    assert lunge.variation_of == "back-squat"
    assert lunge.unilateral is True
    assert lunge.fit_category is None
    assert cat.resolve("front squat") is None
    assert cat.suggest("bak-squat")[0] == "back-squat"
    assert cat.suggest("reverse-lundge")[0] == "reverse-lunge"


# --- the document as a whole --------------------------------------------------------------------


@pytest.mark.parametrize("schema", ["runlift.catalog/2", "runlift.profile/1", "", None])
def test_wrong_or_missing_schema_is_refused(schema: str | None) -> None:
    problems = errors_of([entry("back-squat")], schema=schema)
    assert problems == [Problem("-", "schema", f"expected {SCHEMA!r}, got {schema!r}")]


@pytest.mark.parametrize(
    "data", [b"this is = = not toml", b"[[exercise]\nid = 'x'", b"\xff\xfe\x00 binary"]
)
def test_not_toml_is_refused(data: bytes) -> None:
    with pytest.raises(CatalogError) as info:
        parse_catalog(data, "broken.toml")
    assert len(info.value.problems) == 1
    assert "not valid TOML" in info.value.problems[0].message
    assert str(info.value).startswith("broken.toml:")


@pytest.mark.parametrize(
    "body", ["exercise = []\n", "", "exercise = 'back-squat'\n", "[exercise]\nid = 'x'\n"]
)
def test_empty_or_missing_exercise_array_is_refused(body: str) -> None:
    with pytest.raises(CatalogError) as info:
        parse_catalog(f'schema = "{SCHEMA}"\n{body}'.encode(), "test.toml")
    assert_problem(info.value.problems, "-", "exercise", "non-empty array")


def test_exercise_array_of_non_tables_is_a_catalog_error() -> None:
    with pytest.raises(CatalogError) as info:
        parse_catalog(f'schema = "{SCHEMA}"\nexercise = ["back-squat"]\n'.encode(), "t.toml")
    assert info.value.problems


# --- fields of one entry ------------------------------------------------------------------------

# fmt: off
REQUIRED = ["name", "pattern", "level", "dose", "compound", "cues", "faults", "runner_benefits",
            "equipment", "primary_muscles"]
# fmt: on


@pytest.mark.parametrize("field", REQUIRED)
def test_missing_required_field(field: str) -> None:
    only_problem([entry("back-squat", **{field: _DROP})], "back-squat", field, "missing")


def test_missing_id_names_the_entry_by_position() -> None:
    problems = errors_of([entry("back-squat"), entry("front-squat", id=_DROP)])
    assert_problem(problems, "#2", "id", "missing")


def test_unknown_field() -> None:
    only_problem(
        [entry("back-squat", muscle_group="legs")], "back-squat", "muscle_group", "unknown field"
    )


@pytest.mark.parametrize(
    ("field", "value", "phrase"),
    [
        ("pattern", "squats", "'squats' is not one of"),
        ("level", "expert", "'expert' is not one of"),
        ("dose", "sets", "'sets' is not one of"),
        ("primary_muscles", ["quads"], "'quads' is not one of"),
        ("secondary_muscles", ["glutes", "abs"], "'abs' is not one of"),
        ("equipment", ["trapbar"], "'trapbar' is not one of"),
        ("runner_benefits", ["speed"], "'speed' is not one of"),
        ("cautions", ["ankle"], "'ankle' is not one of"),
        ("fit_category", "squats", "'squats' is not one of"),
    ],
)
def test_vocabulary_violation(field: str, value: Any, phrase: str) -> None:
    only_problem([entry("back-squat", **{field: value})], "back-squat", field, phrase)


@pytest.mark.parametrize("bad_id", ["Back-Squat", "back_squat", "back squat", "back.squat"])
def test_id_must_be_lower_case_hyphenated(bad_id: str) -> None:
    only_problem([entry(bad_id)], bad_id, "id", "lower-case hyphenated")


def test_duplicate_id() -> None:
    problems = errors_of([entry("back-squat"), entry("back-squat", name="Another Squat")])
    assert_problem(problems, "back-squat", "id", "duplicate id")


@pytest.mark.parametrize("count", [0, 1, 5, 6])
def test_cue_count_outside_two_to_four_is_refused(count: int) -> None:
    cues = [f"Cue number {i}" for i in range(count)]
    only_problem([entry("back-squat", cues=cues)], "back-squat", "cues", f"got {count}")


@pytest.mark.parametrize("count", [2, 3, 4])
def test_cue_count_two_to_four_is_accepted(count: int) -> None:
    cues = [f"Cue number {i}" for i in range(count)]
    cat = parse_catalog(render([entry("back-squat", cues=cues)]), "test.toml")
    assert len(cat.get("back-squat").cues) == count


@pytest.mark.parametrize(
    ("field", "value", "phrase"),
    [
        ("faults", [], "at least one common fault"),
        ("runner_benefits", [], "at least one benefit"),
        ("equipment", [], "at least one item"),
        ("equipment", ["bodyweight", "dumbbells"], "bodyweight stands alone"),
        ("primary_muscles", [], "at least one muscle"),
        ("secondary_muscles", ["quadriceps", "core"], "repeats a primary"),
        ("equipment", ["dumbbells", "dumbbells"], "same value twice"),
        ("cues", ["Brace", "Brace"], "same value twice"),
        ("runner_benefits", ["knee", "knee"], "same value twice"),
        ("aliases", ["squat", "squat"], "same value twice"),
    ],
)
def test_bad_list_is_refused(field: str, value: list[str], phrase: str) -> None:
    only_problem([entry("back-squat", **{field: value})], "back-squat", field, phrase)


@pytest.mark.parametrize("dose", ["reps", "duration"])
def test_plyometric_must_be_dosed_in_contacts(dose: str) -> None:
    bad = entry("pogo-hops", pattern="plyometric", dose=dose)
    only_problem([bad], "pogo-hops", "dose", "foot contacts")
    ok = parse_catalog(render([entry("pogo-hops", pattern="plyometric", dose="contacts")]))
    assert ok.get("pogo-hops").dose == "contacts"


# --- references between entries -----------------------------------------------------------------


@pytest.mark.parametrize("field", ["regressions", "progressions", "variation_of"])
@pytest.mark.parametrize(
    ("target", "phrase"),
    [("box-squat", "unknown exercise id 'box-squat'"), ("front-squat", "the exercise itself")],
)
def test_bad_reference(field: str, target: str, phrase: str) -> None:
    value = target if field == "variation_of" else [target]
    problems = errors_of([entry("back-squat"), entry("front-squat", **{field: value})])
    assert_problem(problems, "front-squat", field, phrase)
    assert all(p.exercise_id == "front-squat" for p in problems)


def test_variation_cycle_of_two() -> None:
    problems = errors_of(
        [entry("a-squat", variation_of="b-squat"), entry("b-squat", variation_of="a-squat")]
    )
    assert_problem(problems, "a-squat", "variation_of", "cycle")
    assert_problem(problems, "b-squat", "variation_of", "cycle")


def test_variation_cycle_of_three() -> None:
    problems = errors_of(
        [
            entry("a-squat", variation_of="b-squat"),
            entry("b-squat", variation_of="c-squat"),
            entry("c-squat", variation_of="a-squat"),
            entry("d-squat", variation_of="a-squat"),  # hangs off the cycle, not in it
        ]
    )
    for ex_id in ("a-squat", "b-squat", "c-squat"):
        assert_problem(problems, ex_id, "variation_of", "cycle")
    assert not [p for p in problems if p.exercise_id == "d-squat"]
    assert any("a-squat -> b-squat -> c-squat -> a-squat" in p.message for p in problems)


def test_variation_chain_without_cycle_is_accepted() -> None:
    cat = parse_catalog(
        render(
            [
                entry("a-squat"),
                entry("b-squat", variation_of="a-squat"),
                entry("c-squat", variation_of="b-squat"),
            ]
        )
    )
    assert [ex.id for ex in cat.variations("a-squat")] == ["b-squat"]


@pytest.mark.parametrize(
    ("alias", "phrase"),
    [("back-squat", "another exercise's id"), ("back squat", "also names 'back-squat'")],
)
def test_alias_clashing_with_another_exercise(alias: str, phrase: str) -> None:
    problems = errors_of(
        [entry("back-squat", name="Back Squat"), entry("front-squat", aliases=[alias])]
    )
    assert_problem(problems, "front-squat", "aliases", phrase)


# --- every problem at once ------------------------------------------------------------------------


def test_several_problems_are_all_reported_in_one_error() -> None:
    entries = [
        entry("back-squat", pattern="squats", cues=["Only one"]),  # 2 problems
        entry("front-squat", level="expert"),  # 1
        entry("split-squat", equipment=[], colour="red"),  # unknown field short-circuits: 1
        entry("step-up", regressions=["box-step"]),  # 1
        entry("back-squat", name="Another Back Squat"),  # duplicate: 1
    ]
    with pytest.raises(CatalogError) as info:
        parse_catalog(render(entries, schema="runlift.catalog/0"), "my-catalog.toml")
    error = info.value
    fields = {(p.exercise_id, p.field) for p in error.problems}
    assert fields == {
        ("-", "schema"),
        ("back-squat", "pattern"),
        ("back-squat", "cues"),
        ("front-squat", "level"),
        ("split-squat", "colour"),
        ("step-up", "regressions"),
        ("back-squat", "id"),
    }
    assert len(error.problems) == 7
    text = str(error)
    assert text.startswith("my-catalog.toml: 7 problem(s)")
    assert error.source == "my-catalog.toml"
    assert "exercise 'front-squat', field 'level'" in text
    assert "unknown exercise id 'box-step'" in text
