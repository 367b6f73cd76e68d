"""Options shared by the commands that touch storage, and the dates they take."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from runlift.config import database_url
from runlift.errors import BadInput

if TYPE_CHECKING:
    from runlift.store.uow import Store

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: RUNLIFT_DATABASE_URL, else a SQLite file "
        "in your user data folder).",
        show_default=False,
    ),
]


def open_store(db: str | None) -> Store:
    """Open (and migrate) the database; imported here so commands without storage start fast."""
    from runlift.store.uow import Store

    return Store(database_url(db))


def parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadInput(f"{option}: expected a date like 2027-01-31; got {value!r}") from None
