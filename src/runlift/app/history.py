"""History use cases: what is stored, as the history contract."""

from __future__ import annotations

import datetime as dt
from typing import Any

from runlift.app.athlete import require_athlete
from runlift.errors import BadInput
from runlift.formats.history_json import history_contract
from runlift.store.db import reads_without_transaction
from runlift.store.uow import Store
from runlift.training.model import Run, StrengthSession


def check_range(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise BadInput(f"--since {since} is after --until {until}")


def stored(
    store: Store,
    since: dt.date | None = None,
    until: dt.date | None = None,
    athlete_id: int | None = None,
) -> tuple[list[Run], list[StrengthSession]]:
    check_range(since, until)
    with store.unit_of_work() as uow:
        reads_without_transaction(uow.session)
        athlete = require_athlete(uow, athlete_id)
        return (
            uow.log.runs(athlete.id, since, until),
            uow.log.strength_sessions(athlete.id, since, until),
        )


def history(
    store: Store,
    since: dt.date | None = None,
    until: dt.date | None = None,
    athlete_id: int | None = None,
) -> dict[str, Any]:
    runs, sessions = stored(store, since, until, athlete_id)
    return history_contract(runs, sessions)
