"""Reading one logged entry for its edit form, and writing the edits back.

It lives beside ``repos.py`` rather than in it because that module is at the 400-line limit
(``tests/unit/test_architecture.py``); the row ↔ value mapping is the one ``repos`` defines.
Like every repository it never commits.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from runlift.store.repos import RUN_COLUMNS, SET_FIELDS, _run
from runlift.store.statements import SESSION_COLUMNS
from runlift.store.tables import RunRow, SetRow, StrengthSessionRow
from runlift.training.model import LoggedSet, Run, StrengthSession

# What an edit may change; anything else about an entry stays as it was stored.
RUN_EDITABLE = frozenset({"distance_m", "timer_s", "elapsed_s", "avg_hr_bpm", "srpe"})
SESSION_EDITABLE = frozenset({"duration_min", "srpe"})
SET_EDITABLE = frozenset(
    {"reps", "duration_s", "contacts", "load_kg", "rpe", "side", "technique", "warmup"}
)


@dataclass(frozen=True)
class EditableSession:
    """A session with its sets in order, and each set's row id at the same index: the domain's
    sets carry no ids, but an edit form has to say which set it changes."""

    session: StrengthSession
    set_ids: tuple[int, ...]


def _only(values: Mapping[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    wrong = set(values) - allowed
    if wrong:
        raise ValueError(f"not editable: {', '.join(sorted(wrong))}")
    return dict(values)


class EditRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def run(self, athlete_id: int, run_id: str) -> Run | None:
        row = self.s.execute(
            select(*RUN_COLUMNS).where(RunRow.athlete_id == athlete_id, RunRow.id == run_id)
        ).first()
        return None if row is None else _run(row)

    def session(self, athlete_id: int, session_id: str) -> EditableSession | None:
        row = self.s.execute(
            select(*SESSION_COLUMNS).where(
                StrengthSessionRow.athlete_id == athlete_id, StrengthSessionRow.id == session_id
            )
        ).first()
        if row is None:
            return None
        columns = [getattr(SetRow, f) for f in SET_FIELDS]
        sets = self.s.execute(
            select(SetRow.id, *columns)
            .where(SetRow.session_id == session_id)
            .order_by(SetRow.order, SetRow.id)
        ).all()
        session = StrengthSession(
            id=row.id,
            on=row.on,
            duration_min=row.duration_min,
            srpe=row.srpe,
            planned_session_id=row.planned_session_id,
            notes=row.notes,
            sets=tuple(LoggedSet(*values) for _, *values in sets),
        )
        return EditableSession(session, tuple(set_id for set_id, *_ in sets))

    def update_run(self, athlete_id: int, run_id: str, values: Mapping[str, Any]) -> bool:
        if not values:
            return self.run(athlete_id, run_id) is not None
        result = self.s.execute(
            update(RunRow)
            .where(RunRow.athlete_id == athlete_id, RunRow.id == run_id)
            .values(**_only(values, RUN_EDITABLE))
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def update_session(self, athlete_id: int, session_id: str, values: Mapping[str, Any]) -> None:
        if values:
            self.s.execute(
                update(StrengthSessionRow)
                .where(
                    StrengthSessionRow.athlete_id == athlete_id,
                    StrengthSessionRow.id == session_id,
                )
                .values(**_only(values, SESSION_EDITABLE))
            )

    def update_set(self, session_id: str, set_id: int, values: Mapping[str, Any]) -> None:
        """Change one set of a session; the caller has checked the session is the athlete's."""
        if values:
            self.s.execute(
                update(SetRow)
                .where(SetRow.session_id == session_id, SetRow.id == set_id)
                .values(**_only(values, SET_EDITABLE))
            )

    def delete_sets(self, session_id: str, set_ids: Collection[int]) -> None:
        if set_ids:
            self.s.execute(
                delete(SetRow).where(SetRow.session_id == session_id, SetRow.id.in_(set_ids))
            )
