"""Watch-logged strength sessions: FIT ``set`` messages written by the FIT SDK's own encoder."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from garmin_fit_sdk import Encoder, Profile

from runlift.catalog import Catalog
from runlift.formats.activity import custom_exercise_id
from runlift.formats.fit import parse_fit
from runlift.formats.fit.strength import exercise_names

START = dt.datetime(2026, 3, 14, 22, 30, tzinfo=dt.UTC)
TYPES = Profile["types"]


def category(name: str) -> int:
    return next(k for k, v in TYPES["exercise_category"].items() if v == name)


def exercise(cat: str, name: str) -> tuple[int, int]:
    names = TYPES[f"{cat}_exercise_name"]
    return category(cat), next(k for k, v in names.items() if v == name)


def strength_file(
    sets: list[dict[str, Any]],
    *,
    local_offset_h: float | None = 2,
    titles: tuple[dict[str, Any], ...] = (),
) -> bytes:
    enc = Encoder()
    enc.write_mesg(
        {"mesg_num": 0, "type": "activity", "manufacturer": "garmin", "time_created": START}
    )
    for title in titles:
        enc.write_mesg({"mesg_num": 264} | title)
    total = 60 * len(sets) + 60
    for i, s in enumerate(sets):
        start = START + dt.timedelta(seconds=60 * i)
        mesg = {"mesg_num": 225, "message_index": i, "start_time": start, "set_type": "active"}
        mesg["timestamp"] = start + dt.timedelta(seconds=40)
        enc.write_mesg(mesg | s)
    enc.write_mesg(
        {
            "mesg_num": 18,
            "timestamp": START + dt.timedelta(seconds=total),
            "start_time": START,
            "sport": "training",
            "sub_sport": "strength_training",
            "total_elapsed_time": total,
            "total_timer_time": total,
        }
    )
    activity: dict[str, Any] = {"mesg_num": 34, "timestamp": START + dt.timedelta(seconds=total)}
    if local_offset_h is not None:
        activity["local_timestamp"] = int(
            (START - dt.datetime(1989, 12, 31, tzinfo=dt.UTC)).total_seconds()
            + total
            + local_offset_h * 3600
        )
    enc.write_mesg(activity | {"num_sessions": 1, "type": "manual"})
    return enc.close()  # type: ignore[no-any-return]


def a_set(cat: str, name: str | None, **extra: Any) -> dict[str, Any]:
    if name is None:
        values = {"category": [category(cat)]}
    else:
        cat_num, name_num = exercise(cat, name)
        values = {"category": [cat_num], "category_subtype": [name_num]}
    return values | extra


def test_exercise_names_come_from_the_profile() -> None:
    assert exercise_names()[exercise("squat", "goblet_squat")] == "goblet_squat"
    assert len(exercise_names()) > 1500


def test_sets_become_a_logged_session(catalog: Catalog) -> None:
    data = strength_file(
        [
            a_set("squat", "goblet_squat", repetitions=10, weight=24.0),
            a_set("squat", "goblet_squat", repetitions=8, weight=26.5),
            a_set("plank", "plank", duration=45.0),
            a_set("push_up", "push_up", repetitions=15, weight=0),
        ]
    )
    parsed = parse_fit(data, catalog)
    (activity,) = parsed.activities
    assert (activity.sport, activity.sub_sport) == ("training", "strength_training")
    (session,) = parsed.strength_sessions
    assert session.on == dt.date(2026, 3, 15)  # 22:30 UTC is past midnight at UTC+2
    assert session.duration_min == 5.0
    assert [(s.exercise_id, s.order, s.reps, s.duration_s, s.load_kg) for s in session.sets] == [
        ("goblet-squat", 1, 10, None, 24.0),
        ("goblet-squat", 2, 8, None, 26.5),
        ("front-plank", 3, None, 45.0, None),
        ("push-up", 4, 15, None, None),
    ]
    assert parsed.custom_exercises == ()


def test_without_a_local_time_the_date_is_utc(catalog: Catalog) -> None:
    data = strength_file([a_set("squat", "goblet_squat", repetitions=5)], local_offset_h=None)
    assert parse_fit(data, catalog).strength_sessions[0].on == dt.date(2026, 3, 14)


def test_rest_sets_are_left_out(catalog: Catalog) -> None:
    data = strength_file(
        [
            a_set("squat", "goblet_squat", repetitions=5),
            {"set_type": "rest", "duration": 90.0},
            a_set("squat", "goblet_squat", repetitions=5),
        ]
    )
    (session,) = parse_fit(data, catalog).strength_sessions
    assert [s.order for s in session.sets] == [1, 2]


def test_a_category_alone_maps_to_its_only_catalog_exercise(catalog: Catalog) -> None:
    assert [ex.id for ex in catalog if ex.fit_category == "hip_swing"] == ["kettlebell-swing"]
    data = strength_file([a_set("hip_swing", None, repetitions=20, weight=16.0)])
    (session,) = parse_fit(data, catalog).strength_sessions
    assert session.sets[0].exercise_id == "kettlebell-swing"


def test_a_category_alone_with_several_catalog_exercises_is_custom(catalog: Catalog) -> None:
    data = strength_file([a_set("squat", None, repetitions=5)])
    parsed = parse_fit(data, catalog)
    assert parsed.strength_sessions[0].sets[0].exercise_id == "custom-squat"
    assert parsed.custom_exercises == (("custom-squat", "Squat"),)


def test_unknown_exercises_are_kept_as_custom(catalog: Catalog) -> None:
    data = strength_file(
        [
            a_set("cardio", "jumping_jacks", repetitions=30),
            a_set("banded_exercises", "squat", repetitions=12),  # not the barbell back squat
            a_set("cardio", "jumping_jacks", repetitions=25),
            {"repetitions": 3},  # no category at all
        ]
    )
    parsed = parse_fit(data, catalog)
    ids = [s.exercise_id for s in parsed.strength_sessions[0].sets]
    assert ids == [
        "custom-cardio-jumping-jacks",
        "custom-banded-exercises-squat",
        "custom-cardio-jumping-jacks",
        "custom-unknown",
    ]
    assert parsed.custom_exercises == (
        ("custom-cardio-jumping-jacks", "Cardio: Jumping Jacks"),
        ("custom-banded-exercises-squat", "Banded Exercises: Squat"),
        ("custom-unknown", "Unknown"),
    )
    for custom_id, name in parsed.custom_exercises:
        assert custom_exercise_id(name) == custom_id


def test_the_shipped_catalog_is_the_default() -> None:
    data = strength_file([a_set("deadlift", "romanian_deadlift", repetitions=8, weight=60.0)])
    (session,) = parse_fit(data).strength_sessions
    assert session.sets[0].exercise_id == "romanian-deadlift"
    assert session.sets[0].load_kg == 60.0


@pytest.mark.parametrize(
    ("cat", "name", "expected"),
    [
        ("bench_press", "dumbbell_bench_press", "dumbbell-bench-press"),
        ("lunge", "walking_lunge", "walking-lunge"),
        ("row", "face_pull", "face-pull"),
        ("pull_up", "chin_up", "chin-up"),
        ("suspension", "pull_up", "custom-suspension-pull-up"),  # a TRX pull-up is no pull-up
    ],
)
def test_exercise_names_map_to_catalog_ids(
    catalog: Catalog, cat: str, name: str, expected: str
) -> None:
    data = strength_file([a_set(cat, name, repetitions=5)])
    assert parse_fit(data, catalog).strength_sessions[0].sets[0].exercise_id == expected


def test_workout_step_names_help_when_the_set_names_no_exercise(catalog: Catalog) -> None:
    """Sets point at ``exercise_title`` messages by ``wkt_step_index``."""
    cat, name = exercise("lunge", "walking_lunge")
    titles = (
        {"message_index": 0, "wkt_step_name": "Goblet Squat"},
        {"message_index": 1, "exercise_category": cat, "exercise_name": name},
        {"message_index": 2, "wkt_step_name": "Sled Push, heavy"},
    )
    sets = [{"wkt_step_index": i, "repetitions": 6} for i in range(3)]
    parsed = parse_fit(strength_file(sets, titles=titles), catalog)
    ids = [s.exercise_id for s in parsed.strength_sessions[0].sets]
    assert ids == ["goblet-squat", "walking-lunge", "custom-sled-push-heavy"]
    assert parsed.custom_exercises == (("custom-sled-push-heavy", "Sled Push, heavy"),)
