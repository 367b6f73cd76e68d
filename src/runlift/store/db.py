"""Open the database: make the engine, tune SQLite, and migrate to the newest schema on first use.

SQLite runs in WAL mode with a busy timeout and ``BEGIN IMMEDIATE`` for every transaction, so
several processes can log at once: writers queue for the lock instead of failing with "database is
locked" when a read transaction tries to become a write one. PostgreSQL needs none of this.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from runlift.errors import BadInput

SQLITE_BUSY_TIMEOUT_S = 30


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "runlift.store:migrations")
    return cfg


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


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; cheap when it already is."""
    cfg = _alembic_config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            if current == head:
                return
    except OperationalError as exc:
        raise BadInput(f"cannot open the database: {exc.orig}") from None
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
