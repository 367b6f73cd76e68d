"""The trash: a deleted run or strength session kept whole as JSON, so the delete can be undone.

Rows are copied from the tables' own columns, and the rows that hang off an entry are found by
following foreign keys, so a table added later under runs or sessions (laps, samples, details) is
trashed and restored with its entry without anyone remembering to list it here. Undo puts the
very same rows back, ids included, so links to them (a planned session, an export's ids) still
hold. Like every repository this one never commits; the use case does, once.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, Table, and_, delete, insert, select
from sqlalchemy.orm import Session

from runlift.errors import Conflict
from runlift.store.tables import Base, DeletedEntryRow, RunRow, StrengthSessionRow

PAYLOAD_VERSION = 1
# The kinds of entry that can be trashed, by the name the use cases give them.
ENTRY_TABLES: dict[str, Table] = {
    "run": RunRow.__table__,  # type: ignore[dict-item]
    "strength session": StrengthSessionRow.__table__,  # type: ignore[dict-item]
}


@dataclass(frozen=True)
class Trashed:
    """What a delete put in the trash: its trash id, and the entry's own id and date."""

    trash_id: str
    kind: str
    entry_id: str
    on: dt.date


def _tree(table: Table) -> Iterator[tuple[Table, Table, Any]]:
    """(child, parent, foreign key) for every table deleted with ``table`` (its ON DELETE
    CASCADE children, and theirs), parents before children. A SET NULL reference, such as a
    form check's link to its set, is not part of the entry: that row stays, unlinked."""
    seen = {table.name}
    stack = [table]
    while stack:
        parent = stack.pop(0)
        for child in Base.metadata.sorted_tables:
            for fk in child.foreign_keys:
                cascades = (fk.ondelete or "").upper() == "CASCADE"
                if fk.column.table is parent and cascades and child.name not in seen:
                    seen.add(child.name)
                    stack.append(child)
                    yield child, parent, fk


def encode(value: Any) -> Any:
    """A column value as JSON. Datetimes keep their tzinfo as read (SQLite hands back naive
    ones), so the row that goes back in is the row that came out."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return value


def decode(table: Table, column: str, value: Any) -> Any:
    """The JSON value back as its column's Python type."""
    if value is None:
        return None
    try:
        kind = table.c[column].type.python_type
    except NotImplementedError:
        return value
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    if kind is dt.time:
        return dt.time.fromisoformat(value)
    if kind is bytes:
        return base64.b64decode(value)
    if kind is decimal.Decimal:
        return decimal.Decimal(value)
    if kind is dt.timedelta:
        return dt.timedelta(seconds=value)
    return value


def _renumberable(table: Table, below: set[str]) -> bool:
    """True if a row of ``table`` may take a fresh id when its own is taken: a single integer
    key that no table in the entry refers to. SQLite reuses the highest rowid of a deleted
    row, so a set logged after the delete may already have an old set's id."""
    key = list(table.primary_key.columns)
    if len(key) != 1 or not isinstance(key[0].type, Integer):
        return False
    return not any(
        fk.column.table is table
        for t in Base.metadata.sorted_tables
        if t.name in below
        for fk in t.foreign_keys
    )


def _entry_date(row: dict[str, Any]) -> dt.date:
    """A session's date, or the (UTC) date a run started."""
    on = row["on"] if "on" in row else row["start_at"]
    if isinstance(on, dt.datetime):  # naive from SQLite, in the session's zone from PostgreSQL
        return (on if on.tzinfo is None else on.astimezone(dt.UTC)).date()
    assert isinstance(on, dt.date)
    return on


class TrashRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def trash(self, athlete_id: int, kind: str, entry_id: str, now: dt.datetime) -> Trashed | None:
        """Copy the athlete's entry and every row below it into the trash, then delete them;
        None if the athlete has no such entry (another athlete's id finds nothing)."""
        top = ENTRY_TABLES[kind]
        where: ColumnElement[bool] = and_(top.c.athlete_id == athlete_id, top.c.id == entry_id)
        # Locked (PostgreSQL; SQLite's writers queue anyway) so a double tap trashes it once.
        locked = select(top).where(where).with_for_update()
        rows = [dict(r) for r in self.s.execute(locked).mappings()]
        if not rows:
            return None
        tables: list[dict[str, Any]] = [{"table": top.name, "rows": rows}]
        wheres: list[tuple[Table, ColumnElement[bool]]] = [(top, where)]
        by_name = {top.name: rows}
        for child, parent, fk in _tree(top):
            keys = [r[fk.column.name] for r in by_name[parent.name]]
            child_where = fk.parent.in_(keys)
            found = [dict(r) for r in self.s.execute(select(child).where(child_where)).mappings()]
            by_name[child.name] = found
            tables.append({"table": child.name, "rows": found})
            wheres.append((child, child_where))
        for table, clause in reversed(wheres):  # children first, whatever the FK pragmas say
            self.s.execute(delete(table).where(clause))
        payload = {
            "version": PAYLOAD_VERSION,
            "tables": [
                {
                    "table": t["table"],
                    "rows": [{k: encode(v) for k, v in r.items()} for r in t["rows"]],
                }
                for t in tables
            ],
        }
        trash_id = uuid.uuid4().hex
        self.s.add(
            DeletedEntryRow(
                id=trash_id,
                athlete_id=athlete_id,
                kind=kind,
                payload=json.dumps(payload, ensure_ascii=False, allow_nan=True),
                deleted_at=now,
            )
        )
        self.s.flush()
        return Trashed(trash_id, kind, entry_id, _entry_date(rows[0]))

    def restore(self, athlete_id: int, trash_id: str, since: dt.datetime) -> Trashed | None:
        """Put a trashed entry back with its ids and drop it from the trash; None unless the
        athlete's own entry was trashed at ``since`` or later. Raises ``Conflict`` if the entry's
        own id has been taken in the meantime (nothing is written then)."""
        row = self.s.scalars(
            select(DeletedEntryRow)
            .where(
                DeletedEntryRow.id == trash_id,
                DeletedEntryRow.athlete_id == athlete_id,
                DeletedEntryRow.deleted_at >= since,
            )
            .with_for_update()  # a double-tapped Undo restores once; the other finds nothing
        ).first()
        if row is None:
            return None
        doc = json.loads(row.payload)
        known = Base.metadata.tables
        parts = [(known[t["table"]], t["rows"]) for t in doc["tables"] if t["table"] in known]
        names = {table.name for table, _ in parts}
        restored: list[dict[str, Any]] = []
        for n, (table, rows) in enumerate(parts):
            # Columns dropped since the delete are left out; columns added since take their
            # defaults, so an undo across a migration still works.
            values = [{k: decode(table, k, v) for k, v in r.items() if k in table.c} for r in rows]
            kept, renumbered = self._free_ids(table, values, n > 0 and _renumberable(table, names))
            for group in (kept, renumbered):  # one INSERT per shape of row
                if group:
                    self.s.execute(insert(table), group)
            if n == 0:
                restored = values
        self.s.delete(row)
        self.s.flush()
        first = restored[0]
        return Trashed(trash_id, row.kind, str(first["id"]), _entry_date(first))

    def _free_ids(
        self, table: Table, rows: list[dict[str, Any]], renumber: bool
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The rows that keep their ids, and those whose id is taken, without it (when
        ``renumber``; otherwise a taken id is a ``Conflict``) so the database picks one."""
        key = list(table.primary_key.columns)
        if len(key) != 1 or not rows:
            return rows, []
        name = key[0].name
        wanted = [r[name] for r in rows if r.get(name) is not None]
        taken = set(self.s.scalars(select(key[0]).where(key[0].in_(wanted)))) if wanted else set()
        if not taken:
            return rows, []
        if not renumber:
            raise Conflict(f"{table.name} {sorted(taken)[0]} is already there; nothing restored")
        kept = [r for r in rows if r.get(name) not in taken]
        fresh = [{k: v for k, v in r.items() if k != name} for r in rows if r.get(name) in taken]
        return kept, fresh

    def purge(self, before: dt.datetime) -> int:
        """Forget every athlete's trash older than ``before``: it can no longer be undone."""
        result = self.s.execute(delete(DeletedEntryRow).where(DeletedEntryRow.deleted_at < before))
        return int(result.rowcount)  # type: ignore[attr-defined]
