"""Accepting a flag's suggested change: the upcoming plan changes only when the athlete says so."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from runlift.app.athlete import require_athlete
from runlift.app.report import STATUS_WEEKS, current_flags, report_in, window
from runlift.errors import BadInput
from runlift.planning.adjustments import apply_adjustment
from runlift.store.uow import Store


@dataclass(frozen=True)
class Accepted:
    flag_id: str
    kind: str
    changes: list[str]


def accept(store: Store, flag_id: str, today: dt.date, athlete_id: int | None = None) -> Accepted:
    """Apply the current flag ``flag_id``'s adjustment to the active plan, as a new plan version."""
    start, end = window(today, None, None, STATUS_WEEKS)
    with store.unit_of_work() as uow:
        flags = current_flags(report_in(uow, start, end, athlete_id).report, today)
        flag = next((f for f in flags if f.id == flag_id), None)
        if flag is None:
            known = ", ".join(f.id for f in flags if f.adjustment) or "none"
            raise BadInput(
                f"no current flag {flag_id!r} with a change to accept; current ones: {known}"
            )
        if flag.adjustment is None:
            raise BadInput(f"flag {flag_id} is advice only, with no plan change: {flag.action}")
        athlete = require_athlete(uow, athlete_id)
        row = uow.plans.active(athlete.id)
        if row is None:
            raise BadInput("no active plan: run 'runlift replan'")
        plan, changes = apply_adjustment(
            json.loads(row.plan_json), flag.adjustment, flag.id, flag.message, today, flag.detail
        )
        uow.plans.add(athlete.id, row.profile_id, plan)
        uow.commit()
    return Accepted(flag.id, flag.adjustment, changes)
