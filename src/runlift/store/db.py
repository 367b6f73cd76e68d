"""Open the database: make the engine, tune SQLite, and migrate to the newest schema on first use.

SQLite runs in WAL mode with a busy timeout and ``BEGIN IMMEDIATE`` for every transaction, so
several processes can log at once: writers queue for the lock instead of failing with "database is
locked" when a read transaction tries to become a write one. PostgreSQL needs none of this, but
its pool is sized for a web worker (see ``POOL_SIZE``) and pings only connections that sat idle.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from runlift.errors import BadInput

SQLITE_BUSY_TIMEOUT_S = 30
# The newest migration. Checked against Alembic's own head in the tests; it lets a command see
# that the schema is current with one query, without importing Alembic (~0.4 s at start-up).
SCHEMA_HEAD = "0006"
# Connections kept open per process. A web worker runs up to 40 sync routes at once (anyio's
# thread limit), each holding one connection at a time. The default pool (5 kept, 10 more opened
# and closed as needed) made a busy worker open and close PostgreSQL connections all the time:
# each is a server process forked and a SCRAM handshake, several ms of CPU on both sides.
# Connections are opened lazily, so an idle server holds as few as it used.
POOL_SIZE = 20
POOL_OVERFLOW = 20
# A pooled connection idle for longer than this is pinged before use (a restarted server, a
# dropped idle link); one in steady use is not, which saves a round trip per checkout.
PING_IDLE_S = 10.0


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
        engine = create_engine(parsed, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
    except Exception as exc:  # an unknown driver name, a missing DBAPI
        raise BadInput(f"--db: cannot use {parsed.drivername!r}: {exc}") from None
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """``pool_pre_ping``, but only for a connection unused for ``PING_IDLE_S``: a failed ping
    raises ``DisconnectionError``, and the pool retries with a fresh connection."""

    @event.listens_for(engine, "checkin")
    def on_checkin(_dbapi_conn: Any, record: Any) -> None:
        record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def on_checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("checked_in_at")
        if idle_since is None or time.monotonic() - idle_since < PING_IDLE_S:
            return  # just opened, or in steady use
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:  # the driver's own error for a dead link
            raise DisconnectionError(f"stale pooled connection: {exc}") from exc


def reads_without_transaction(session: Session) -> None:
    """On PostgreSQL, run this session's statements without ``BEGIN`` and ``ROLLBACK``: two round
    trips fewer for a unit of work that only reads. Under READ COMMITTED, PostgreSQL's default,
    each statement in a transaction takes its own snapshot anyway, so the reads see exactly what
    they would have. Call it first thing in the unit of work, and never in one that writes.
    SQLite keeps its transaction: its reads share one snapshot, which callers may rely on."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


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
