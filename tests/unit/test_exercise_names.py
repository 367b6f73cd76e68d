"""App exercise names → catalog ids: the shipped table, the rules' order, and user mappings."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from runlift.catalog import Catalog
from runlift.errors import BadInput
from runlift.formats.exercise_names import (
    AppNamesError,
    ExerciseMapper,
    known_app_names,
    load_mapping_file,
    map_exercise,
    name_key,
    parse_mapping_arg,
)

APP_NAMES = Path(__file__).resolve().parents[2] / "src" / "runlift" / "formats" / "app_names.toml"


def shipped_table() -> dict[str, object]:
    return tomllib.loads(APP_NAMES.read_text(encoding="utf-8"))


def test_every_shipped_target_is_a_catalog_id(catalog: Catalog) -> None:
    names = shipped_table()["names"]
    assert isinstance(names, dict)
    assert len(names) >= 40
    unknown = {name: target for name, target in names.items() if target not in catalog}
    assert unknown == {}


def test_names_kept_custom_stay_custom(catalog: Catalog) -> None:
    keep = shipped_table()["keep_custom"]
    assert isinstance(keep, list)
    assert keep
    for name in keep:
        assert map_exercise(name, catalog).how == "custom"


def test_shipped_names_are_distinct_after_normalising() -> None:
    names = shipped_table()["names"]
    assert isinstance(names, dict)
    keys = [name_key(n) for n in names]
    assert len(keys) == len(set(keys))


def test_loading_checks_targets_against_the_catalog(catalog: Catalog) -> None:
    without_back_squat = Catalog(tuple(ex for ex in catalog if ex.id != "back-squat"))
    with pytest.raises(AppNamesError, match="'back-squat'"):
        known_app_names(without_back_squat)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Squat (Barbell)", "back-squat"),
        ("Front Squat (Barbell)", "front-squat"),
        ("Goblet Squat (Kettlebell)", "kettlebell-goblet-squat"),
        ("Goblet Squat", "goblet-squat"),
        ("Bench Press (Barbell)", "bench-press"),
        ("Bench Press (Dumbbell)", "dumbbell-bench-press"),
        ("Deadlift (Barbell)", "conventional-deadlift"),
        ("Sumo Deadlift (Barbell)", "sumo-deadlift"),
        ("Romanian Deadlift (Barbell)", "romanian-deadlift"),
        ("Romanian Deadlift (Dumbbell)", "dumbbell-romanian-deadlift"),
        ("Bent Over Row (Barbell)", "barbell-row"),
        ("Bent Over One Arm Row (Dumbbell)", "dumbbell-row"),
        ("Dumbbell Row", "dumbbell-row"),
        ("Seated Row (Cable)", "seated-cable-row"),
        ("Seated Cable Row - V Grip (Cable)", "seated-cable-row"),
        ("Lat Pulldown (Cable)", "lat-pulldown"),
        ("Pull Up", "pull-up"),
        ("Chin Up", "chin-up"),
        ("Push Up", "push-up"),
        ("Overhead Press (Barbell)", "overhead-press"),
        ("Shoulder Press (Dumbbell)", "dumbbell-overhead-press"),
        ("Face Pull (Cable)", "face-pull"),
        ("Plank", "front-plank"),
        ("Side Plank", "side-plank"),
        ("Lunge (Dumbbell)", "dumbbell-reverse-lunge"),
        ("Lunge", "reverse-lunge"),
        ("Bulgarian Split Squat", "bulgarian-split-squat"),
        ("Hip Thrust (Barbell)", "hip-thrust"),
        ("Glute Bridge", "glute-bridge"),
        ("Standing Calf Raise (Machine)", "machine-calf-raise"),
        ("Seated Calf Raise (Machine)", "seated-calf-raise"),
        ("Seated Calf Raise", "seated-calf-raise"),
        ("Nordic Hamstring Curl", "nordic-hamstring-curl"),
        ("Nordic Hamstrings Curls", "nordic-hamstring-curl"),
        ("Lying Leg Curl (Machine)", "machine-leg-curl"),
        ("Box Jump", "box-jump"),
        ("Farmer's Walk", "farmers-carry"),
        ("Farmers Walk", "farmers-carry"),
        ("Kettlebell Swing", "kettlebell-swing"),
        ("Back Extension (Hyperextension)", "back-extension"),
    ],
)
def test_known_app_names(catalog: Catalog, name: str, expected: str) -> None:
    mapped = map_exercise(name, catalog)
    assert (mapped.exercise_id, mapped.how, mapped.name) == (expected, "known-name", name)


@pytest.mark.parametrize(
    "name", ["squat (barbell)", "SQUAT  (BARBELL)", "Squat(Barbell)", " Squat ( Barbell ) "]
)
def test_names_match_ignoring_case_and_spacing(catalog: Catalog, name: str) -> None:
    assert map_exercise(name, catalog).exercise_id == "back-squat"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Copenhagen Plank", "copenhagen-plank"),  # the catalog's own name
        ("Worlds Greatest Stretch", "worlds-greatest-stretch"),  # apostrophes do not count
        ("lateral-band-walk", "lateral-band-walk"),
        ("Pallof Press (Cable)", "cable-pallof-press"),  # equipment put back as a word
        ("Pallof Press (Band)", "pallof-press"),  # the alias band-pallof-press
        ("Clamshell (Band)", "banded-clamshell"),
        ("Sumo Deadlift (Kettlebell)", "kettlebell-sumo-deadlift"),
        ("Calf Raise (Standing)", "straight-knee-calf-raise"),  # alias standing-calf-raise
        ("Plank (Bodyweight)", "front-plank"),  # bare name, and the plank needs no load
        ("Machine Calf Raise", "machine-calf-raise"),  # the id written as a name
    ],
)
def test_catalog_names_and_equipment_words(catalog: Catalog, name: str, expected: str) -> None:
    mapped = map_exercise(name, catalog)
    assert (mapped.exercise_id, mapped.how) == (expected, "catalog-name")


@pytest.mark.parametrize(
    ("name", "custom_id"),
    [
        ("Russian Twist", "custom-russian-twist"),
        ("Hanging Leg Raise", "custom-hanging-leg-raise"),
        # The bare name exists, but not with this equipment: not the same exercise.
        ("Hip Thrust (Bodyweight)", "custom-hip-thrust-bodyweight"),
        ("Lunge (Kettlebell)", "custom-lunge-kettlebell"),
        ("Squat (Dumbbell)", "custom-squat-dumbbell"),
        ("Bench Press (Smith Machine)", "custom-bench-press-smith-machine"),
        # A catalog alias would match, but the app's assisted pull-up logs help as weight.
        ("Pull Up (Assisted)", "custom-pull-up-assisted"),
    ],
)
def test_unknown_names_are_kept_as_custom(catalog: Catalog, name: str, custom_id: str) -> None:
    mapped = map_exercise(name, catalog)
    assert (mapped.exercise_id, mapped.how, mapped.name) == (custom_id, "custom", name)


def test_user_map_comes_first_and_ignores_case(catalog: Catalog) -> None:
    user_map = {"squat (BARBELL)": "front-squat", "Russian Twist": "dead-bug"}
    assert map_exercise("Squat (Barbell)", catalog, user_map).exercise_id == "front-squat"
    assert map_exercise("Squat (Barbell)", catalog, user_map).how == "user-map"
    assert map_exercise("Russian Twist", catalog, user_map).exercise_id == "dead-bug"
    assert map_exercise("Bench Press (Barbell)", catalog, user_map).how == "known-name"


def test_user_map_may_merge_custom_names(catalog: Catalog) -> None:
    user_map = {"Russian Twists": "custom-russian-twist"}
    mapped = map_exercise("Russian Twists", catalog, user_map)
    assert (mapped.exercise_id, mapped.how) == ("custom-russian-twist", "user-map")


def test_a_bad_user_map_is_refused_with_suggestions(catalog: Catalog) -> None:
    with pytest.raises(BadInput) as caught:
        ExerciseMapper(catalog, {"Squat (Barbell)": "back-sqat"})
    assert "'back-sqat' is not a catalog id" in str(caught.value)
    assert "did you mean back-squat" in str(caught.value)


def test_mapper_remembers_names_in_first_seen_order(catalog: Catalog) -> None:
    mapper = ExerciseMapper(catalog)
    for name in ("Plank", "Squat (Barbell)", "Plank", "Mystery Move"):
        mapper.map(name)
    assert [(m.name, m.exercise_id, m.how) for m in mapper.seen] == [
        ("Plank", "front-plank", "known-name"),
        ("Squat (Barbell)", "back-squat", "known-name"),
        ("Mystery Move", "custom-mystery-move", "custom"),
    ]


# ------------------------------------------------------------------------ --map arguments


def test_parse_mapping_arg(catalog: Catalog) -> None:
    assert parse_mapping_arg("Squat (Barbell)=front-squat", catalog) == (
        "Squat (Barbell)",
        "front-squat",
    )
    assert parse_mapping_arg("  Russian  Twist = dead-bug ", catalog) == (
        "Russian Twist",
        "dead-bug",
    )
    # A name the catalog resolves to one exercise is accepted and stored as its id.
    assert parse_mapping_arg("Squat (Barbell)=Back Squat", catalog)[1] == "back-squat"


@pytest.mark.parametrize("text", ["Squat (Barbell)", "=back-squat", "Squat (Barbell)=", ""])
def test_parse_mapping_arg_needs_name_and_id(catalog: Catalog, text: str) -> None:
    with pytest.raises(BadInput, match="expected NAME=CATALOG-ID"):
        parse_mapping_arg(text, catalog)


def test_parse_mapping_arg_suggests_close_ids(catalog: Catalog) -> None:
    with pytest.raises(BadInput) as caught:
        parse_mapping_arg("Squat (Barbell)=bench-pres", catalog)
    message = str(caught.value)
    assert "'bench-pres' is not a catalog id" in message
    assert "did you mean" in message
    assert "bench-press" in message


# -------------------------------------------------------------------------- mapping files


def test_mapping_file_as_toml_pairs(catalog: Catalog) -> None:
    data = b'"Squat (Barbell)" = "front-squat"\n"Russian Twist" = "dead-bug"\n'
    assert load_mapping_file(data, catalog) == {
        "Squat (Barbell)": "front-squat",
        "Russian Twist": "dead-bug",
    }


def test_mapping_file_as_toml_names_table(catalog: Catalog) -> None:
    data = b'schema = "x"\n[names]\n"Squat (Barbell)" = "front-squat"\n'
    assert load_mapping_file(data, catalog) == {"Squat (Barbell)": "front-squat"}


def test_mapping_file_as_lines(catalog: Catalog) -> None:
    data = b"# my names\n\nSquat (Barbell)=front-squat\nRussian Twist = dead-bug\r\n"
    assert load_mapping_file(data, catalog) == {
        "Squat (Barbell)": "front-squat",
        "Russian Twist": "dead-bug",
    }


def test_mapping_file_reports_every_bad_line(catalog: Catalog) -> None:
    data = b"Squat (Barbell)=front-squat\nno equals sign here\nPlank=frnt-plank\n"
    with pytest.raises(BadInput) as caught:
        load_mapping_file(data, catalog, "names.txt")
    problems = caught.value.problems
    assert len(problems) == 2
    assert problems[0].startswith("line 2: expected NAME=CATALOG-ID")
    assert problems[1].startswith("line 3: 'frnt-plank' is not a catalog id")
    assert "front-plank" in problems[1]
    assert str(caught.value).startswith("names.txt: ")


def test_mapping_file_refuses_conflicting_names(catalog: Catalog) -> None:
    data = b"Plank=front-plank\nPLANK=side-plank\n"
    with pytest.raises(BadInput, match="line 2: 'PLANK' is already mapped to 'front-plank'"):
        load_mapping_file(data, catalog)


def test_mapping_file_toml_values_must_be_strings(catalog: Catalog) -> None:
    with pytest.raises(BadInput, match="key 'Plank': expected a catalog id"):
        load_mapping_file(b"Plank = 3\n", catalog)


def test_mapping_file_must_be_text(catalog: Catalog) -> None:
    with pytest.raises(BadInput, match="expected UTF-8 text"):
        load_mapping_file(b"\xff\xfe\xfa", catalog)
