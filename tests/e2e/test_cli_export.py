"""`runlift export workouts|workout|plan|history` through the installed script."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from e2e.test_cli_log import SAMPLE, at_once, ok, refused
from integration.conftest import db_url  # noqa: F401  (the SQLite / PostgreSQL fixture)

TODAY = "2026-12-08"  # the sample plan's first session day (test_cli_log's today)


def test_workouts_plan_and_history_exports(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    import fitdecode

    ok(db_url, "init", SAMPLE, RUNLIFT_TODAY="2026-12-07")
    ok(db_url, "log", "strength", "--minutes", "40", "squat 3x5@60kg rpe8")
    out = tmp_path / "watch"
    said = ok(db_url, "export", "workouts", "--out", out, "--weeks", "1")
    files = sorted(out.glob("*.fit"))
    assert len(files) == int(said.split()[1]) >= 1
    assert files[0].name.startswith(TODAY)
    with fitdecode.FitReader(io.BytesIO(files[0].read_bytes())) as reader:  # CRCs checked
        names = [f.name for f in reader if isinstance(f, fitdecode.FitDataMessage)]
    assert names[:2] == ["file_id", "workout"]
    assert "workout_step" in names

    one = ok(db_url, "export", "workout", TODAY, "--out", tmp_path)
    assert Path(one.split()[-1]).read_bytes() == files[0].read_bytes()  # deterministic

    html = tmp_path / "week.html"
    ok(db_url, "export", "plan", "--format", "html", "--week", TODAY, "--out", html)
    assert "Strength" in html.read_text(encoding="utf-8")
    pdf = tmp_path / "week.pdf"
    ok(db_url, "export", "plan", "--week", TODAY, "--paper", "Letter", "--out", pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True)
        assert re.search(r"^Pages:\s+1$", info.stdout, re.M), info.stdout
        assert "612 x 792 pts" in info.stdout  # Letter
    elif os.environ.get("CI"):
        pytest.fail("pdfinfo (poppler-utils) is missing in CI: see scripts/test_tools.sh")

    csv_dir = tmp_path / "csv"
    ok(db_url, "export", "history", "--format", "csv", "--out", csv_dir)
    sets = (csv_dir / "sets.csv").read_text(encoding="utf-8").splitlines()
    assert len(sets) == 1 + 3  # a header and the three squat sets
    assert "back-squat" in sets[1]


def test_bad_export_input_is_refused(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    ok(db_url, "init", SAMPLE, RUNLIFT_TODAY="2026-12-07")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cases = (
        (("export", "workouts", "--out", str(tmp_path / "w"), "--weeks", "0"), "--weeks"),
        (("export", "workouts", "--out", str(blocker / "w")), str(blocker)),
        (("export", "workout", "2026-12-09"), "no strength session is planned on"),
        (("export", "workout", "2026-02-30"), "DATE"),
        (("export", "plan", "--out", str(tmp_path / "p.pdf"), "--weeks", "0"), "weeks"),
        (("export", "plan", "--out", str(tmp_path / "p.pdf"), "--week", "2030-01-01"), "2030"),
        (("export", "plan", "--out", str(blocker / "p.pdf")), "cannot write"),
        (("export", "history", "--format", "strong", "--out", str(blocker / "s.csv")), "a-file"),
    )
    results = at_once(db_url, [args for args, _ in cases])
    for (args, words), result in zip(cases, results, strict=True):
        assert words in refused(result), args
