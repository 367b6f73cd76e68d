"""Exporting the stored history: Strong/Hevy files that import into a fresh database as the same
history, spreadsheet CSVs, and refusals that name the path. SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from runlift.app import athlete
from runlift.app.history import stored
from runlift.app.history_export import export_history
from runlift.app.imports import Options, import_paths
from runlift.app.log import log_run, log_strength
from runlift.errors import BadInput
from runlift.store.uow import Store
from runlift.training.model import StrengthSession
from tests_support import EXAMPLES

TODAY = dt.date(2026, 12, 20)
# An export from another app with an exercise the catalog does not know (a custom exercise).
STRONG_IN = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
    '2026-12-02 07:00:00,Gym,30m,"Sled Push, Heavy",1,80,10,0,0,,Felt strong,\n'
    "2026-12-02 07:00:00,Gym,30m,Squat (Barbell),1,70,5,0,0,,Felt strong,9\n"
)


def set_up(url: str) -> Store:
    store = Store(url)
    athlete.init(store, EXAMPLES / "sample-runner.toml", TODAY)
    return store


def fill(store: Store, tmp_path: Path) -> None:
    """Logged sets of every kind, two sessions on one day, an import, and a run."""
    log_strength(
        store,
        [
            "squat 1x8@40kg warmup",
            "squat 3x5@60kg rpe8 tech 4",
            "single-leg-deadlift 2x8@16kg left",
            "side-plank 2x30s right",
            "pogo-hops 2x20c",
        ],
        dt.date(2026, 12, 8),
        TODAY,
        minutes=45,
        srpe=7,
    )
    log_strength(store, ["squat 3x5@135lb rir2"], dt.date(2026, 12, 10), TODAY, minutes=20.5)
    log_strength(store, ["push-up 2x12"], dt.date(2026, 12, 10), TODAY)
    source = tmp_path / "from-strong.csv"
    source.write_text(STRONG_IN, encoding="utf-8")
    assert import_paths(store, [source], Options(), workers=1).count("imported") == 1
    log_run(store, dt.date(2026, 12, 9), TODAY, 10_000.0, 3000.0, avg_hr_bpm=150)


def carried(session: StrengthSession) -> tuple[object, ...]:
    """What a Strong/Hevy file carries (side, technique, sRPE and plan links are not)."""
    return (
        session.on,
        session.duration_min,
        [
            (
                s.exercise_id,
                s.order,
                s.reps,
                s.duration_s,
                s.contacts,
                None if s.load_kg is None else round(s.load_kg, 3),
                s.rpe,
                s.warmup,
            )
            for s in session.sets
        ],
    )


@pytest.mark.parametrize("fmt", ["strong", "hevy"])
@pytest.mark.parametrize("direction", ["from-db", "into-db"])
def test_an_app_export_imports_as_the_same_history(
    db_url: str, tmp_path: Path, fmt: str, direction: str
) -> None:
    # db_url is the source, or the fresh database imported into; the other is a SQLite file.
    other = f"sqlite:///{tmp_path / 'other.db'}"
    source, target = (db_url, other) if direction == "from-db" else (other, db_url)
    store = set_up(source)
    fill(store, tmp_path)
    (written,) = export_history(store, fmt, tmp_path)
    assert written == tmp_path / f"{fmt}.csv"
    fresh = set_up(target)
    summary = import_paths(fresh, [written], Options(), workers=1)
    assert [f.outcome for f in summary.files] == ["imported"], summary.files
    _, before = stored(store)
    _, after = stored(fresh)
    assert [carried(s) for s in after] == [carried(s) for s in before]
    assert len(after) == 4  # two sessions on 10 December stay two
    # One-sided sets come back as "both", with the side in the session's notes.
    assert all(s.side == "both" for x in after for s in x.sets)
    assert after[0].notes == "Felt strong"  # the imported session (2 December) comes first
    assert after[1].notes == "Single-Leg Deadlift: left side\nSide Plank: right side"
    customs = [s for x in after for s in x.sets if s.exercise_id.startswith("custom-")]
    assert [s.source_name for s in customs] == ["Sled Push, Heavy"]
    # Importing it again changes nothing: the sessions are recognised.
    again = tmp_path / f"again-{fmt}.csv"
    again.write_bytes(written.read_bytes() + b"\n")
    import_paths(fresh, [again], Options(), workers=1)
    assert len(stored(fresh)[1]) == 4


def test_csv_export_writes_runs_and_sets(db_url: str, tmp_path: Path) -> None:
    store = set_up(db_url)
    fill(store, tmp_path)
    out = tmp_path / "new" / "folder"
    assert export_history(store, "csv", out) == [out / "runs.csv", out / "sets.csv"]
    with (out / "runs.csv").open(encoding="utf-8", newline="") as f:
        runs = list(csv.DictReader(f))
    assert runs == [
        {
            "date": "2026-12-09",
            "start_time_utc": "12:00:00",
            "distance_km": "10",
            "moving_time": "0:50:00",
            "avg_hr_bpm": "150",
            "max_hr_bpm": "",
            "srpe": "",
            "source": "manual",
        }
    ]
    with (out / "sets.csv").open(encoding="utf-8", newline="") as f:
        sets = list(csv.DictReader(f))
    assert len(sets) == 2 + 10 + 3 + 2  # the import (2 December), 8 December, two on the 10th
    assert sets[0]["exercise_name"] == "Sled Push, Heavy"  # the custom exercise's own name
    assert sets[2]["exercise_name"] == "Back Squat"
    assert sets[2]["warmup"] == "true"
    assert next(s for s in sets if s["side"] == "left")["load_kg"] == "16"


def test_refusals_name_the_path(db_url: str, tmp_path: Path) -> None:
    store = set_up(db_url)
    with pytest.raises(BadInput, match="--format: expected one of csv, strong, hevy"):
        export_history(store, "xlsx", tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(BadInput) as info:
        export_history(store, "csv", blocker / "out")
    assert str(blocker / "out") in str(info.value)
    assert "cannot" in str(info.value)
    with pytest.raises(BadInput) as info:
        export_history(store, "strong", blocker / "strong.csv")
    assert str(blocker / "strong.csv") in str(info.value)
