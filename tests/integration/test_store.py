"""Storage against real databases (SQLite file and PostgreSQL): migrations, logging, history,
all-or-nothing commands, backup and restore, and several processes writing at once."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from runlift.app import athlete, log
from runlift.app.history import history
from runlift.errors import BadInput
from runlift.store.backup import export_all, restore
from runlift.store.db import SCHEMA_HEAD
from runlift.store.tables import SetRow, StrengthSessionRow
from runlift.store.uow import Store
from tests_support import EXAMPLES

TODAY = dt.date(2026, 12, 8)
SAMPLE = EXAMPLES / "sample-runner.toml"


def set_up(url: str) -> Store:
    store = Store(url)
    athlete.init(store, SAMPLE, TODAY)
    return store


def count(store: Store, table: type) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_migrates_from_empty_and_again_is_a_no_op(db_url: str) -> None:
    store = Store(db_url)
    tables = set(inspect(store.engine).get_table_names())
    assert {
        "athletes",
        "profiles",
        "plans",
        "planned_sessions",
        "strength_sessions",
        "sets",
        "runs",
        "body_mass",
        "imports",
        "custom_exercises",
        "alembic_version",
    } <= tables
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == SCHEMA_HEAD
    Store(db_url)  # opening again must not fail or migrate twice


def test_upgrade_from_the_first_schema_keeps_data_and_rules(db_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    from runlift.store.db import make_engine

    engine = make_engine(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", "runlift.store:migrations")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO athletes (id, name, created_at) VALUES "
                "(1, 'Old', '2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                'INSERT INTO strength_sessions (id, athlete_id, "on", notes, source, '
                "created_at) VALUES ('s1', 1, '2026-01-02', '', 'manual', "
                "'2026-01-02 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO sets (session_id, position, exercise_id, reps, side, "
                "warmup) VALUES ('s1', 1, 'back-squat', 5, 'both', false)"
            )
        )
    engine.dispose()
    store = Store(db_url)  # migrates to the head
    with store.unit_of_work() as uow:
        (session,) = uow.log.strength_sessions(1)
        assert session.sets[0].exercise_id == "back-squat"
        uow.session.add(
            SetRow(
                session_id="s1",
                order=2,
                exercise_id="back-squat",
                reps=5,
                duration_s=30.0,
                side="both",
                warmup=False,
            )
        )
        with pytest.raises(IntegrityError):  # the one-dose rule survived the upgrade
            uow.session.flush()


def test_init_stores_athlete_profile_plan_and_sessions(db_url: str) -> None:
    store = set_up(db_url)
    plan = athlete.active_plan(store)
    assert plan["schema"] == "runlift.plan/1"
    with store.unit_of_work() as uow:
        a = uow.athletes.the_athlete()
        assert a is not None
        assert a.name == "Sam"
        row = uow.plans.active(a.id)
        assert row is not None
        expected = [d["strength"]["id"] for d in plan["days"] if d["strength"]]
        assert [s.session_id for s in row.sessions] == expected
        assert uow.athletes.body_mass(a.id) == [(TODAY, 58.0)]
    with pytest.raises(BadInput, match="already set up"):
        athlete.init(store, SAMPLE, TODAY)


def test_logged_training_comes_back_in_history(db_url: str) -> None:
    store = set_up(db_url)
    logged = log.log_strength(
        store,
        [
            "squat 3x5@60kg rpe8",
            "side-plank 2x30s right",
            "pogo-hops 2x20c",
            "single-leg-deadlift 1x8@16kg left tech 2",
        ],
        TODAY,
        TODAY,
        minutes=40,
        srpe=7,
    )
    assert logged.sets == 8
    assert logged.planned_session_id == "2026-12-08-a"  # the sample plan has a session that day
    log.log_run(store, TODAY, TODAY, 10_000.0, 3000.0, 150, 6)
    doc = history(store)
    assert doc["schema"] == "runlift.history/1"
    (run,) = doc["runs"]
    assert run["distance_m"] == 10000.0
    assert run["timer_s"] == 3000.0
    assert run["start_at"] == "2026-12-08T12:00:00Z"
    assert run["avg_hr_bpm"] == 150
    assert run["source"] == {"format": "manual", "sha256": None}
    (session,) = doc["strength_sessions"]
    assert session["srpe"] == 7
    assert [s["exercise_id"] for s in session["sets"]] == (
        ["back-squat"] * 3 + ["side-plank"] * 2 + ["pogo-hops"] * 2 + ["single-leg-deadlift"]
    )
    assert [s["order"] for s in session["sets"]] == list(range(1, 9))
    first, *_, last = session["sets"]
    assert (first["reps"], first["load_kg"], first["rpe"], first["side"]) == (5, 60.0, 8.0, "both")
    assert (last["side"], last["technique"], last["load_kg"]) == ("left", 2, 16.0)
    assert session["sets"][3]["duration_s"] == 30.0
    assert session["sets"][5]["contacts"] == 20
    assert history(store, since=TODAY + dt.timedelta(days=1)) == {
        "schema": "runlift.history/1",
        "runs": [],
        "strength_sessions": [],
    }


@pytest.mark.parametrize(
    "bad", ["squat 3x5@sixty", "squat 3x5@-60kg", "squat 3x30s", "nonsense 3x5", "row 3x5@20kg"]
)
def test_a_bad_line_stores_nothing(db_url: str, bad: str) -> None:
    store = set_up(db_url)
    with pytest.raises(BadInput):
        log.log_strength(store, ["squat 3x5@60kg", bad], TODAY, TODAY)
    assert count(store, StrengthSessionRow) == 0
    assert count(store, SetRow) == 0


def test_future_dates_are_refused(db_url: str) -> None:
    store = set_up(db_url)
    with pytest.raises(BadInput, match="in the future"):
        log.log_run(store, TODAY + dt.timedelta(days=1), TODAY, 5000.0, 1500.0)
    with pytest.raises(BadInput, match="in the future"):
        log.log_strength(store, ["squat 3x5"], TODAY + dt.timedelta(days=1), TODAY)


def test_the_database_refuses_a_set_with_two_doses(db_url: str) -> None:
    store = set_up(db_url)
    log.log_strength(store, ["squat 1x5"], TODAY, TODAY)
    with store.unit_of_work() as uow:
        session_id = uow.session.scalars(select(StrengthSessionRow.id)).one()
        uow.session.add(
            SetRow(
                session_id=session_id,
                order=9,
                exercise_id="back-squat",
                reps=5,
                duration_s=30.0,
                side="both",
                warmup=False,
            )
        )
        with pytest.raises(IntegrityError):
            uow.session.flush()


def test_replan_keeps_history_and_moves_the_plan(db_url: str, tmp_path: Path) -> None:
    store = set_up(db_url)
    log.log_strength(store, ["squat 3x5@60kg"], TODAY, TODAY)
    moved = SAMPLE.read_text().replace("race_date = 2027-04-18", "race_date = 2027-05-02")
    (tmp_path / "moved.toml").write_text(moved)
    later = dt.date(2027, 1, 11)
    athlete.replan(store, later, path=tmp_path / "moved.toml")
    plan = athlete.active_plan(store)
    assert plan["race"]["date"] == "2027-05-02"
    assert plan["days"][0]["date"] == later.isoformat()
    with store.unit_of_work() as uow:
        a = uow.athletes.the_athlete()
        assert a is not None
        assert len(uow.plans.all(a.id)) == 2
        assert len(uow.athletes.profiles(a.id)) == 2
    assert len(history(store)["strength_sessions"]) == 1


def test_backup_restores_into_an_empty_database_with_nothing_lost(
    db_url: str, tmp_path: Path
) -> None:
    store = set_up(db_url)
    log.log_strength(
        store, ["squat 3x5@60kg rpe8", "side-plank 2x30s left"], TODAY, TODAY, minutes=35, srpe=6
    )
    log.log_run(store, TODAY, TODAY, 8000.0, 2500.0, 148, 5)
    backup = export_all(store, "test")
    target = Store(f"sqlite:///{tmp_path / 'restored.db'}")
    counts = restore(target, backup)
    assert counts["sets"] == 5
    assert export_all(target, "test") == backup
    assert history(target) == history(store)
    with pytest.raises(BadInput, match="not empty"):
        restore(target, backup)
    # New rows still get fresh ids after a restore.
    log.log_strength(target, ["squat 1x5"], TODAY, TODAY)


def test_restore_into_postgresql_and_back(db_url: str, tmp_path: Path) -> None:
    source = Store(f"sqlite:///{tmp_path / 'source.db'}")
    athlete.init(source, SAMPLE, TODAY)
    log.log_strength(source, ["squat 3x5@60kg"], TODAY, TODAY)
    backup = export_all(source, "test")
    target = Store(db_url)
    restore(target, backup)
    assert export_all(target, "test") == backup
    athlete.replan(target, TODAY)  # integer ids keep counting after explicit inserts


def _log_many(url: str, worker: int, n: int) -> None:
    store = Store(url)
    for i in range(n):
        log.log_strength(store, [f"squat 2x{worker + 1}@{40 + i}kg"], TODAY, TODAY)
        log.log_run(store, TODAY, TODAY, 1000.0 * (worker + 1), 300.0 + i)
    store.close()


def test_concurrent_writers_lose_nothing(db_url: str) -> None:
    store = set_up(db_url)
    store.close()
    workers, per_worker = 4, 8
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_log_many, args=(db_url, w, per_worker)) for w in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    doc = history(Store(db_url))
    assert len(doc["strength_sessions"]) == workers * per_worker
    assert len(doc["runs"]) == workers * per_worker
    sets = [s for sess in doc["strength_sessions"] for s in sess["sets"]]
    assert len(sets) == 2 * workers * per_worker
    for w in range(workers):
        loads = sorted(s["load_kg"] for s in sets if s["reps"] == w + 1)
        assert loads == sorted([40.0 + i for i in range(per_worker)] * 2)
