"""``runlift form --log``: the check's rating becomes the technique of today's last set of that
exercise, and the whole result is kept beside the set.

The progression engine already holds the load when a set's technique is poor ("form first",
``training/progression.py``), so a filmed set feeds progression through the same field a
runner fills in by hand. The newest working (not warm-up) set of the exercise's family is the
one rated: the set just filmed is normally the set just logged.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from runlift.app.athlete import require_athlete
from runlift.app.catalog import catalog
from runlift.errors import BadInput
from runlift.formcheck.exercises import family_of, resolve
from runlift.formcheck.result import FormResult
from runlift.store.uow import Store


@dataclass(frozen=True)
class Attached:
    set_id: int
    exercise_id: str
    exercise_name: str
    order: int
    technique: int
    previous: int | None

    def contract(self) -> dict[str, object]:
        return {"set_id": self.set_id, "exercise_id": self.exercise_id, "technique": self.technique}

    def sentence(self) -> str:
        was = f" (was {self.previous})" if self.previous is not None else ""
        return (
            f"Rated today's set {self.order} of {self.exercise_name}: technique "
            f"{self.technique}{was}."
        )


def attach_to_todays_set(
    store: Store, today: dt.date, exercise: str, result: FormResult, athlete_id: int | None = None
) -> Attached:
    """Rate the newest working set of ``exercise``'s family logged today; BadInput if none."""
    cat = catalog()
    family = resolve(exercise, cat).family.name
    with store.unit_of_work() as uow:
        aid = require_athlete(uow, athlete_id).id
        chosen = None
        for session in uow.log.strength_sessions(aid, today, today):
            editable = uow.edits.session(aid, session.id or "")
            if editable is None:
                continue
            for one, set_id in zip(editable.session.sets, editable.set_ids, strict=True):
                ex = cat.get(one.exercise_id) if one.exercise_id in cat else None
                if ex is not None and not one.warmup and family_of(ex, cat) == family:
                    chosen = (session.id or "", set_id, one)
        if chosen is None:
            raise BadInput(
                f"--log: no working set of a {family} exercise is logged today ({today}); log the "
                "set first (runlift log, or Today in the web app), then attach the check"
            )
        session_id, set_id, one = chosen
        uow.edits.update_set(session_id, set_id, {"technique": result.technique})
        uow.form_checks.add(
            aid, set_id, today, one.exercise_id, result.technique, json.dumps(result.to_contract())
        )
        uow.commit()
    name = cat.get(one.exercise_id).name
    return Attached(set_id, one.exercise_id, name, one.order, result.technique, one.technique)
