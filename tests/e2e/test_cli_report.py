"""`runlift report`, `status` and `flags` through the installed script, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path

from e2e.test_cli_log import SAMPLE, at_once, cli, ok, refused
from integration.conftest import db_url  # noqa: F401  (the SQLite / PostgreSQL fixture)
from runlift.app import log
from runlift.store.uow import Store

TODAY = "2026-12-20"  # a Sunday, the end of the plan's second week

CONTRACT_DAILY = {
    "date", "load_run", "load_strength", "load", "estimated",
    "ctl", "atl", "tsb", "acwr", "monotony", "strain",
}  # fmt: skip
CONTRACT_WEEKLY = {
    "week_start", "run_distance_m", "muscle_sets", "push_sets", "pull_sets",
    "knee_dominant_sets", "hip_dominant_sets", "adherence",
}  # fmt: skip


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def set_up(db: str) -> None:
    """The athlete through the CLI; their training through the app layer, which is quicker."""
    ok(db, "init", SAMPLE, RUNLIFT_TODAY="2026-12-07")
    store = Store(db)
    today = dt.date.fromisoformat(TODAY)
    for day in (7, 9, 11):
        log.log_run(store, dt.date(2026, 12, day), today, 8000.0, 2700.0, srpe=5.0)
    for day in range(14, 21):
        log.log_run(store, dt.date(2026, 12, day), today, 12000.0, 3900.0, avg_hr_bpm=150.0)
    lines = [
        "squat 3x5@60kg rpe8",
        "single-leg-deadlift 3x8@16kg left",
        "single-leg-deadlift 3x8@12kg right",
    ]
    log.log_strength(store, lines, dt.date(2026, 12, 8), today, minutes=40)
    store.engine.dispose()


def test_report_formats_status_and_accepting_a_flag(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    set_up(db_url)
    doc = json.loads(ok(db_url, "report", "--weeks", "2", "--format", "json", RUNLIFT_TODAY=TODAY))
    assert doc["schema"] == "runlift.report/1"
    assert len(doc["daily"]) == 14
    assert set(doc["daily"][0]) >= CONTRACT_DAILY
    assert set(doc["weekly"][0]) >= CONTRACT_WEEKLY
    assert {"exercise_id", "lsi", "flag"} <= set(doc["asymmetry"][0])
    assert doc["asymmetry"][0]["lsi"] == 0.75  # 8 × 12 kg ÷ 8 × 16 kg
    flags = {f["kind"]: f for f in doc["flags"]}
    assert {"date", "kind", "message", "action"} <= set(flags["run-distance-jump"])
    # Runs with only an average heart rate and no RPE are estimated, and marked.
    assert doc["daily"][-1]["estimated"] is True
    assert doc["daily"][0]["estimated"] is False

    # The contract's --since/--until select the same days as --weeks.
    same = json.loads(
        ok(
            db_url,
            "report",
            "--since",
            "2026-12-07",
            "--until",
            TODAY,
            "--format",
            "json",
            RUNLIFT_TODAY=TODAY,
        )
    )
    assert same == doc

    table = ok(db_url, "report", "--weeks", "2", RUNLIFT_TODAY=TODAY)
    for words in ("Load by week", "Balance", "Left/right", "Running", "not an injury"):
        assert words in table

    html_path = tmp_path / "report.html"
    ok(db_url, "report", "--format", "html", "-o", html_path, RUNLIFT_TODAY=TODAY)
    html = html_path.read_text(encoding="utf-8")
    parser = Tags()
    parser.feed(html)
    assert parser.tags.count("svg") >= 4
    assert "<script" not in html

    status = ok(db_url, "status", RUNLIFT_TODAY=TODAY)
    assert "Next session" in status
    assert "run-distance-jump" in status

    flag_id = flags["run-distance-jump"]["id"]
    accepted = ok(db_url, "flags", "accept", flag_id, RUNLIFT_TODAY=TODAY)
    assert "maintenance-week" in accepted
    assert "sets" in accepted
    assert "already accepted" in refused(
        cli(db_url, "flags", "accept", flag_id, RUNLIFT_TODAY=TODAY)
    )
    assert "adjusted: maintenance-week" in ok(db_url, "status", RUNLIFT_TODAY=TODAY)
    coverage = next(f for f in doc["flags"] if f["kind"] == "coverage-gap")
    assert "advice only" in refused(
        cli(db_url, "flags", "accept", coverage["id"], RUNLIFT_TODAY=TODAY)
    )


def test_bad_report_options_are_refused(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    assert "init" in refused(cli(db_url, "report"))  # nothing set up yet
    ok(db_url, "init", SAMPLE, RUNLIFT_TODAY="2026-12-07")
    cases = (
        (("report", "--weeks", "0"), "--weeks"),
        (("report", "--weeks", "2", "--since", "2026-12-01"), "not both"),
        (("report", "--since", "2026-13-01"), "--since"),
        (("report", "--since", "2026-12-10", "--until", "2026-12-01"), "after"),
        (("report", "--format", "table", "-o", str(tmp_path / "x")), "--output"),
        (("report", "--format", "json", "-o", str(tmp_path / "no" / "x.json")), "cannot write"),
        (("flags", "accept", "nope"), "no current flag"),
    )
    results = at_once(db_url, [args for args, _ in cases])  # independent: run them together
    for (args, words), result in zip(cases, results, strict=True):
        assert words in refused(result), args
