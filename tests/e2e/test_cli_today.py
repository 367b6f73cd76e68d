"""today, week, progress and interactive logging through the real command (a pseudo-terminal
drives the interactive walk, as a person at a keyboard would)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from tests_support import EXAMPLES

RUNLIFT = shutil.which("runlift") or str(Path(sys.executable).parent / "runlift")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "RUNLIFT_DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}",
        "RUNLIFT_TODAY": "2026-12-08",
        "COLUMNS": "200",
    }
    out = subprocess.run(
        [RUNLIFT, "init", str(EXAMPLES / "intermediate-half.toml")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    return env


def run(
    env: dict[str, str], *args: str, today: str | None = None
) -> subprocess.CompletedProcess[str]:
    if today:
        env = {**env, "RUNLIFT_TODAY": today}
    return subprocess.run([RUNLIFT, *args], env=env, capture_output=True, text=True, check=False)


def history(env: dict[str, str]) -> dict:  # type: ignore[type-arg]
    out = run(env, "history", "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_targets_follow_the_log(env: dict[str, str]) -> None:
    # Tue 2026-12-08 is a planned base session (intermediate-half: tue/thu/sat available).
    before = run(env, "today")
    assert before.returncode == 0, before.stderr
    assert "no history" in before.stdout  # loaded lifts ask for a first load
    done = run(env, "log", "strength", "goblet-squat 3x8@20kg rpe7")
    assert done.returncode == 0, done.stderr
    # Two days later the same lift is planned again; its target comes from the log.
    later = run(env, "today", today="2026-12-10")
    assert later.returncode == 0, later.stderr
    assert "Goblet Squat" in later.stdout
    assert "@ 20 kg" in later.stdout or "@ 22 kg" in later.stdout
    week = run(env, "week", today="2026-12-10")
    assert week.returncode == 0, week.stderr
    assert "Adherence: 1 of" in week.stdout
    progress = run(env, "progress", "goblet-squat")
    assert "PR heaviest load: 20 kg on 2026-12-08" in progress.stdout


def test_a_missed_session_is_moved_within_the_week(env: dict[str, str]) -> None:
    out = run(env, "week", today="2026-12-09")  # Tuesday's session was not logged
    assert out.returncode == 0, out.stderr
    assert "from Tue 08 Dec" in out.stdout
    assert "moves to" in out.stdout or "is dropped" in out.stdout


def test_interactive_logging_in_a_terminal(env: dict[str, str]) -> None:
    child = pexpect.spawn(
        RUNLIFT,
        ["log", "strength", "--srpe", "6"],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 200),
    )
    child.expect("Enter = as planned")
    answered = 0
    while True:
        index = child.expect(
            [r"no history yet.*: ", r"set 1/\d+.*> ", r"set \d+/\d+.*> ", "Logged", pexpect.EOF]
        )
        if index == 0:
            child.sendline("20kg")
        elif index in (1, 2) and answered == 0:
            child.sendline("")  # one keystroke: as planned
            answered += 1
        elif index in (1, 2) and answered == 1:
            child.sendline("6@22.5kg rpe9 tech 2")
            answered += 1
        elif index in (1, 2):
            child.sendline("q")
        else:
            if index == 3:
                child.expect(pexpect.EOF)
            break
    child.close()
    assert child.exitstatus == 0
    (session,) = history(env)["strength_sessions"]
    assert session["srpe"] == 6
    assert session["planned_session_id"] == "2026-12-08-a"
    first, second = session["sets"]
    assert first["exercise_id"] == second["exercise_id"]
    assert second["reps"] == 6
    assert second["load_kg"] == 22.5
    assert second["rpe"] == 9.0
    assert second["technique"] == 2


def test_piped_answers_and_a_typo_lose_nothing(env: dict[str, str]) -> None:
    answers = "20kg\n\n3x@@\n8@20kg\nq\n"
    out = subprocess.run(
        [RUNLIFT, "log", "strength"],
        env=env,
        input=answers,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "is not" in out.stdout  # the typo is explained, then asked again
    (session,) = history(env)["strength_sessions"]
    assert len(session["sets"]) == 2
    assert session["sets"][1]["reps"] == 8


def test_interactive_on_a_day_without_a_session(env: dict[str, str]) -> None:
    out = run(env, "log", "strength", today="2026-12-09")  # Wednesday: no session planned
    assert out.returncode == 2
    assert "no planned session on 2026-12-09" in out.stderr
    assert "Traceback" not in out.stderr
