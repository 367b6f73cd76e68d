"""Stored form checks: one row per check attached to a set. Like every repository, no commits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from runlift.store.repos import utc_now
from runlift.store.tables import FormCheckRow


class FormCheckRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(
        self,
        athlete_id: int,
        set_id: int | None,
        on: dt.date,
        exercise_id: str,
        technique: int,
        result_json: str,
    ) -> int:
        row = FormCheckRow(
            athlete_id=athlete_id,
            set_id=set_id,
            on=on,
            exercise_id=exercise_id,
            technique=technique,
            result_json=result_json,
            created_at=utc_now(),
        )
        self.s.add(row)
        self.s.flush()
        return row.id

    def for_set(self, set_id: int) -> list[FormCheckRow]:
        query = select(FormCheckRow).where(FormCheckRow.set_id == set_id).order_by(FormCheckRow.id)
        return list(self.s.scalars(query))
