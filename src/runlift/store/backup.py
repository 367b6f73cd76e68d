"""A complete backup of the database as JSON, and its restore into an empty database.

The backup walks every table of the schema generically, so a table added later is backed up
without anyone remembering to add it here; the schema revision travels with the data, and restore
refuses a backup from another revision rather than guess.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, DateTime, Table, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from runlift.errors import BadInput
from runlift.store.db import current_revision
from runlift.store.tables import Base
from runlift.store.uow import Store

BACKUP_SCHEMA = "runlift.backup/1"


def _revision(store: Store) -> str | None:
    return current_revision(store.engine)


def _dump_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _load_value(table: Table, column: str, value: Any) -> Any:
    if value is None:
        return None
    kind = table.c[column].type
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(value)
    return value


def export_all(store: Store, generated_by: str) -> dict[str, Any]:
    tables: dict[str, list[dict[str, Any]]] = {}
    with store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            pk = list(table.primary_key.columns)
            rows = conn.execute(select(table).order_by(*pk)).mappings()
            tables[table.name] = [{k: _dump_value(v) for k, v in row.items()} for row in rows]
    return {
        "schema": BACKUP_SCHEMA,
        "generated_by": generated_by,
        "revision": _revision(store),
        "tables": tables,
    }


def restore(store: Store, doc: dict[str, Any]) -> dict[str, int]:
    """Load a backup into an empty database in one transaction; returns rows per table."""
    if doc.get("schema") != BACKUP_SCHEMA:
        raise BadInput(f"schema: expected {BACKUP_SCHEMA!r}; got {doc.get('schema')!r}")
    if doc.get("revision") != _revision(store):
        raise BadInput(
            f"the backup is of schema revision {doc.get('revision')!r}, this database "
            f"is at {_revision(store)!r}; restore with the runlift that made it"
        )
    tables = doc.get("tables")
    if not isinstance(tables, dict):
        raise BadInput("tables: expected an object of table name → rows")
    known = {t.name: t for t in Base.metadata.sorted_tables}
    unknown = sorted(set(tables) - set(known))
    if unknown:
        raise BadInput(f"tables: unknown table(s) {', '.join(unknown)}")
    counts: dict[str, int] = {}
    with store.engine.begin() as conn:
        for table in Base.metadata.sorted_tables:
            if conn.execute(select(func.count()).select_from(table)).scalar_one():
                raise BadInput(
                    f"the database is not empty (table {table.name} has rows); "
                    "restore only into an empty database"
                )
        for table in Base.metadata.sorted_tables:
            rows = tables.get(table.name, [])
            if not isinstance(rows, list):
                raise BadInput(f"tables.{table.name}: expected a list of rows")
            for n, row in enumerate(rows):
                extra = set(row) - set(table.c.keys()) if isinstance(row, dict) else {"?"}
                if extra:
                    raise BadInput(
                        f"tables.{table.name}[{n}]: unknown column(s) {', '.join(sorted(extra))}"
                    )
            if rows:
                try:
                    conn.execute(
                        insert(table),
                        [{k: _load_value(table, k, v) for k, v in row.items()} for row in rows],
                    )
                except (IntegrityError, ValueError, TypeError) as exc:
                    detail = getattr(exc, "orig", exc)
                    raise BadInput(f"tables.{table.name}: a row breaks a rule: {detail}") from None
            counts[table.name] = len(rows)
        if conn.dialect.name == "postgresql":  # explicit ids leave the sequences behind
            for table in Base.metadata.sorted_tables:
                pk = list(table.primary_key.columns)
                if (
                    len(pk) == 1
                    and pk[0].autoincrement is not False
                    and str(pk[0].type) == "INTEGER"
                ):
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', "
                            f"'{pk[0].name}'), COALESCE((SELECT MAX({pk[0].name}) "
                            f"FROM {table.name}), 0) + 1, false)"
                        )
                    )
    return counts
