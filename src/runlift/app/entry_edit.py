"""Edit a logged run or strength session from its form: one transaction, all or nothing.

A form with one bad field stores nothing at all (``FieldErrors`` names each bad field), so a
half-saved session never skews the progression and load numbers built on the history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from runlift.app.entry_forms import run_changes, session_changes
from runlift.store.edit_repo import EditableSession
from runlift.store.uow import Store, UnitOfWork
from runlift.training.model import Run


@dataclass(frozen=True)
class Entry:
    """One stored entry as its page shows it: a run, or a session with its set ids."""

    kind: str  # "run" | "strength session"
    units: str  # the athlete's: "metric" | "imperial"
    run: Run | None = None
    session: EditableSession | None = None

    @property
    def imperial(self) -> bool:
        return self.units == "imperial"


def _units(uow: UnitOfWork, athlete_id: int) -> str:
    doc = uow.athletes.current_profile(athlete_id) or {}
    units = (doc.get("athlete") or {}).get("units", "metric")
    return "imperial" if units == "imperial" else "metric"


def units(store: Store, athlete_id: int) -> str:
    """The athlete's units for display: everything is stored in SI either way."""
    with store.unit_of_work() as uow:
        return _units(uow, athlete_id)


def _read(uow: UnitOfWork, athlete_id: int, kind: str, entry_id: str) -> Entry | None:
    shown = _units(uow, athlete_id)
    if kind == "run":
        run = uow.edits.run(athlete_id, entry_id)
        return None if run is None else Entry(kind, shown, run=run)
    if kind == "strength session":
        session = uow.edits.session(athlete_id, entry_id)
        return None if session is None else Entry(kind, shown, session=session)
    return None


def entry(store: Store, athlete_id: int, kind: str, entry_id: str) -> Entry | None:
    """The athlete's own entry; None for an unknown id or another athlete's."""
    with store.unit_of_work() as uow:
        return _read(uow, athlete_id, kind, entry_id)


def edit(
    store: Store, athlete_id: int, kind: str, entry_id: str, form: Mapping[str, str]
) -> Entry | None:
    """Apply a run's or a session's edit form; the entry as stored afterwards, or None if the
    athlete has no such entry. Raises ``FieldErrors`` (nothing stored) for any bad field."""
    with store.unit_of_work() as uow:
        found = _read(uow, athlete_id, kind, entry_id)
        if found is None:
            return None
        if found.run is not None:
            uow.edits.update_run(athlete_id, entry_id, run_changes(form, found.run, found.imperial))
        elif found.session is not None:
            session, sets, deleted = session_changes(form, found.session, found.imperial)
            uow.edits.update_session(athlete_id, entry_id, session)
            for set_id, values in sets.items():
                uow.edits.update_set(entry_id, set_id, values)
            uow.edits.delete_sets(entry_id, deleted)
        after = _read(uow, athlete_id, kind, entry_id)
        uow.commit()
    return after
