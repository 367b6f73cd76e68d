"""`runlift plan` and `runlift check` through the installed console script."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SAMPLE = EXAMPLES / "sample-runner.toml"
HALF = EXAMPLES / "intermediate-half.toml"
NO_RACE = EXAMPLES / "maintenance-no-race.toml"

RUNLIFT = shutil.which("runlift") or str(Path(sys.executable).parent / "runlift")
ENV = {**os.environ, "COLUMNS": "200"}
ENV.pop("RUNLIFT_DEBUG", None)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PHASES = ("technique", "base", "build", "peak", "taper", "race")
RUN_TYPES = ("rest", "easy", "quality", "long", "race")
SESSION_ID = re.compile(r"^\d{4}-\d{2}-\d{2}-a$")


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [RUNLIFT, *map(str, args)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def run_bytes(*args: str | Path) -> bytes:
    result = subprocess.run(
        [RUNLIFT, *map(str, args)], capture_output=True, env=ENV, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return result.stdout


def ok(*args: str | Path) -> str:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(*args: str | Path) -> str:
    """Run a command that must fail with bad input (status 2); return its standard error."""
    result = run(*args)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stderr.strip(), "no message on standard error"
    assert result.stdout == ""
    return result.stderr


def plan_json(profile: str | Path, *args: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(ok("plan", profile, "--format", "json", *args))
    assert doc["schema"] == "runlift.plan/1"
    return doc


def sessions(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [d["strength"] for d in doc["days"] if d["strength"] is not None]


def exercises(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for s in sessions(doc) for e in s["exercises"]]


def by_rule(checks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {c["rule"]: c for c in checks}


@pytest.fixture(scope="module")
def sample_bytes() -> bytes:
    return run_bytes("plan", SAMPLE, "--format", "json")


@pytest.fixture(scope="module")
def sample(sample_bytes: bytes) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(sample_bytes)
    return doc


def write_plan(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False), "utf-8")
    return path


def check_json(path: Path, expected_status: int) -> dict[str, dict[str, Any]]:
    result = run("check", path, "--format", "json")
    assert result.returncode == expected_status, (result.stdout, result.stderr)
    doc = json.loads(result.stdout)
    assert list(doc) == ["checks"]
    return by_rule(doc["checks"])


def table_row(out: str, rule: str) -> str:
    rows = [line for line in out.splitlines() if f" {rule} " in line]
    assert len(rows) == 1, f"expected one row for {rule} in:\n{out}"
    return rows[0]


# --- the calendar ---------------------------------------------------------------------------------


def test_table_calendar() -> None:
    out = ok("plan", SAMPLE)
    assert out.startswith("Sam: half-marathon on Sun 18 Apr 2027, 45 km a week, focus power")
    for phase in PHASES:
        assert re.search(rf"│\s*\d+\s*│\s*{phase}\b", out), f"no week row in the {phase} phase"
    for kind in RUN_TYPES:
        assert re.search(rf"│ {kind}\s", out), f"no {kind} run in the calendar"
    assert "▲" in out
    assert "All 21 checks pass." in out
    assert "qualified" in out  # the new lifter's coaching note


def test_table_refuses_out(tmp_path: Path) -> None:
    # --out is for files; the table is for the terminal.
    target = tmp_path / "calendar.txt"
    assert "--out" in refused("plan", SAMPLE, "--out", target)
    assert not target.exists()


# --- JSON -----------------------------------------------------------------------------------------


def test_json_plan_shape(sample: dict[str, Any]) -> None:
    assert sample["generated_by"] == "runlift 0.1.0"
    assert sample["focus"] == "power"
    assert sample["race"] == {"distance": "half-marathon", "date": "2027-04-18"}
    assert sample["profile"]["athlete"]["name"] == "Sam"
    assert sample["profile"]["running"]["weekly_distance_km"] == 45.0
    assert [p["name"] for p in sample["phases"]][:6] == list(PHASES)


def test_json_days_are_contiguous_from_the_start(sample: dict[str, Any]) -> None:
    days = sample["days"]
    start = dt.date(2026, 12, 7)
    assert days[0]["date"] == "2026-12-07"
    for n, day in enumerate(days):
        date = start + dt.timedelta(days=n)
        assert day["date"] == date.isoformat()
        assert day["weekday"] == WEEKDAYS[date.weekday()]
    race_day = next(d for d in days if d["date"] == "2027-04-18")
    assert race_day["run"] == "race"
    assert race_day["strength"] is None
    assert {d["run"] for d in days} == set(RUN_TYPES)


def test_json_session_ids(sample: dict[str, Any]) -> None:
    found = 0
    for day in sample["days"]:
        s = day["strength"]
        if s is None:
            continue
        found += 1
        assert SESSION_ID.match(s["id"]), s["id"]
        assert s["id"].startswith(day["date"])
        assert s["duration_min"] <= 45
        assert day["weekday"] in ("tue", "thu", "sat")
    assert found == 35


def test_json_checks_all_pass(sample: dict[str, Any]) -> None:
    checks = sample["checks"]
    assert len(checks) == 21
    failed = [c for c in checks if not c["ok"]]
    assert failed == []


def test_json_is_byte_identical_on_a_second_run(sample_bytes: bytes) -> None:
    assert run_bytes("plan", SAMPLE, "--format", "json") == sample_bytes


def test_auto_focus_is_resolved() -> None:
    doc = plan_json(EXAMPLES / "new-lifter-5k.toml")
    assert doc["profile"]["goal"]["focus"] == "auto"
    assert doc["focus"] in ("power", "endurance", "form")


# --- markdown and iCalendar -----------------------------------------------------------------------


def test_markdown() -> None:
    out = ok("plan", SAMPLE, "--format", "markdown")
    assert out.startswith("# Strength plan for Sam\n")
    assert "## Phases" in out
    assert "half-marathon on 2027-04-18" in out


def test_ics(sample: dict[str, Any]) -> None:
    data = run_bytes("plan", SAMPLE, "--format", "ics")
    calendar = Calendar.from_ical(data)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    ids = [s["id"] for s in sessions(sample)]
    assert data.count(b"BEGIN:VEVENT") == len(ids) == len(events) == 35
    unfolded = data.decode("utf-8").replace("\r\n ", "").replace("\r\n", "\n")
    uid_lines = [line for line in unfolded.splitlines() if line.startswith("UID:")]
    assert len(uid_lines) == len(ids)
    for session_id in ids:
        assert any(line.startswith(f"UID:{session_id}.") for line in uid_lines), session_id
    assert sorted(str(e["UID"]).split(".")[0] for e in events) == sorted(ids)
    first = min(events, key=lambda e: e.decoded("DTSTART"))
    assert first.decoded("DTSTART") == dt.date(2026, 12, 8)
    assert run_bytes("plan", SAMPLE, "--format", "ics") == data


def test_out_writes_the_file_and_prints_nothing(tmp_path: Path, sample_bytes: bytes) -> None:
    target = tmp_path / "plan.json"
    result = run("plan", SAMPLE, "--format", "json", "--out", target)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert target.read_bytes() == sample_bytes
    assert json.loads(target.read_text("utf-8"))["schema"] == "runlift.plan/1"


def test_out_into_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.json"
    stderr = refused("plan", SAMPLE, "--format", "json", "--out", target)
    assert str(target) in stderr
    assert not target.exists()


# --- --weeks, --start, --explain ------------------------------------------------------------------


def test_weeks_on_a_race_plan() -> None:
    doc = plan_json(SAMPLE, "--weeks", "4")
    assert len(doc["days"]) == 28
    assert doc["days"][0]["date"] == "2026-12-07"
    assert doc["days"][-1]["date"] == "2027-01-03"
    assert doc["race"] == {"distance": "half-marathon", "date": "2027-04-18"}


def test_weeks_without_a_race() -> None:
    doc = plan_json(NO_RACE, "--weeks", "8")
    assert len(doc["days"]) == 56
    assert doc["days"][-1]["date"] == "2027-01-31"
    assert doc["race"] is None


def test_no_race_defaults_to_twelve_weeks() -> None:
    assert len(plan_json(NO_RACE)["days"]) == 84


@pytest.mark.parametrize("weeks", ["0", "-1", "105"])
def test_weeks_out_of_range(weeks: str) -> None:
    assert "--weeks" in refused("plan", SAMPLE, "--weeks", weeks)


def test_start_shifts_the_first_day() -> None:
    doc = plan_json(SAMPLE, "--start", "2027-01-04")
    assert doc["days"][0]["date"] == "2027-01-04"
    assert doc["profile"]["strength"]["start_date"] == "2027-01-04"
    assert all(s["id"] >= "2027-01-04" for s in sessions(doc))
    assert doc["days"][-1]["date"] == "2027-04-25"
    assert len(doc["days"]) == 112


def test_start_not_a_date() -> None:
    stderr = refused("plan", SAMPLE, "--start", "notadate")
    assert "--start" in stderr
    assert "notadate" in stderr


@pytest.mark.parametrize("start", ["2027-05-01", "2027-04-18"])
def test_start_on_or_after_the_race(start: str) -> None:
    stderr = refused("plan", SAMPLE, "--start", start)
    assert "--start" in stderr
    assert "2027-04-18" in stderr


def test_explain_shows_the_session_and_its_cues(sample: dict[str, Any]) -> None:
    day = next(d for d in sample["days"] if d["date"] == "2027-02-04")
    session = day["strength"]
    assert session is not None
    out = ok("plan", SAMPLE, "--explain", "2027-02-04")
    assert "Thursday 04 February 2027" in out
    assert session["id"] in out
    assert session["title"] in out
    for exercise in session["exercises"]:
        assert exercise["exercise_id"] in out
        # The longest word of the first cue: wrapping in the table never splits it.
        word = max(re.findall(r"[A-Za-z]+", exercise["cues"][0]), key=len)
        assert word in out, (exercise["exercise_id"], word)


def test_explain_a_day_without_a_session() -> None:
    out = ok("plan", SAMPLE, "--explain", "2027-02-05")
    assert "No strength session this day." in out
    assert "Next session:" in out


@pytest.mark.parametrize("date", ["2030-01-01", "2026-12-06"])
def test_explain_outside_the_plan(date: str) -> None:
    stderr = refused("plan", SAMPLE, "--explain", date)
    assert "--explain" in stderr
    assert date in stderr


def test_explain_not_a_date() -> None:
    assert "--explain" in refused("plan", SAMPLE, "--explain", "tomorrow")


# --- profile errors -------------------------------------------------------------------------------


def test_misspelt_key_in_profile(tmp_path: Path) -> None:
    text = SAMPLE.read_text("utf-8")
    assert "sessions_per_week = 2" in text
    profile = tmp_path / "typo.toml"
    profile.write_text(text.replace("sessions_per_week = 2", "sesions_per_week = 2"), "utf-8")
    stderr = refused("plan", profile)
    assert str(profile) in stderr
    assert "strength.sesions_per_week" in stderr
    assert "did you mean 'sessions_per_week'" in stderr


def test_several_profile_problems_each_on_a_line(tmp_path: Path) -> None:
    text = SAMPLE.read_text("utf-8")
    text = text.replace("session_minutes = 45", "session_minutes = 200")
    text = text.replace('focus = "power"', 'focus = "powr"')
    profile = tmp_path / "two.toml"
    profile.write_text(text, "utf-8")
    lines = refused("plan", profile).splitlines()
    assert len(lines) == 2
    assert any("strength.session_minutes" in line for line in lines)
    assert any("goal.focus" in line and "did you mean 'power'" in line for line in lines)


def test_missing_profile_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "profile.toml"
    stderr = refused("plan", missing)
    assert str(missing) in stderr
    assert "not found" in stderr


def test_profile_that_is_not_toml(tmp_path: Path) -> None:
    profile = tmp_path / "bad.toml"
    profile.write_bytes(b"\xff\xfe not toml [")
    stderr = refused("plan", profile)
    assert str(profile) in stderr


# --- runlift check --------------------------------------------------------------------------------


def test_check_an_unedited_plan(tmp_path: Path, sample: dict[str, Any]) -> None:
    path = write_plan(tmp_path / "plan.json", sample)
    out = ok("check", path)
    assert "Plan audit" in out
    for check in sample["checks"]:
        assert "✔" in table_row(out, check["rule"])
    assert "✘" not in out
    verdicts = check_json(path, 0)
    assert list(verdicts) == [c["rule"] for c in sample["checks"]]
    assert all(c["ok"] for c in verdicts.values())


def test_check_session_before_a_long_run(tmp_path: Path, sample: dict[str, Any]) -> None:
    doc = copy.deepcopy(sample)
    days = doc["days"]
    # The Saturday before the long run of week 5 gets a copy of that week's Thursday session.
    n = next(i for i, d in enumerate(days) if d["week"] == 5 and d["run"] == "long")
    before = days[n - 1]
    assert before["strength"] is None
    assert before["weekday"] == "sat"
    source = next(d["strength"] for d in days if d["week"] == 5 and d["weekday"] == "thu")
    moved = copy.deepcopy(source)
    moved["id"] = f"{before['date']}-a"
    before["strength"] = moved
    path = write_plan(tmp_path / "edited.json", doc)

    result = run("check", path)
    assert result.returncode == 1, result.stderr
    assert "✘" in table_row(result.stdout, "not-before-key")
    assert "✔" in table_row(result.stdout, "available-days")

    verdicts = check_json(path, 1)
    assert verdicts["not-before-key"]["ok"] is False
    assert before["date"] in verdicts["not-before-key"]["detail"]
    assert "long" in verdicts["not-before-key"]["detail"]
    assert verdicts["available-days"]["ok"] is True


def test_check_week_without_pulling(tmp_path: Path, sample: dict[str, Any]) -> None:
    doc = copy.deepcopy(sample)
    pulls = ("pull-horizontal", "pull-vertical")
    removed = 0
    for day in doc["days"]:
        if day["week"] == 5 and day["strength"]:
            kept = [e for e in day["strength"]["exercises"] if e["pattern"] not in pulls]
            removed += len(day["strength"]["exercises"]) - len(kept)
            day["strength"]["exercises"] = kept
    assert removed == 2
    path = write_plan(tmp_path / "no-pull.json", doc)

    result = run("check", path)
    assert result.returncode == 1
    assert "✘" in table_row(result.stdout, "pull-push")

    verdicts = check_json(path, 1)
    assert verdicts["pull-push"]["ok"] is False
    assert verdicts["pull-push"]["detail"].startswith("week 5: 0 pull <")
    assert verdicts["not-before-key"]["ok"] is True


def test_check_exercise_needing_missing_equipment(tmp_path: Path, sample: dict[str, Any]) -> None:
    doc = copy.deepcopy(sample)
    assert "barbell" not in doc["profile"]["strength"]["equipment"]
    day = next(d for d in doc["days"] if d["date"] == "2027-02-04")
    squat = next(e for e in day["strength"]["exercises"] if e["pattern"] == "squat")
    squat["exercise_id"] = "back-squat"
    squat["name"] = "Back Squat"
    path = write_plan(tmp_path / "barbell.json", doc)

    result = run("check", path)
    assert result.returncode == 1
    assert "✘" in table_row(result.stdout, "equipment-and-level")

    verdicts = check_json(path, 1)
    failed = {rule for rule, c in verdicts.items() if not c["ok"]}
    assert failed == {"equipment-and-level"}
    assert "2027-02-04-a: back-squat needs barbell" in verdicts["equipment-and-level"]["detail"]


def test_check_a_file_that_is_not_json() -> None:
    stderr = refused("check", SAMPLE)
    assert str(SAMPLE) in stderr
    assert "not valid JSON" in stderr


def test_check_wrong_schema(tmp_path: Path, sample: dict[str, Any]) -> None:
    doc = {**sample, "schema": "runlift.plan/99"}
    path = write_plan(tmp_path / "future.json", doc)
    stderr = refused("check", path)
    assert "schema" in stderr
    assert "runlift.plan/99" in stderr


def test_check_json_without_a_schema(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"days": []}', "utf-8")
    assert "schema" in refused("check", path)


@pytest.mark.parametrize(
    ("field", "value"),
    [("date", "2026-13-08"), ("sets", "3")],
    ids=["impossible-date", "sets-as-text"],
)
def test_check_malformed_hand_edit_is_bad_input(
    tmp_path: Path, sample: dict[str, Any], field: str, value: str
) -> None:
    # A plan edited by hand is user input: a malformed value is status 2 naming the place,
    # not status 1's "unexpected error".
    doc = copy.deepcopy(sample)
    day = doc["days"][1]
    assert day["strength"] is not None
    if field == "date":
        day["date"] = value
    else:
        day["strength"]["exercises"][3]["sets"] = value
    path = write_plan(tmp_path / "malformed.json", doc)
    result = run("check", path)
    assert result.returncode == 2, result.stderr
    assert "unexpected error" not in result.stderr
    assert str(path) in result.stderr
    assert repr(value) in result.stderr or value in result.stderr


def test_check_edited_profile_out_of_range(tmp_path: Path, sample: dict[str, Any]) -> None:
    doc = copy.deepcopy(sample)
    doc["profile"]["strength"]["sessions_per_week"] = 9
    path = write_plan(tmp_path / "profile.json", doc)
    stderr = refused("check", path)
    assert "strength.sessions_per_week" in stderr
    assert "1 to 3" in stderr


def test_check_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "plan.json"
    stderr = refused("check", missing)
    assert str(missing) in stderr


# --- focus changes the plan -----------------------------------------------------------------------


def plyometric_contacts(doc: dict[str, Any]) -> int:
    return sum(
        e["sets"] * e["contacts"] * (2 if e["per_side"] else 1)
        for e in exercises(doc)
        if e["pattern"] == "plyometric" and e["contacts"]
    )


def test_focus_changes_the_plan(tmp_path: Path) -> None:
    text = HALF.read_text("utf-8")
    assert text.count('focus = "power"') == 1
    plans = {}
    for focus in ("power", "endurance", "form"):
        profile = tmp_path / f"half-{focus}.toml"
        profile.write_text(text.replace('focus = "power"', f'focus = "{focus}"'), "utf-8")
        plans[focus] = plan_json(profile)
        assert plans[focus]["focus"] == focus
        assert all(c["ok"] for c in plans[focus]["checks"]), focus

    pairs = {f: {(e["exercise_id"], e["reps"]) for e in exercises(p)} for f, p in plans.items()}
    contacts = {f: plyometric_contacts(p) for f, p in plans.items()}
    assert pairs["power"] != pairs["endurance"]
    assert pairs["power"] != pairs["form"]
    assert pairs["endurance"] != pairs["form"]
    assert len(set(contacts.values())) == 3, contacts
    assert contacts["power"] > max(contacts["endurance"], contacts["form"]), contacts
    # Only the focus differs, so the calendar does not.
    assert [d["date"] for d in plans["power"]["days"]] == [d["date"] for d in plans["form"]["days"]]
