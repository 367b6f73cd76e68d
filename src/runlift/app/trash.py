"""Delete a logged run or strength session, and undo the delete.

A delete moves the entry, and every row under it, into the trash in the same transaction, so a
tap on the wrong entry (easy on a phone) costs nothing. Undo puts the same rows back.
"""

from __future__ import annotations

import datetime as dt

from runlift.store.trash_repo import ENTRY_TABLES, Trashed
from runlift.store.uow import Store

# A week: long enough to notice a mistaken delete at the next weekly look at the plan and the
# report (training here is planned and reviewed week by week), short enough that what a runner
# deleted does not linger in the database, since deleting is also how data is meant to go away.
UNDO_WINDOW = dt.timedelta(days=7)
KINDS = tuple(ENTRY_TABLES)  # "run", "strength session"


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else dt.datetime.now(dt.UTC)


def delete(
    store: Store, athlete_id: int, kind: str, entry_id: str, now: dt.datetime | None = None
) -> Trashed | None:
    """Trash one of the athlete's runs or sessions; None if the athlete has none with that id.

    Each delete also forgets everyone's trash older than ``UNDO_WINDOW``: deletes are rare, so
    this keeps the trash small without a scheduled job."""
    if kind not in ENTRY_TABLES:
        return None
    at = _now(now)
    with store.unit_of_work() as uow:
        uow.trash.purge(at - UNDO_WINDOW)
        trashed = uow.trash.trash(athlete_id, kind, entry_id, at)
        uow.commit()
    return trashed


def undo(
    store: Store, athlete_id: int, trash_id: str, now: dt.datetime | None = None
) -> Trashed | None:
    """Put a deleted entry back, ids and all; None if there is nothing of the athlete's to undo
    (already undone, too old, never there, or another athlete's) so each answers alike."""
    with store.unit_of_work() as uow:
        restored = uow.trash.restore(athlete_id, trash_id, _now(now) - UNDO_WINDOW)
        uow.commit()
    return restored
