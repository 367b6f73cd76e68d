"""`runlift import` through the real command: summary, mapping table, exit status, idempotency."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests_support import EXAMPLES, SHARED

RUNLIFT = shutil.which("runlift") or str(Path(sys.executable).parent / "runlift")
CORPUS = SHARED / "corpus"


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([RUNLIFT, *args], env=env, capture_output=True, text=True, check=False)


def test_import_reports_every_file_and_is_idempotent(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "RUNLIFT_DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}",
        "RUNLIFT_TODAY": "2026-12-08",
        "COLUMNS": "200",
    }
    assert run(env, "init", str(EXAMPLES / "sample-runner.toml")).returncode == 0
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(CORPUS / "fit" / "fitparse__garmin-fenix-5-run.fit", batch / "run.fit")
    shutil.copy(CORPUS / "tcx" / "dblocktcx__running_treadmill_1.tcx", batch / "tread.tcx")
    shutil.copy(CORPUS / "fit" / "fitparse__activity-filecrc.fit", batch / "badcrc.fit")
    (batch / "strong.csv").write_text(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
        "Notes,Workout Notes,RPE\n"
        "2026-11-02 18:00:00,Legs,45m,Squat (Barbell),1,80,5,0,0,,,8\n"
        "2026-11-02 18:00:00,Legs,45m,Mystery Move,1,10,8,0,0,,,\n"
    )
    first = run(env, "import", str(batch), "--jobs", "2")
    assert first.returncode == 2, first.stderr  # one file was rejected; the rest imported
    assert "Traceback" not in first.stderr
    out = " ".join(first.stdout.split())
    assert "3 imported" in out
    assert "1 rejected" in out
    assert "bad file CRC" in out
    assert "Squat (Barbell)" in out
    assert "back-squat" in out
    assert "custom-mystery-move" in out
    doc = json.loads(run(env, "history", "--format", "json").stdout)
    formats = sorted(r["source"]["format"] for r in doc["runs"])
    assert formats == ["fit", "tcx"]
    assert all(len(r["source"]["sha256"]) == 64 for r in doc["runs"])
    assert [s["exercise_id"] for s in doc["strength_sessions"][0]["sets"]] == [
        "back-squat",
        "custom-mystery-move",
    ]
    (batch / "badcrc.fit").unlink()
    again = run(env, "import", str(batch))
    assert again.returncode == 0, again.stderr
    assert "0 imported" in " ".join(again.stdout.split())
    assert json.loads(run(env, "history", "--format", "json").stdout) == doc
    remap = run(env, "import", "--map", "Mystery Move=goblet-squat", str(batch))
    assert remap.returncode == 0
    assert "Remapped 1 set(s)" in remap.stdout
    bad_map = run(env, "import", "--map", "Mystery Move=goblet-sqat", str(batch))
    assert bad_map.returncode == 2
    assert "goblet-squat" in bad_map.stderr  # did you mean
