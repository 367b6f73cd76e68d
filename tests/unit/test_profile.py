"""The athlete profile (docs/contracts.md §1): parsing, validation messages and normalisation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.errors import BadInput
from runlift.formats.profile_toml import parse_profile
from runlift.planning.profile import Profile, profile_from_dict

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.toml"))

# Independent of the product's constants.
METRES_PER_MILE = 1609.344
KG_PER_POUND = 0.45359237

WEEK = (
    'week = { mon = "rest", tue = "quality", wed = "easy", thu = "quality", fri = "rest", '
    'sat = "easy", sun = "long" }'
)

BASE = f"""\
schema = "runlift.profile/1"

[athlete]
name = "Sam"
lifting_experience = "new"
body_mass_kg = 58.0

[running]
weekly_distance_km = 45.0
{WEEK}

[goal]
race = "half-marathon"
race_date = 2027-04-18
focus = "power"

[strength]
start_date = 2026-12-07
sessions_per_week = 2
session_minutes = 45
equipment = ["bodyweight", "dumbbells", "bench"]
"""


def mutate(text: str, *edits: tuple[str, str]) -> str:
    """Apply (old, new) replacements, each of which must match exactly once."""
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} should occur once in the base profile"
        text = text.replace(old, new)
    return text


def drop_line(text: str, prefix: str) -> str:
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(prefix)]
    assert len(kept) == len(lines) - 1, f"exactly one line should start with {prefix!r}"
    return "".join(kept)


def parse(text: str, source: str = "test.toml") -> Profile:
    return parse_profile(text.encode("utf-8"), source)


def problems_of(text: str, source: str = "test.toml") -> list[str]:
    with pytest.raises(BadInput) as info:
        parse(text, source)
    assert info.value.problems, "BadInput without problems"
    return info.value.problems


def the_problem(problems: list[str], prefix: str) -> str:
    found = [p for p in problems if p.startswith(prefix)]
    assert found, f"no problem starting with {prefix!r} in {problems}"
    return found[0]


# --- valid profiles -------------------------------------------------------------------------------


def test_base_profile_is_valid() -> None:
    p = parse(BASE)
    assert p.name == "Sam"
    assert p.weekly_distance_m == 45000.0
    assert p.race_date == dt.date(2027, 4, 18)


def test_sample_runner_parses_to_si_values() -> None:
    path = EXAMPLES / "sample-runner.toml"
    p = parse_profile(path.read_bytes(), str(path))
    assert p.name == "Sam"
    assert p.lifting_experience == "new"
    assert p.sex == "female"
    assert p.body_mass_kg == 58.0
    assert p.units == "metric"
    assert p.weekly_distance_m == 45000.0
    assert isinstance(p.weekly_distance_m, float)
    assert dict(p.week) == {
        "mon": "rest",
        "tue": "quality",
        "wed": "easy",
        "thu": "quality",
        "fri": "rest",
        "sat": "easy",
        "sun": "long",
    }
    assert p.race == "half-marathon"
    assert p.race_date == dt.date(2027, 4, 18)
    assert p.focus == "power"
    assert p.start_date == dt.date(2026, 12, 7)
    assert p.sessions_per_week == 2
    assert p.session_minutes == 45
    assert p.equipment == ("bodyweight", "dumbbells", "bench")
    assert p.available_days == ("tue", "thu", "sat")
    assert p.concerns == ("knee",)


def test_there_are_examples() -> None:
    assert len(EXAMPLE_FILES) >= 7
    assert EXAMPLES / "sample-runner.toml" in EXAMPLE_FILES


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_parses(path: Path) -> None:
    doc = tomllib.loads(path.read_text("utf-8"))
    p = parse_profile(path.read_bytes(), str(path))
    assert p.name == doc["athlete"]["name"]
    assert p.race == doc["goal"]["race"]
    assert p.focus == doc["goal"]["focus"]
    assert p.sessions_per_week == doc["strength"]["sessions_per_week"]
    assert p.equipment == tuple(doc["strength"]["equipment"])
    assert set(p.week) == {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
    assert p.weekly_distance_m > 0
    if "weekly_distance_km" in doc["running"]:
        assert p.weekly_distance_m == pytest.approx(doc["running"]["weekly_distance_km"] * 1000)
    else:
        miles = doc["running"]["weekly_distance_mi"]
        assert p.weekly_distance_m == pytest.approx(miles * METRES_PER_MILE)


def test_imperial_example_is_stored_in_si() -> None:
    path = EXAMPLES / "experienced-marathoner.toml"
    p = parse_profile(path.read_bytes(), str(path))
    assert p.units == "imperial"
    assert p.weekly_distance_m == pytest.approx(50.0 * METRES_PER_MILE, abs=1e-6)
    assert p.weekly_distance_m == pytest.approx(80467.2, abs=1e-6)
    assert p.body_mass_kg is not None
    assert p.body_mass_kg == pytest.approx(165.0 * KG_PER_POUND, abs=1e-6)
    assert p.body_mass_kg == pytest.approx(74.84274105, abs=1e-6)


def test_imperial_keys_in_base_profile() -> None:
    text = mutate(
        BASE,
        ("weekly_distance_km = 45.0", "weekly_distance_mi = 50.0"),
        ("body_mass_kg = 58.0", 'body_mass_lb = 165.0\nunits = "imperial"'),
    )
    p = parse(text)
    assert p.weekly_distance_m == pytest.approx(80467.2, abs=1e-6)
    assert p.body_mass_kg == pytest.approx(74.84274105, abs=1e-6)
    assert p.units == "imperial"


def test_optional_keys_take_their_defaults() -> None:
    p = parse(drop_line(BASE, "body_mass_kg"))
    assert p.sex == "unspecified"
    assert p.units == "metric"
    assert p.body_mass_kg is None
    assert p.available_days == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    assert p.concerns == ()


def test_dates_as_strings_and_datetimes_are_accepted() -> None:
    p = parse(
        mutate(
            BASE,
            ("race_date = 2027-04-18", 'race_date = "2027-04-18"'),
            ("start_date = 2026-12-07", "start_date = 2026-12-07T06:30:00"),
        )
    )
    assert p.race_date == dt.date(2027, 4, 18)
    assert p.start_date == dt.date(2026, 12, 7)
    assert type(p.start_date) is dt.date


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("sessions_per_week = 2", "sessions_per_week = 1"),
        ("sessions_per_week = 2", "sessions_per_week = 3"),
        ("session_minutes = 45", "session_minutes = 20"),
        ("session_minutes = 45", "session_minutes = 120"),
        ("weekly_distance_km = 45.0", "weekly_distance_km = 0"),
        ("weekly_distance_km = 45.0", "weekly_distance_km = 400"),
        ("body_mass_kg = 58.0", "body_mass_kg = 30"),
        ("body_mass_kg = 58.0", "body_mass_kg = 250"),
    ],
)
def test_range_boundaries_are_accepted(old: str, new: str) -> None:
    p = parse(mutate(BASE, (old, new)))
    key, value = new.split(" = ")
    if key == "weekly_distance_km":
        assert p.weekly_distance_m == float(value) * 1000
    else:
        assert getattr(p, key) == float(value)


def test_race_none_needs_no_date() -> None:
    p = parse(
        mutate(BASE, ('race = "half-marathon"', 'race = "none"')).replace(
            "race_date = 2027-04-18\n", ""
        )
    )
    assert p.race == "none"
    assert p.race_date is None


def test_health_section_is_read() -> None:
    p = parse(BASE + '\n[health]\nconcerns = ["knee", "achilles-calf"]\n')
    assert p.concerns == ("knee", "achilles-calf")


# --- missing keys and sections --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "line_prefix"),
    [
        ("athlete.name", "name ="),
        ("athlete.lifting_experience", "lifting_experience ="),
        ("running.week", "week ="),
        ("goal.race", "race ="),
        ("goal.focus", "focus ="),
        ("strength.start_date", "start_date ="),
        ("strength.sessions_per_week", "sessions_per_week ="),
        ("strength.session_minutes", "session_minutes ="),
        ("strength.equipment", "equipment ="),
    ],
)
def test_missing_required_key(key: str, line_prefix: str) -> None:
    assert problems_of(drop_line(BASE, line_prefix)) == [f"{key}: missing"]


def test_missing_strength_section() -> None:
    text = BASE[: BASE.index("[strength]")]
    assert problems_of(text) == ["[strength]: missing section"]


def test_missing_schema() -> None:
    problems = problems_of(drop_line(BASE, "schema ="))
    assert len(problems) == 1
    assert problems[0].startswith("schema:")
    assert "runlift.profile/1" in problems[0]


def test_running_without_any_distance() -> None:
    problems = problems_of(drop_line(BASE, "weekly_distance_km"))
    assert len(problems) == 1
    assert problems[0].startswith("running.weekly_distance_km: missing")
    assert "weekly_distance_mi" in problems[0]


def test_running_with_both_distances() -> None:
    text = mutate(
        BASE, ("weekly_distance_km = 45.0", "weekly_distance_km = 45.0\nweekly_distance_mi = 28.0")
    )
    problems = problems_of(text)
    assert len(problems) == 1
    assert problems[0].startswith("running.weekly_distance_mi:")
    assert "not both" in problems[0]


def test_body_mass_in_both_units() -> None:
    text = mutate(BASE, ("body_mass_kg = 58.0", "body_mass_kg = 58.0\nbody_mass_lb = 128.0"))
    problems = problems_of(text)
    assert len(problems) == 1
    assert problems[0].startswith("athlete.body_mass_lb:")
    assert "not both" in problems[0]


# --- unknown and misspelt keys and values ---------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "prefix", "suggestion"),
    [
        (
            "sessions_per_week = 2",
            "sesions_per_week = 2",
            "strength.sesions_per_week:",
            "sessions_per_week",
        ),
        ("[strength]", "[stregth]", "[stregth]", "strength"),
        ('focus = "power"', 'focus = "powr"', "goal.focus:", "power"),
        ('tue = "quality"', 'tues = "quality"', "running.week:", "tue"),
        ('"dumbbells"', '"dumbells"', "strength.equipment:", "dumbbells"),
    ],
    ids=["key", "section", "focus", "weekday", "equipment"],
)
def test_misspelling_gets_did_you_mean(old: str, new: str, prefix: str, suggestion: str) -> None:
    problem = the_problem(problems_of(mutate(BASE, (old, new))), prefix)
    assert f"did you mean {suggestion!r}" in problem


def test_misspelt_key_is_also_reported_missing() -> None:
    problems = problems_of(mutate(BASE, ("sessions_per_week = 2", "sesions_per_week = 2")))
    assert problems == [
        "strength.sesions_per_week: unknown key (did you mean 'sessions_per_week'?)",
        "strength.sessions_per_week: missing",
    ]


def test_unknown_key_without_a_close_match_has_no_suggestion() -> None:
    problem = the_problem(
        problems_of(mutate(BASE, ('focus = "power"', 'focus = "power"\nzzzqqq = 1'))),
        "goal.zzzqqq:",
    )
    assert "unknown key" in problem
    assert "did you mean" not in problem


def test_bad_choice_lists_what_is_accepted() -> None:
    problem = the_problem(
        problems_of(mutate(BASE, ('lifting_experience = "new"', 'lifting_experience = "pro"'))),
        "athlete.lifting_experience:",
    )
    assert "new, some, experienced" in problem
    assert "'pro'" in problem


@pytest.mark.parametrize(
    ("old", "new", "prefix", "accepted"),
    [
        ("sessions_per_week = 2", "sessions_per_week = 0", "strength.sessions_per_week:", "1 to 3"),
        ("sessions_per_week = 2", "sessions_per_week = 4", "strength.sessions_per_week:", "1 to 3"),
        ("session_minutes = 45", "session_minutes = 19", "strength.session_minutes:", "20 to 120"),
        ("session_minutes = 45", "session_minutes = 121", "strength.session_minutes:", "20 to 120"),
        (
            "weekly_distance_km = 45.0",
            "weekly_distance_km = -1",
            "running.weekly_distance_km:",
            "0 to 400",
        ),
        ("body_mass_kg = 58.0", "body_mass_kg = 10", "athlete.body_mass_kg:", "30 to 250"),
        (
            "weekly_distance_km = 45.0",
            "weekly_distance_km = nan",
            "running.weekly_distance_km:",
            "0 to 400",
        ),
    ],
)
def test_out_of_range(old: str, new: str, prefix: str, accepted: str) -> None:
    problems = problems_of(mutate(BASE, (old, new)))
    assert len(problems) == 1
    assert problems[0].startswith(prefix)
    assert accepted in problems[0]
    assert new.split(" = ")[1] in problems[0]  # the value that was given


@pytest.mark.parametrize("value", ['"two"', "2.5", "true", "[2]"])
def test_sessions_per_week_wrong_type(value: str) -> None:
    problems = problems_of(mutate(BASE, ("sessions_per_week = 2", f"sessions_per_week = {value}")))
    assert len(problems) == 1
    assert problems[0].startswith("strength.sessions_per_week:")
    assert "whole number" in problems[0]


@pytest.mark.parametrize(
    ("old", "new", "prefix"),
    [
        (
            'equipment = ["bodyweight", "dumbbells", "bench"]',
            "equipment = []",
            "strength.equipment:",
        ),
        (
            'equipment = ["bodyweight", "dumbbells", "bench"]',
            'equipment = ["bodyweight", "bodyweight"]',
            "strength.equipment:",
        ),
        (
            'equipment = ["bodyweight", "dumbbells", "bench"]',
            'equipment = "dumbbells"',
            "strength.equipment:",
        ),
        ('name = "Sam"', 'name = "   "', "athlete.name:"),
        ("start_date = 2026-12-07", 'start_date = "next monday"', "strength.start_date:"),
        (
            "session_minutes = 45",
            'session_minutes = 45\navailable_days = ["tues"]',
            "strength.available_days:",
        ),
    ],
)
def test_other_bad_values(old: str, new: str, prefix: str) -> None:
    problems = problems_of(mutate(BASE, (old, new)))
    assert len(problems) == 1
    assert problems[0].startswith(prefix)


# --- race rules -----------------------------------------------------------------------------------


def test_race_without_date() -> None:
    problems = problems_of(drop_line(BASE, "race_date"))
    assert len(problems) == 1
    assert problems[0].startswith("goal.race_date: missing")


@pytest.mark.parametrize("race_date", ["2026-12-07", "2026-12-01"], ids=["equal", "before"])
def test_race_date_not_after_start(race_date: str) -> None:
    problems = problems_of(mutate(BASE, ("race_date = 2027-04-18", f"race_date = {race_date}")))
    assert len(problems) == 1
    assert problems[0].startswith("goal.race_date:")
    assert race_date in problems[0]
    assert "2026-12-07" in problems[0]


def test_race_date_more_than_two_years_out() -> None:
    problems = problems_of(mutate(BASE, ("race_date = 2027-04-18", "race_date = 2029-01-01")))
    assert len(problems) == 1
    assert problems[0].startswith("goal.race_date:")
    assert "two years" in problems[0]


def test_race_date_one_day_past_two_years_is_refused() -> None:
    problems = problems_of(mutate(BASE, ("race_date = 2027-04-18", "race_date = 2028-12-08")))
    assert problems[0].startswith("goal.race_date:")
    assert "two years" in problems[0]


def test_race_date_exactly_two_years_out_is_accepted() -> None:
    # 2026-12-07 + two calendar years = 2028-12-07; the span holds 29 Feb 2028 (731 days).
    p = parse(mutate(BASE, ("race_date = 2027-04-18", "race_date = 2028-12-07")))
    assert p.race_date == dt.date(2028, 12, 7)


def test_race_none_with_a_date() -> None:
    problems = problems_of(mutate(BASE, ('race = "half-marathon"', 'race = "none"')))
    assert len(problems) == 1
    assert problems[0].startswith("goal.race_date:")


# --- the running week -----------------------------------------------------------------------------


def test_week_missing_a_weekday() -> None:
    problems = problems_of(mutate(BASE, (', sun = "long"', "")))
    assert len(problems) == 1
    assert problems[0].startswith("running.week:")
    assert "sun" in problems[0]


def test_week_with_tempo_run() -> None:
    problems = problems_of(mutate(BASE, ('tue = "quality"', 'tue = "tempo"')))
    assert len(problems) == 1
    assert problems[0].startswith("running.week:")
    assert "'tempo'" in problems[0]
    assert "rest, easy, quality, long" in problems[0]


def test_week_not_a_table() -> None:
    problems = problems_of(mutate(BASE, (WEEK, 'week = "mon tue"')))
    assert len(problems) == 1
    assert problems[0].startswith("running.week:")


# --- several problems, and the source name --------------------------------------------------------


def test_every_problem_is_reported_at_once() -> None:
    text = drop_line(
        mutate(
            BASE,
            ("sessions_per_week = 2", "sessions_per_week = 0"),
            ("session_minutes = 45", "session_minutes = 19"),
            ('focus = "power"', 'focus = "powr"'),
        ),
        "name =",
    )
    with pytest.raises(BadInput) as info:
        parse(text, "my-profile.toml")
    problems = info.value.problems
    assert len(problems) == 4
    for prefix in (
        "athlete.name: missing",
        "goal.focus:",
        "strength.sessions_per_week:",
        "strength.session_minutes:",
    ):
        the_problem(problems, prefix)
    message = str(info.value)
    assert message.startswith("my-profile.toml: ")
    lines = message.splitlines()
    assert len(lines) == 4
    assert all(line.startswith("my-profile.toml: ") for line in lines)
    assert info.value.source == "my-profile.toml"


def test_invalid_toml_names_the_source() -> None:
    with pytest.raises(BadInput) as info:
        parse_profile(b'schema = "runlift.profile/1"\n[athlete\nname = "Sam"\n', "broken.toml")
    assert str(info.value).startswith("broken.toml: ")
    assert "not valid TOML" in str(info.value)
    assert len(info.value.problems) == 1


def test_non_utf8_bytes_name_the_source() -> None:
    data = BASE.replace('name = "Sam"', 'name = "Zoë"').encode("latin-1")
    with pytest.raises(BadInput) as info:
        parse_profile(data, "latin1.toml")
    assert str(info.value).startswith("latin1.toml: ")
    assert "UTF-8" in str(info.value)


def test_non_ascii_name_in_utf8_is_fine() -> None:
    assert parse(BASE.replace('name = "Sam"', 'name = "Zoë"')).name == "Zoë"


# --- the normalised (contract) form ---------------------------------------------------------------


def profile_differences(a: Profile, b: Profile) -> list[str]:
    """Fields that differ (floats beyond 1e-6), as "name: a != b"."""
    out = []
    for f in dataclasses.fields(Profile):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, float) and isinstance(y, float):
            same = math.isclose(x, y, rel_tol=0, abs_tol=1e-6)
        elif f.name == "week":
            same = dict(x) == dict(y)
        else:
            same = x == y
        if not same:
            out.append(f"{f.name}: {x!r} != {y!r}")
    return out


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_contract_form_round_trips(path: Path) -> None:
    p = parse_profile(path.read_bytes(), str(path))
    contract = p.to_contract()
    assert contract["schema"] == "runlift.profile/1"
    assert "weekly_distance_mi" not in contract["running"]
    assert "body_mass_lb" not in contract["athlete"]
    assert profile_differences(profile_from_dict(contract, "round-trip"), p) == []


def test_contract_form_of_base_profile() -> None:
    contract = parse(BASE).to_contract()
    assert contract["running"]["weekly_distance_km"] == 45.0
    assert contract["goal"] == {
        "race": "half-marathon",
        "focus": "power",
        "race_date": "2027-04-18",
    }
    assert contract["strength"]["start_date"] == "2026-12-07"
    assert contract["strength"]["available_days"] == [
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ]


def _doc_with_miles(miles: float) -> dict[str, Any]:
    doc = tomllib.loads(BASE)
    del doc["running"]["weekly_distance_km"]
    doc["running"]["weekly_distance_mi"] = miles
    return doc


@given(st.floats(min_value=0, max_value=250, allow_nan=False, allow_infinity=False))
def test_miles_survive_the_trip_through_si(miles: float) -> None:
    p = profile_from_dict(_doc_with_miles(miles))
    assert p.weekly_distance_m == pytest.approx(miles * METRES_PER_MILE, rel=1e-12, abs=1e-9)
    km = p.to_contract()["running"]["weekly_distance_km"]
    assert abs(km / 1.609344 - miles) <= 1e-6


def test_loads_section_in_kg_and_lb() -> None:
    text = BASE + (
        "\n[loads]\ndumbbells_kg = [10, 4, 6.5, 4]\nkettlebells_lb = [35, 26]\n"
        "plate_step_kg = 1.25\nbar_lb = 45\n"
    )
    loads = parse(text).loads
    assert loads["dumbbells_kg"] == (4.0, 6.5, 10.0)  # sorted, duplicates dropped
    # 26 lb and 35 lb in kg, by hand: 26 × 0.45359237 = 11.7934, 35 × 0.45359237 = 15.8757
    assert loads["kettlebells_kg"] == (11.793, 15.876)
    assert loads["plate_step_kg"] == 1.25
    assert loads["bar_kg"] == 20.412  # 45 lb
    again = profile_from_dict(parse(text).to_contract())
    assert again.loads == loads


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("dumbells_kg = [4]", "loads.dumbells_kg: unknown key (did you mean 'dumbbells_kg'?)"),
        ("plate_step_kg = 0", "loads.plate_step_kg: expected 0.25 to 20 kg"),
        ("dumbbells_kg = []", "loads.dumbbells_kg: expected a non-empty list"),
        ("bar_kg = 20\nbar_lb = 45", "loads.bar_lb: give bar_kg or bar_lb, not both"),
    ],
)
def test_bad_loads_are_named(extra: str, expected: str) -> None:
    problems = problems_of(BASE + f"\n[loads]\n{extra}\n")
    assert any(p.startswith(expected) for p in problems), problems
