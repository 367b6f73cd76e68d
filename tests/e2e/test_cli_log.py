"""Logging, history, backup and the stored profile through the installed `runlift` script.

Everything here runs the real console script in a subprocess against a real database (a SQLite
file and a fresh PostgreSQL database, see ``tests/integration/conftest.py``), and checks the
contract faces scripts depend on: the logging forms and exit statuses of ``docs/contracts.md`` §6
and the history JSON of §4. Commands that are refused and independent of one another run at the
same time to keep the wall-clock time down; each one is still a separate `runlift` process.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from integration.conftest import db_url  # noqa: F401  (the SQLite / PostgreSQL fixture)

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-runner.toml"
RUNLIFT = shutil.which("runlift") or str(Path(sys.executable).parent / "runlift")
TODAY = "2026-12-08"  # a Tuesday in the sample plan, with planned session 2026-12-08-a
TOMORROW = "2026-12-09"

# The contract's own examples (docs/contracts.md §6), in one command.
CONTRACT_LINES = (
    "squat 3x5@60kg rpe8",
    "single-leg-deadlift 3x8@16kg left",
    "side-plank 2x30s right",
    "pogo-hops 2x20c",
)


def _env(db: str, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("RUNLIFT_DEBUG", "VISUAL", "EDITOR") and not k.startswith("RUNLIFT_")
    }
    env.update(RUNLIFT_DATABASE_URL=db, RUNLIFT_TODAY=TODAY, COLUMNS="200")
    env.update(extra)
    return env


def cli(db: str, *args: str | Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [RUNLIFT, *map(str, args)],
        capture_output=True,
        text=True,
        env=_env(db, **extra_env),
        timeout=180,
        check=False,
    )
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return result


def ok(db: str, *args: str | Path, **extra_env: str) -> str:
    result = cli(db, *args, **extra_env)
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result.stdout


def refused(result: subprocess.CompletedProcess[str]) -> str:
    """A bad-input refusal: exit 2, a `runlift:` message on stderr, no traceback; its text."""
    assert result.returncode == 2, (result.args, result.stdout, result.stderr)
    assert result.stderr.startswith("runlift: "), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    return result.stderr


def at_once(db: str, commands: Sequence[Sequence[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Run independent `runlift` commands concurrently; their results, in order."""
    procs = [
        subprocess.Popen(
            [RUNLIFT, *cmd],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(db),
        )
        for cmd in commands
    ]
    results = []
    for cmd, proc in zip(commands, procs, strict=True):
        out, err = proc.communicate(timeout=300)
        results.append(subprocess.CompletedProcess([RUNLIFT, *cmd], proc.returncode, out, err))
    return results


def history(db: str, *args: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(ok(db, "history", "--format", "json", *args))
    assert doc["schema"] == "runlift.history/1"
    return doc


def set_row(
    exercise_id: str,
    order: int,
    *,
    reps: int | None = None,
    duration_s: float | None = None,
    contacts: int | None = None,
    load_kg: float | None = None,
    rpe: float | None = None,
    side: str = "both",
    warmup: bool = False,
    technique: int | None = None,
) -> dict[str, Any]:
    return {
        "exercise_id": exercise_id,
        "order": order,
        "reps": reps,
        "duration_s": duration_s,
        "contacts": contacts,
        "load_kg": load_kg,
        "rpe": rpe,
        "side": side,
        "warmup": warmup,
        "technique": technique,
    }


def test_setup_log_history_and_backup(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    db = db_url
    # Before `init`, storage commands are refused and point at `runlift init`.
    message = refused(cli(db, "history"))
    assert "runlift init" in message

    summary = ok(db, "init", SAMPLE)
    assert summary.startswith("Sam: plan of ")
    assert "already set up" in refused(cli(db, "init", SAMPLE))

    # The contract's examples, in one command, on today's planned session.
    out = ok(db, "log", "strength", *CONTRACT_LINES, "--minutes", "40", "--srpe", "7")
    assert "logged 10 set(s) on 2026-12-08, as planned session 2026-12-08-a" in out

    # More forms on an earlier date (before the plan starts: no planned session).
    ok(
        db,
        "log",
        "strength",
        "--date",
        "2026-12-01",
        "squat 2x5@135lb rir 2 tech 4",
        "push-up 1x10@bw warmup",
    )

    # Runs: the contract's example today, then mi / H:MM:SS, m / SS and MM:SS with MM >= 60.
    ok(db, "log", "run", "--distance", "10km", "--time", "50:00", "--hr", "150", "--rpe", "6")
    ok(db, "log", "run", "--date", "2026-12-05", "--distance", "6.2mi", "--time", "1:02:03")
    ok(db, "log", "run", "--date", "2026-12-06", "--distance", "800m", "--time", "150")
    ok(db, "log", "run", "--date", "2026-12-07", "--distance", "12km", "--time", "61:00")

    doc = history(db)
    assert set(doc) >= {"schema", "runs", "strength_sessions"}

    # Runs, oldest first, start times at noon UTC on the logged date.
    runs = doc["runs"]
    assert [r["start_at"] for r in runs] == [
        "2026-12-05T12:00:00Z",
        "2026-12-06T12:00:00Z",
        "2026-12-07T12:00:00Z",
        "2026-12-08T12:00:00Z",
    ]
    mi, short, long_min, contract_run = runs
    assert contract_run["sport"] == "running"
    assert contract_run["distance_m"] == 10000
    assert contract_run["timer_s"] == 3000
    assert contract_run["avg_hr_bpm"] == 150
    assert contract_run["srpe"] == 6
    assert contract_run["source"]["format"] == "manual"
    assert mi["distance_m"] == pytest.approx(6.2 * 1609.344, abs=0.05)  # 9977.93 m
    assert mi["timer_s"] == 1 * 3600 + 2 * 60 + 3
    assert mi["avg_hr_bpm"] is None
    assert mi["srpe"] is None
    assert (short["distance_m"], short["timer_s"]) == (800, 150)
    assert (long_min["distance_m"], long_min["timer_s"]) == (12000, 61 * 60)
    assert len({r["id"] for r in runs}) == 4

    # Strength sessions, oldest first.
    forms, contract = doc["strength_sessions"]
    assert contract["date"] == TODAY
    assert contract["planned_session_id"] == "2026-12-08-a"
    assert contract["duration_min"] == 40
    assert contract["srpe"] == 7
    assert contract["sets"] == [
        *(set_row("back-squat", i, reps=5, load_kg=60.0, rpe=8.0) for i in (1, 2, 3)),
        *(set_row("single-leg-deadlift", i, reps=8, load_kg=16.0, side="left") for i in (4, 5, 6)),
        *(set_row("side-plank", i, duration_s=30.0, side="right") for i in (7, 8)),
        *(set_row("pogo-hops", i, contacts=20) for i in (9, 10)),
    ]

    lb_in_kg = round(135 * 0.45359237, 3)
    assert lb_in_kg == 61.235
    assert forms["date"] == "2026-12-01"
    assert forms["planned_session_id"] is None
    assert forms["duration_min"] is None
    assert forms["srpe"] is None
    assert forms["sets"] == [
        set_row("back-squat", 1, reps=5, load_kg=lb_in_kg, rpe=8.0, technique=4),
        set_row("back-squat", 2, reps=5, load_kg=lb_in_kg, rpe=8.0, technique=4),
        set_row("push-up", 3, reps=10, load_kg=None, warmup=True),
    ]

    # The table lists the runs and the sessions.
    table = ok(db, "history")
    assert "History" in table
    assert re.search(r"2026-12-08 .*run .*10\.00 km in 50 min, HR 150, RPE 6", table), table
    assert re.search(r"2026-12-08 .*strength .*back-squat 5@60kg", table), table
    assert re.search(r"2026-12-01 .*strength .*push-up 10", table), table
    assert re.search(r"2026-12-05 .*run .*9\.98 km in 62 min", table), table

    # --since / --until filter (inclusive), and a reversed range is refused.
    window = history(db, "--since", "2026-12-06", "--until", "2026-12-07")
    assert [r["start_at"][:10] for r in window["runs"]] == ["2026-12-06", "2026-12-07"]
    assert window["strength_sessions"] == []
    since = history(db, "--since", "2026-12-08")
    assert [r["id"] for r in since["runs"]] == [contract_run["id"]]
    assert [s["id"] for s in since["strength_sessions"]] == [contract["id"]]
    message = refused(cli(db, "history", "--since", "2026-12-08", "--until", "2026-12-01"))
    assert "--since" in message
    assert "--until" in message

    # A full backup restores into a new, empty database with the same history.
    backup = tmp_path / "backup.json"
    ok(db, "export", "--all", backup)
    assert json.loads(backup.read_text(encoding="utf-8"))["tables"]
    other = f"sqlite:///{tmp_path / 'other.db'}"
    ok(db, "restore", backup, "--db", other)
    assert history(db, "--db", other) == doc
    assert "not empty" in refused(cli(db, "restore", backup, "--db", other))
    not_json = tmp_path / "not-json.json"
    not_json.write_text("schema = 'runlift.backup/1'\n", encoding="utf-8")
    third = f"sqlite:///{tmp_path / 'third.db'}"
    assert "not valid JSON" in refused(cli(db, "restore", not_json, "--db", third))


RUN_OK = ("log", "run", "--distance", "10km", "--time", "50:00")
# Refused commands and what their message must say. The parsing refusals do not depend on the
# database; the `storage` ones are those where something could have reached it (a good line
# before a bad one, a well-formed command on a future date), checked on every database.
REFUSALS: list[tuple[tuple[str, ...], tuple[str, ...], bool]] = [
    (("log", "strength", "squat 3x5@sixty"), ("'sixty'", "60kg, 135lb or bw"), False),
    (("log", "strength", "squat 3x5@-60kg"), ("'-60kg'",), False),
    (("log", "strength", "squatt 3x5"), ("unknown exercise 'squatt'", "back-squat"), False),
    (("log", "strength", "row 3x5"), ("ambiguous", "dumbbell-row", "barbell-row"), False),
    (("log", "strength", "squat 3x30s"), ("back-squat", "reps"), False),
    (
        ("log", "strength", "squat 3x5@60kg rpe8", "side-plank 2x30 right"),
        ("'side-plank 2x30 right'", "a hold"),
        True,
    ),
    (
        ("log", "strength", "squat 3x5@60kg rpe8", "--date", TOMORROW),
        ("--date", TOMORROW, "future"),
        True,
    ),
    ((*RUN_OK, "--date", TOMORROW), ("--date", TOMORROW, "future"), True),
    (("log", "run", "--distance", "10 furlongs", "--time", "50:00"), ("'10 furlongs'",), False),
    (("log", "run", "--distance", "10km", "--time", "1:75:00"), ("--time", "'1:75:00'"), False),
    ((*RUN_OK, "--hr", "20"), ("--hr", "20"), False),
    ((*RUN_OK, "--rpe", "11"), ("--rpe", "11"), False),
]


def test_bad_input_is_refused_and_nothing_is_stored(db_url: str) -> None:  # noqa: F811
    db = db_url
    ok(db, "init", SAMPLE)
    before = history(db)
    assert before["runs"] == []
    assert before["strength_sessions"] == []

    cases = [c for c in REFUSALS if c[2] or db.startswith("sqlite")]
    results = at_once(db, [cmd for cmd, _, _ in cases])
    for (cmd, needles, _), result in zip(cases, results, strict=True):
        message = refused(result)
        for needle in needles:
            assert needle in message, (cmd, message)
        # Only the bad line is named as a problem, not the good one before it.
        assert "'squat 3x5@60kg rpe8'" not in message, (cmd, message)

    assert history(db) == before


def test_replan_and_profile_show_and_edit(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    db = db_url
    ok(db, "init", SAMPLE)
    assert ok(db, "replan").startswith("Sam: plan of ")

    shown = ok(db, "profile", "show")
    assert 'name = "Sam"' in shown
    assert tomllib.loads(shown)["strength"]["sessions_per_week"] == 2

    # The editor: `editor.py VALUE FILE` sets sessions_per_week and notes which file it edited.
    seen = tmp_path / "edited-paths.txt"
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import pathlib, re, sys\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        f"with open({str(seen)!r}, 'a', encoding='utf-8') as log:\n"
        "    log.write(str(path) + '\\n')\n"
        "text = path.read_text(encoding='utf-8')\n"
        "new, n = re.subn(r'(?m)^sessions_per_week = \\d+$',\n"
        "                 'sessions_per_week = ' + sys.argv[1], text)\n"
        "sys.exit(3) if n != 1 else path.write_text(new, encoding='utf-8')\n",
        encoding="utf-8",
    )

    def edited() -> list[Path]:
        return [Path(p) for p in seen.read_text(encoding="utf-8").splitlines()]

    def edit_with(value: int) -> subprocess.CompletedProcess[str]:
        # EDITOR is split like a shell command line; runlift appends the file to edit.
        return cli(db, "profile", "edit", EDITOR=f"{sys.executable} {editor} {value}")

    try:
        good = edit_with(3)
        assert good.returncode == 0, good.stderr
        assert "Sam: plan of " in good.stdout
        assert len(edited()) == 1
        assert not edited()[0].exists()  # a stored edit leaves no file behind
        after = ok(db, "profile", "show")
        assert "sessions_per_week = 3" in after
        assert tomllib.loads(after)["strength"]["sessions_per_week"] == 3

        message = refused(edit_with(9))
        kept = edited()[1]
        assert "sessions_per_week" in message
        assert f"your edit is kept in {kept}" in message
        assert "sessions_per_week = 9" in kept.read_text(encoding="utf-8")
        assert ok(db, "profile", "show") == after
    finally:
        if seen.exists():
            for path in edited():
                path.unlink(missing_ok=True)


# One worker: log three sessions one after another, then exit 0 only if all three were logged.
WORKER = """
import json, subprocess, sys
runlift, worker = sys.argv[1], int(sys.argv[2])
results = []
for n in (1, 2, 3):
    line = f"squat {n}x5@{20 + worker}kg"
    done = subprocess.run([runlift, "log", "strength", line], capture_output=True, text=True)
    results.append([done.returncode, done.stderr])
print(json.dumps(results))
sys.exit(0 if all(rc == 0 for rc, _ in results) else 1)
"""


def test_concurrent_logging_processes(db_url: str) -> None:  # noqa: F811
    db = db_url
    ok(db, "init", SAMPLE)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, RUNLIFT, str(worker)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(db),
        )
        for worker in range(4)
    ]
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        outcomes.append((proc.returncode, out, err))
    for rc, out, err in outcomes:
        assert rc == 0, (out, err)
        assert [r[0] for r in json.loads(out)] == [0, 0, 0], out
        assert "Traceback" not in out + err

    sessions = history(db)["strength_sessions"]
    assert len(sessions) == 12
    assert len({s["id"] for s in sessions}) == 12
    logged = sorted(
        (s["sets"][0]["load_kg"], len(s["sets"]))
        for s in sessions
        if {st["exercise_id"] for st in s["sets"]} == {"back-squat"}
    )
    assert logged == sorted((20.0 + w, n) for w in range(4) for n in (1, 2, 3))
    assert {s["planned_session_id"] for s in sessions} == {"2026-12-08-a"}
    assert [st["order"] for s in sessions for st in s["sets"]] == [
        i for s in sessions for i in range(1, len(s["sets"]) + 1)
    ]
