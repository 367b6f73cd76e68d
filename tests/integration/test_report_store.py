"""The report over real storage (SQLite file and PostgreSQL) and a real device file.

The imported run's estimated load is checked against Edwards' TRIMP computed here from the
file's own heart-rate records, read with fitdecode (not runlift's decoder).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from runlift.app import athlete, log
from runlift.app.adjust import accept
from runlift.app.imports import Options, import_paths
from runlift.app.report import planned_refs, report, status
from runlift.errors import BadInput
from runlift.formats.report_json import report_contract
from runlift.store.uow import Store
from tests_support import EXAMPLES, SHARED

SAMPLE = EXAMPLES / "sample-runner.toml"
START = dt.date(2026, 12, 7)  # the sample plan's first Monday
FENIX_RUN = SHARED / "corpus" / "fit" / "fitparse__activity-small-fenix2-run.fit"


def edwards_by_hand(data: bytes) -> tuple[float, float]:
    """(Edwards TRIMP, max HR) from the file's records: a sample holds until the next, ≤ 10 s."""
    import fitdecode

    samples: list[tuple[float, float]] = []
    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                hr = frame.get_value("heart_rate", fallback=None)
                ts = frame.get_value("timestamp", fallback=None)
                if hr and ts:
                    samples.append((ts.timestamp(), float(hr)))
    samples.sort()
    top = max(hr for _, hr in samples)
    trimp = 0.0
    for (t0, hr), (t1, _) in zip(samples, [*samples[1:], (samples[-1][0] + 1, 0)], strict=True):
        pct = round(hr) / top
        weight = (
            5
            if pct >= 0.9
            else 4
            if pct >= 0.8
            else 3
            if pct >= 0.7
            else 2
            if pct >= 0.6
            else 1
            if pct >= 0.5
            else 0
        )
        trimp += weight * min(max(t1 - t0, 0.0), 10.0) / 60
    return trimp, top


def test_an_imported_runs_load_is_edwards_trimp_from_its_own_heart_rate(
    db_url: str, tmp_path: Path
) -> None:
    store = Store(db_url)
    athlete.init(store, SAMPLE, START)
    shutil.copy(FENIX_RUN, tmp_path / FENIX_RUN.name)
    import_paths(store, [tmp_path], Options(), workers=1)
    on = dt.date(2015, 8, 15)
    view = report(store, START, since=on, until=on)
    doc = report_contract(view.report)
    trimp, top = edwards_by_hand(FENIX_RUN.read_bytes())
    (day,) = doc["daily"]
    assert day["estimated"] is True
    # Load = RPE × minutes with RPE = 2 × TRIMP ÷ minutes, so 2 × TRIMP.
    assert day["load_run"] == pytest.approx(2 * trimp, abs=0.1)
    assert any(f"{top:.0f} bpm" in n for n in doc["notes"])
    assert day["ctl"] == pytest.approx(day["load"] * (1 - 2.718281828459045 ** (-1 / 42)), abs=0.1)


def test_report_status_and_an_accepted_flag_through_storage(db_url: str) -> None:
    store = Store(db_url)
    athlete.init(store, SAMPLE, START)
    today = START + dt.timedelta(days=20)  # Sunday of the third week
    for d in range(0, 14, 2):  # two steady weeks of 8 km at RPE 5
        log.log_run(store, START + dt.timedelta(days=d), today, 8000.0, 2700.0, srpe=5.0)
    for d in range(14, 21):  # then 12 km every day at RPE 7
        log.log_run(store, START + dt.timedelta(days=d), today, 12000.0, 3900.0, srpe=7.0)
    log.log_strength(
        store, ["squat 3x5@60kg rpe8", "push-up 3x10"], START + dt.timedelta(1), today, 40
    )
    doc = report_contract(report(store, today, weeks=3).report)
    assert doc["schema"] == "runlift.report/1"
    assert [w["week_start"] for w in doc["weekly"]] == ["2026-12-07", "2026-12-14", "2026-12-21"]
    # Days 0, 2, 4, 6 then 8, 10, 12 at 8 km; days 14–20 at 12 km.
    assert [w["run_distance_m"] for w in doc["weekly"]] == [32000.0, 24000.0, 84000.0]
    # The first day: 8 km at RPE 5 for 45 min = 225 AU; the strength day: RPE 8 (its sets) × 40.
    first = doc["daily"][-21]
    assert (first["date"], first["load_run"]) == ("2026-12-07", 225.0)
    assert doc["daily"][-20]["load_strength"] == 320.0
    jump = next(f for f in doc["flags"] if f["kind"] == "run-distance-jump")
    assert jump["adjustment"] == "maintenance-week"

    now = status(store, today)
    assert jump["id"] in {f.id for f in now.current_flags}
    assert now.next_session is not None

    with store.unit_of_work() as uow:
        plans_before = len(uow.plans.all(1))
    done = accept(store, jump["id"], today)
    assert done.changes
    with pytest.raises(BadInput, match="already accepted"):
        accept(store, jump["id"], today)
    with store.unit_of_work() as uow:
        plans = uow.plans.all(1)
        active = json.loads(uow.plans.active(1).plan_json)  # type: ignore[union-attr]
        refs = planned_refs(plans)
    assert len(plans) == plans_before + 1
    assert active["adjustments"][0]["flag_id"] == jump["id"]
    # Adherence still reads each date from one plan: no session is counted twice.
    assert len({r.on for r in refs}) == len(refs)
    after = status(store, today)
    assert after.next_session is not None
    assert "maintenance-week" in after.next_session["adjusted"]


def test_report_windows_are_checked(db_url: str) -> None:
    store = Store(db_url)
    athlete.init(store, SAMPLE, START)
    for kwargs, words in (
        ({"weeks": 0}, "--weeks"),
        ({"weeks": 2, "since": START}, "not both"),
        ({"since": START, "until": START - dt.timedelta(days=1)}, "after"),
    ):
        with pytest.raises(BadInput, match=words):
            report(store, START, **kwargs)  # type: ignore[arg-type]
