"""Delete with undo, and edits, against SQLite and PostgreSQL: the trash gives back every column
of every row, only to the athlete who deleted it and only within the undo window; an edit form
with one bad field stores nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Table, func, select, update

from runlift.app import athlete, entry_edit, log, trash
from runlift.app.entry_forms import FieldErrors
from runlift.store.tables import DeletedEntryRow, RunRow, SetRow, StrengthSessionRow
from runlift.store.uow import Store
from runlift.training.model import Run
from tests_support import EXAMPLES

TODAY = dt.date(2026, 12, 8)
NOW = dt.datetime(2026, 12, 8, 18, 30, tzinfo=dt.UTC)
TABLES: tuple[Any, ...] = (RunRow, StrengthSessionRow, SetRow)


@pytest.fixture
def store(db_url: str) -> Any:
    s = Store(db_url)
    athlete.init(s, EXAMPLES / "sample-runner.toml", TODAY)
    yield s
    s.close()


def aid(store: Store) -> int:
    with store.unit_of_work() as uow:
        row = uow.athletes.the_athlete()
        assert row is not None
        return row.id


def second_athlete(store: Store) -> int:
    with store.unit_of_work() as uow:
        row = uow.athletes.add("Someone else")
        uow.commit()
        return row.id


def rows(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every column of every row of the entry tables, in key order."""
    out = {}
    with store.engine.connect() as conn:
        for orm in TABLES:
            table: Table = orm.__table__
            found = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            out[table.name] = [dict(r) for r in found]
    return out


def count(store: Store, orm: Any) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(orm)).scalar_one())


def log_everything(store: Store, athlete_id: int) -> tuple[str, str]:
    """A run with every column filled in (an import's details too) and a session of sets of
    each dose, side and rating, with an imported set's app name."""
    run = Run(
        start_at=dt.datetime(2026, 12, 7, 6, 26, 44, 123456, tzinfo=dt.UTC),
        distance_m=10012.5,
        timer_s=3120.25,
        elapsed_s=3300.0,
        avg_hr_bpm=151.3,
        max_hr_bpm=178.0,
        srpe=6.5,
        sport="running",
        sub_sport="trail",
        source_format="fit",
        source_sha256="ab" * 32,
        name="Morning run ✓ ‘quotes’",
        total_ascent_m=123.4,
        hr_histogram={140: 60.5, 150: 1200.0},
    )
    with store.unit_of_work() as uow:
        run_id = uow.log.add_run(athlete_id, run)
        uow.commit()
    logged = log.log_strength(
        store,
        [
            "squat 3x5@60kg rpe8",
            "side-plank 2x30s right",
            "pogo-hops 1x20c warmup",
            "single-leg-deadlift 1x8@16kg left tech 2",
        ],
        TODAY,
        TODAY,
        minutes=40,
        srpe=7,
        notes="felt good",
        athlete_id=athlete_id,
    )
    with store.unit_of_work() as uow:
        uow.session.execute(
            update(SetRow)
            .where(SetRow.session_id == logged.id)
            .values(source_name="Squat (Barbell)")
        )
        uow.commit()
    return run_id, logged.id


def test_delete_and_undo_give_back_every_column_of_every_row(store: Store) -> None:
    me = aid(store)
    run_id, session_id = log_everything(store, me)
    before = rows(store)
    assert len(before["sets"]) == 7
    gone_run = trash.delete(store, me, "run", run_id, now=NOW)
    gone_session = trash.delete(store, me, "strength session", session_id, now=NOW)
    assert gone_run is not None
    assert gone_session is not None
    assert (gone_run.on, gone_session.on) == (dt.date(2026, 12, 7), TODAY)
    assert rows(store) == {"runs": [], "strength_sessions": [], "sets": []}
    assert count(store, DeletedEntryRow) == 2
    assert trash.undo(store, me, gone_session.trash_id, now=NOW) is not None
    back = trash.undo(store, me, gone_run.trash_id, now=NOW + dt.timedelta(days=6))
    assert back is not None
    assert back.entry_id == run_id
    assert rows(store) == before  # same ids, same values, column by column
    assert count(store, DeletedEntryRow) == 0
    # A second undo finds nothing, and the entry is not doubled.
    assert trash.undo(store, me, gone_run.trash_id, now=NOW) is None
    assert rows(store) == before


def test_only_the_athlete_who_deleted_can_undo_and_only_for_a_week(store: Store) -> None:
    me, other = aid(store), second_athlete(store)
    run_id, session_id = log_everything(store, me)
    assert trash.delete(store, other, "run", run_id, now=NOW) is None  # not theirs: untouched
    assert count(store, RunRow) == 1
    gone = trash.delete(store, me, "strength session", session_id, now=NOW)
    assert gone is not None
    assert trash.undo(store, other, gone.trash_id, now=NOW) is None
    assert count(store, StrengthSessionRow) == 0
    assert count(store, SetRow) == 0
    assert trash.undo(store, me, gone.trash_id, now=NOW + dt.timedelta(days=7, seconds=1)) is None
    assert count(store, StrengthSessionRow) == 0
    assert trash.undo(store, me, gone.trash_id, now=NOW + dt.timedelta(days=6, hours=23))
    assert count(store, SetRow) == 7


def test_a_later_delete_purges_trash_past_the_window(store: Store) -> None:
    me = aid(store)
    run_id, session_id = log_everything(store, me)
    old = trash.delete(store, me, "run", run_id, now=NOW)
    assert old is not None
    assert trash.delete(store, me, "strength session", session_id, now=NOW + dt.timedelta(days=8))
    with store.engine.connect() as conn:
        left = list(conn.execute(select(DeletedEntryRow.kind)).scalars())
    assert left == ["strength session"]
    assert trash.undo(store, me, old.trash_id, now=NOW) is None


def test_undo_after_a_new_set_took_a_deleted_sets_id(store: Store) -> None:
    """SQLite hands a deleted row's id to the next row; undo must still bring every set back."""
    me = aid(store)
    logged = log.log_strength(store, ["squat 2x5@60kg"], TODAY, TODAY, athlete_id=me)
    gone = trash.delete(store, me, "strength session", logged.id, now=NOW)
    assert gone is not None
    log.log_strength(store, ["goblet-squat 1x8@12kg"], TODAY, TODAY, athlete_id=me)
    assert trash.undo(store, me, gone.trash_id, now=NOW)
    assert count(store, SetRow) == 3
    with store.engine.connect() as conn:
        ids = list(conn.execute(select(SetRow.id)).scalars())
    assert len(set(ids)) == 3


def test_a_deleted_run_leaves_the_history_and_comes_back(store: Store) -> None:
    me = aid(store)
    run_id = log.log_run(store, TODAY, TODAY, 8000.0, 2700.0, 150, 5, athlete_id=me)
    assert log.delete_entry(store, me, "run", run_id)  # the API's delete goes to the trash too
    assert not log.delete_entry(store, me, "run", run_id)
    with store.engine.connect() as conn:
        (trash_id,) = conn.execute(select(DeletedEntryRow.id)).scalars()
    assert trash.undo(store, me, trash_id)
    assert entry_edit.entry(store, me, "run", run_id) is not None


def stored_run(store: Store, run_id: str) -> dict[str, Any]:
    with store.engine.connect() as conn:
        return dict(
            conn.execute(select(RunRow.__table__).where(RunRow.id == run_id)).mappings().one()
        )


def test_edit_a_run_field_by_field(store: Store) -> None:
    me, other = aid(store), second_athlete(store)
    run_id, _ = log_everything(store, me)
    before = stored_run(store, run_id)
    shown = {"distance": "10.01", "time": "52:00", "hr": "151", "rpe": "6.5"}
    with pytest.raises(FieldErrors) as refused:
        entry_edit.edit(
            store, me, "run", run_id, {**shown, "hr": "260", "time": "1:75", "rpe": "x"}
        )
    assert refused.value.errors == {
        "hr": "hr: expected 30 to 250 bpm; got 260",
        "time": "time: '1:75' has minutes or seconds of 60 or more",
        "rpe": "rpe: expected a number; got 'x'",
    }
    assert stored_run(store, run_id) == before  # nothing stored on a refused form
    # Saving the form as shown changes nothing (10012.5 m is shown as 10.01 km).
    assert entry_edit.edit(store, me, "run", run_id, shown) is not None
    assert stored_run(store, run_id) == before
    assert entry_edit.edit(store, other, "run", run_id, {**shown, "hr": "140"}) is None
    saved = entry_edit.edit(store, me, "run", run_id, {**shown, "distance": "6.2mi", "hr": ""})
    assert saved is not None
    assert saved.run is not None
    after = stored_run(store, run_id)
    assert after["distance_m"] == pytest.approx(6.2 * 1609.344)
    assert after["avg_hr_bpm"] is None
    assert {k: v for k, v in after.items() if k not in ("distance_m", "avg_hr_bpm")} == {
        k: v for k, v in before.items() if k not in ("distance_m", "avg_hr_bpm")
    }
    entry_edit.edit(store, me, "run", run_id, {"time": "1:05:00"})
    assert stored_run(store, run_id)["timer_s"] == 3900.0
    assert stored_run(store, run_id)["elapsed_s"] == 3900.0  # cannot be shorter than moving time


def make_imperial(store: Store, athlete_id: int) -> None:
    doc = athlete.stored_profile(store, athlete_id).to_contract()
    doc["athlete"]["units"] = "imperial"
    with store.unit_of_work() as uow:
        uow.athletes.add_profile(athlete_id, doc)
        uow.commit()


def test_edit_a_sessions_sets_in_the_athletes_units(store: Store) -> None:
    me = aid(store)
    _, session_id = log_everything(store, me)
    found = entry_edit.entry(store, me, "strength session", session_id)
    assert found is not None
    assert found.session is not None
    ids = found.session.set_ids
    before = rows(store)
    bad = {f"load-{ids[0]}": "-5", f"tech-{ids[1]}": "7", f"reps-{ids[2]}": "2.5", "srpe": "11"}
    with pytest.raises(FieldErrors) as refused:
        entry_edit.edit(store, me, "strength session", session_id, bad)
    assert refused.value.errors == {
        "srpe": "srpe: expected 0 to 10 (CR-10); got 11",
        f"load-{ids[0]}": "load: expected 0 to 1000 kg; got -5",
        f"reps-{ids[2]}": "reps: expected a whole number from 1 to 1000; got 2.5",
        f"tech-{ids[1]}": "technique: expected 1 to 5; got 7",
    }
    every = {f"delete-{i}": "1" for i in ids}
    with pytest.raises(FieldErrors) as refused:
        entry_edit.edit(store, me, "strength session", session_id, every)
    assert list(refused.value.errors) == ["sets"]
    assert rows(store) == before

    make_imperial(store, me)
    edit = {
        f"load-{ids[0]}": "135",
        f"side-{ids[1]}": "left",
        f"hold-{ids[3]}": "45",
        f"delete-{ids[2]}": "1",
        "minutes": "45",
        f"load-{ids[1]}": "132.3",  # as shown: 60 kg in lb, left alone
    }
    saved = entry_edit.edit(store, me, "strength session", session_id, edit)
    assert saved is not None
    assert saved.session is not None
    assert saved.session.set_ids == ids[:2] + ids[3:]
    first, second, third, *_ = saved.session.session.sets
    assert first.load_kg == pytest.approx(135 * 0.45359237)
    assert second.load_kg == 60.0
    assert second.side == "left"
    assert third.duration_s == 45.0
    assert saved.session.session.duration_min == 45.0
