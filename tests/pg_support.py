"""A fresh, throw-away PostgreSQL database: for the integration tests and ``benchmarks/``.

Importable as ``pg_support`` because pytest puts ``tests/`` on ``sys.path``; the benchmarks add
``tests/`` themselves. Test code, so it lives here and not in the package.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextmanager
def fresh_database(admin: str, prefix: str = "runlift_t") -> Iterator[str]:
    """The URL of a new, empty database made through ``admin`` (a URL whose role may create
    databases, e.g. from ``scripts/postgres.sh``); dropped on exit, its connections ended."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(
                text(
                    # Client sessions only: DROP DATABASE stops autovacuum workers itself,
                    # and a non-superuser may not terminate them.
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :n AND pid <> pg_backend_pid() "
                    "AND backend_type = 'client backend'"
                ),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        engine.dispose()
