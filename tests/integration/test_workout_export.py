"""Workout export from a stored athlete (SQLite and PostgreSQL): files named by date and title,
loads from the log, and the errors a user can fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from garmin_fit_sdk import Decoder, Stream

from runlift.app import athlete, log
from runlift.app.workouts import export_workout, export_workouts
from runlift.errors import BadInput
from runlift.store.uow import Store
from tests_support import EXAMPLES

TODAY = dt.date(2026, 12, 8)
SAMPLE = EXAMPLES / "sample-runner.toml"


def set_up(url: str) -> Store:
    store = Store(url)
    athlete.init(store, SAMPLE, TODAY)
    log.log_strength(store, ["goblet-squat 2x10@12kg rpe6"], TODAY, TODAY)
    return store


def decode(path: Path) -> dict[str, list[dict[str, Any]]]:
    data = bytearray(path.read_bytes())
    assert Decoder(Stream.from_byte_array(data)).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(data)).read()
    assert errors == []
    return messages


def planned(store: Store) -> dict[str, dict[str, Any]]:
    plan = athlete.active_plan(store)
    return {d["date"]: d["strength"] for d in plan["days"] if d["strength"]}


def test_exports_two_weeks_and_they_decode(db_url: str, tmp_path: Path) -> None:
    store = set_up(db_url)
    out = tmp_path / "watch" / "workouts"
    notes: list[str] = []
    paths = export_workouts(store, out, TODAY, weeks=2, notes=notes)
    sessions = planned(store)
    due = sorted(d for d in sessions if "2026-12-08" <= d < "2026-12-22")
    assert [p.name[:10] for p in paths] == due
    assert paths[0].name == "2026-12-08-technique-strength-b-hinge-and-lunge.fit"
    assert notes == []
    for path in paths:
        session = sessions[path.name[:10]]
        messages = decode(path)
        (workout,) = messages["workout_mesgs"]
        assert session["title"].startswith(workout["wkt_name"])
        assert workout["sub_sport"] == "strength_training"
        names = [s["wkt_step_name"] for s in messages["workout_step_mesgs"]]
        assert [n for n in names if n != "Rest" and not n.endswith(" sets")] == [
            e["name"] for e in session["exercises"]
        ]
    squats = [
        step
        for path in paths
        for step in decode(path)["workout_step_mesgs"]
        if step.get("wkt_step_name") == "Goblet Squat"
    ]
    assert squats
    assert all(s["weight_display_unit"] == "kilogram" for s in squats)
    assert all(s["exercise_weight"] >= 12 for s in squats)
    again = export_workouts(store, out, TODAY, weeks=2)
    assert again == paths  # same names, overwritten with the same bytes
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]


def test_one_session_to_a_file_or_a_folder(db_url: str, tmp_path: Path) -> None:
    store = set_up(db_url)
    on = dt.date(2026, 12, 10)
    path = export_workout(store, on, tmp_path / "new" / "thursday.fit")
    assert path == tmp_path / "new" / "thursday.fit"
    assert decode(path)["workout_mesgs"][0]["num_valid_steps"] > 0
    inside = export_workout(store, on, tmp_path)
    assert inside.parent == tmp_path
    assert inside.name.startswith("2026-12-10-")
    assert inside.read_bytes() == path.read_bytes()


def test_errors_name_what_to_fix(db_url: str, tmp_path: Path) -> None:
    store = set_up(db_url)
    with pytest.raises(BadInput, match=r"no strength session is planned on Wed 2026-12-09"):
        export_workout(store, dt.date(2026, 12, 9), tmp_path)
    with pytest.raises(BadInput, match=r"Tue 2026-12-08 and Thu 2026-12-10"):
        export_workout(store, dt.date(2026, 12, 9), tmp_path)
    with pytest.raises(BadInput, match=r"--weeks: expected 1 or more; got 0"):
        export_workouts(store, tmp_path, TODAY, weeks=0)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(BadInput, match=r"cannot create the folder"):
        export_workouts(store, blocker / "out", TODAY, weeks=1)
    with pytest.raises(BadInput, match=r"not a folder|cannot create the folder"):
        export_workouts(store, blocker, TODAY, weeks=1)
    with pytest.raises(BadInput, match=r"no strength session is planned from 2030-01-01"):
        export_workouts(store, tmp_path, TODAY, first=dt.date(2030, 1, 1), weeks=1)
    assert not list(tmp_path.rglob("*.fit"))  # nothing half-written
