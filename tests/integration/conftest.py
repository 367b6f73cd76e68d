"""Real databases for the integration tests: a SQLite file, and a fresh PostgreSQL database.

PostgreSQL comes from ``RUNLIFT_TEST_POSTGRES_URL`` (an admin URL that may create databases; see
``scripts/postgres.sh``). Without it the PostgreSQL cases are skipped, except under CI, where a
missing server is a failure rather than a silent skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pg_support import fresh_database


def postgres_admin_url() -> str | None:
    return os.environ.get("RUNLIFT_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'runlift.db'}"
        return
    admin = postgres_admin_url()
    if admin is None:
        if os.environ.get("CI"):
            pytest.fail("RUNLIFT_TEST_POSTGRES_URL is not set in CI: start PostgreSQL first")
        pytest.skip("no PostgreSQL (set RUNLIFT_TEST_POSTGRES_URL, see scripts/postgres.sh)")
    with fresh_database(admin) as url:
        yield url
