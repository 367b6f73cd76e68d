"""`runlift exercises` and `runlift exercise` through the installed console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from runlift.catalog import load_default_catalog

CONTRACT_KEYS = {
    "id",
    "name",
    "pattern",
    "compound",
    "unilateral",
    "primary_muscles",
    "secondary_muscles",
    "equipment",
    "level",
    "dose",
    "variation_of",
    "regressions",
    "progressions",
    "cues",
    "faults",
    "runner_benefits",
    "fit_category",
}


RUNLIFT = shutil.which("runlift") or str(Path(sys.executable).parent / "runlift")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [RUNLIFT, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=60,
        check=False,
    )


def ok(*args: str) -> str:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def listed(*args: str) -> list[dict[str, Any]]:
    doc = json.loads(ok("exercises", "--format", "json", *args))
    assert doc["schema"] == "runlift.catalog/1"
    return doc["exercises"]


# --- version and help -----------------------------------------------------------------------------


def test_version() -> None:
    out = ok("--version")
    assert out.strip() == "runlift 0.1.0"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--help"], "exercises"),
        (["exercises", "--help"], "--equipment"),
        (["exercise", "--help"], "ID"),
    ],
)
def test_help(args: list[str], expected: str) -> None:
    out = ok(*args)
    assert "Usage" in out
    assert expected in out


# --- listing ------------------------------------------------------------------------------------


def test_table_lists_back_squat() -> None:
    out = ok("exercises")
    assert "back-squat" in out
    assert "Back Squat" in out
    assert f"{len(load_default_catalog())} exercises" in out


def test_json_lists_the_whole_catalog() -> None:
    exercises = listed()
    shipped = load_default_catalog()
    assert len(exercises) == len(shipped)
    assert [e["id"] for e in exercises] == [ex.id for ex in shipped]
    for item in exercises:
        assert set(item) >= CONTRACT_KEYS, item["id"]
    squat = next(e for e in exercises if e["id"] == "back-squat")
    assert squat["primary_muscles"] == ["quadriceps"]
    assert squat["variation_of"] is None


def test_filter_by_pattern() -> None:
    found = listed("--pattern", "calf")
    assert found
    assert {e["pattern"] for e in found} == {"calf"}
    assert "bent-knee-calf-raise" in {e["id"] for e in found}


def test_filter_calves_with_dumbbells() -> None:
    found = listed("--muscle", "calves", "--equipment", "dumbbells")
    assert found
    found_ids = {e["id"] for e in found}
    assert {"straight-knee-calf-raise", "bent-knee-calf-raise"} <= found_ids
    for item in found:
        assert set(item["equipment"]) <= {"bodyweight", "dumbbells"}, item["id"]
        assert set(item["primary_muscles"]) & {"calves", "soleus"}, item["id"]


def test_filter_equipment_comma_separated() -> None:
    found = listed("--equipment", "dumbbells,bench")
    assert found
    for item in found:
        assert set(item["equipment"]) <= {"bodyweight", "dumbbells", "bench"}, item["id"]
    found_ids = {e["id"] for e in found}
    assert "dumbbell-bench-press" in found_ids  # needs both items
    assert "back-squat" not in found_ids
    repeated = listed("--equipment", "dumbbells", "--equipment", "bench")
    assert [e["id"] for e in repeated] == [e["id"] for e in found]


def test_filter_by_level() -> None:
    found = listed("--level", "beginner")
    assert found
    assert {e["level"] for e in found} == {"beginner"}


def test_search() -> None:
    found = listed("--search", "nordic")
    assert "nordic-hamstring-curl" in {e["id"] for e in found}
    assert all("nordic" in (e["id"] + e["name"]).lower() for e in found)


@pytest.mark.parametrize(
    ("args", "option", "suggestion"),
    [
        (["--pattern", "squats"], "--pattern", "did you mean 'squat'"),
        (["--equipment", "trapbar"], "--equipment", None),
        (["--level", "expert"], "--level", None),
        (["--equipment", "dumbbells,trapbar"], "--equipment", None),
        (["--muscle", "calfs"], "--muscle", "did you mean 'calves'"),
    ],
)
def test_bad_filter_value_exits_2(args: list[str], option: str, suggestion: str | None) -> None:
    result = run("exercises", *args)
    assert result.returncode == 2
    assert option in result.stderr
    assert repr(args[1].split(",")[-1]) in result.stderr
    if suggestion:
        assert suggestion in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_several_bad_filters_are_all_named() -> None:
    result = run("exercises", "--pattern", "squats", "--level", "expert")
    assert result.returncode == 2
    assert "--pattern" in result.stderr
    assert "--level" in result.stderr
    assert "Traceback" not in result.stderr


# --- one exercise --------------------------------------------------------------------------------


def test_show_bulgarian_split_squat() -> None:
    out = ok("exercise", "bulgarian-split-squat")
    assert "Bulgarian Split Squat" in out
    easier = next(line for line in out.splitlines() if "easier" in line)
    assert "split-squat" in easier
    assert "Cues" in out
    shipped = load_default_catalog().get("bulgarian-split-squat")
    for cue in shipped.cues:
        assert cue in out


def test_show_by_alias() -> None:
    out = ok("exercise", "squat")
    assert "Back Squat" in out
    assert "back-squat" in out


def test_show_json() -> None:
    doc = json.loads(ok("exercise", "bulgarian-split-squat", "--format", "json"))
    assert isinstance(doc, dict)
    assert set(doc) >= CONTRACT_KEYS
    assert doc["id"] == "bulgarian-split-squat"
    assert "split-squat" in doc["regressions"]


def test_unknown_exercise_suggests_the_closest() -> None:
    result = run("exercise", "bulgarian-split-sqat")
    assert result.returncode == 2
    assert "did you mean" in result.stderr
    assert "bulgarian-split-squat" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
