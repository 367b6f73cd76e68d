"""Open the database: make the engine, tune SQLite, and migrate to the newest schema on first use.

SQLite runs in WAL mode with a busy timeout and ``BEGIN IMMEDIATE`` for every transaction, so
several processes can log at once: writers queue for the lock instead of failing with "database is
locked" when a read transaction tries to become a write one. PostgreSQL needs none of this.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, ProgrammingError

from runlift.errors import BadInput

SQLITE_BUSY_TIMEOUT_S = 30
# The newest migration. Checked against Alembic's own head in the tests; it lets a command see
# that the schema is current with one query, without importing Alembic (~0.4 s at start-up).
SCHEMA_HEAD = "0005"


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy's begin event issue BEGIN
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cur.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine for ``url``, with SQLite's folder created and its pragmas set."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise BadInput(
            f"--db: not a database URL: {url!r} (e.g. sqlite:///runlift.db or "
            "postgresql+psycopg://user:pass@host/db)"
        ) from None
    if parsed.drivername.startswith("sqlite"):
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
        _sqlite_pragmas(engine)
        return engine
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except Exception as exc:  # an unknown driver name, a missing DBAPI
        raise BadInput(f"--db: cannot use {parsed.drivername!r}: {exc}") from None


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, or None for an empty one."""
    try:
        with engine.connect() as conn:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    except (OperationalError, ProgrammingError) as exc:
        if "alembic_version" in str(exc.orig):
            return None  # no table yet: a new database
        raise BadInput(f"cannot open the database: {exc.orig}") from None
    return None if row is None else str(row[0])


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; one query when it already is."""
    if current_revision(engine) == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "runlift.store:migrations")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
