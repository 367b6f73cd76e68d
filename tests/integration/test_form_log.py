"""``runlift form --log`` below the command line, on SQLite and PostgreSQL: the check's rating
becomes the newest working set's technique, the check is kept beside it, and it survives the
set's deletion (unlinked) and the undo. The result is built by hand: no pose model needed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from runlift.app import athlete, log, trash
from runlift.app.form_log import attach_to_todays_set
from runlift.errors import BadInput
from runlift.formcheck.result import FormResult, Rep
from runlift.store.tables import FormCheckRow, SetRow
from runlift.store.uow import Store
from tests_support import EXAMPLES

TODAY = dt.date(2026, 12, 8)


def result(technique: int) -> FormResult:
    rep = Rep(0.5, 1.2, 2.0, 85.0, "parallel")
    return FormResult("squat", "side", 60, 30.0, 60, reps=(rep, rep), technique=technique)


def test_a_check_rates_the_newest_working_set_and_outlives_its_deletion(db_url: str) -> None:
    store = Store(db_url)
    try:
        athlete.init(store, EXAMPLES / "sample-runner.toml", TODAY)
        with pytest.raises(BadInput, match="no working set of a squat exercise"):
            attach_to_todays_set(store, TODAY, "squat", result(2))
        logged = log.log_strength(
            store,
            ["goblet-squat 1x8@8kg warmup", "goblet-squat 2x8@16kg rpe7", "push-up 2x10"],
            TODAY,
            TODAY,
        )
        done = attach_to_todays_set(store, TODAY, "goblet-squat", result(2))
        with store.engine.connect() as conn:
            sets = conn.execute(select(SetRow).order_by(SetRow.order)).all()
            checks = conn.execute(select(FormCheckRow)).all()
        squats = [s for s in sets if s.exercise_id == "goblet-squat"]
        assert [s.warmup for s in squats] == [True, False, False]
        assert [s.technique for s in squats] == [None, None, 2]
        assert done.set_id == squats[-1].id
        assert (done.previous, done.technique) == (None, 2)
        assert [(c.set_id, c.technique) for c in checks] == [(squats[-1].id, 2)]
        assert json.loads(checks[0].result_json)["rep_count"] == 2
        # A check of another family never rates these sets.
        with pytest.raises(BadInput, match="no working set of a plank exercise"):
            attach_to_todays_set(store, TODAY, "plank", result(4))

        gone = trash.delete(store, 1, "strength session", logged.id)
        assert gone is not None
        with store.engine.connect() as conn:
            assert conn.execute(select(FormCheckRow.set_id)).scalar_one() is None
        back = trash.undo(store, 1, gone.trash_id)
        assert back is not None
        with store.engine.connect() as conn:
            rated = conn.execute(
                select(SetRow.technique).where(SetRow.id == squats[-1].id)
            ).scalar_one()
        assert rated == 2  # the set comes back with the check's rating
    finally:
        store.close()
