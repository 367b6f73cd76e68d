"""A populated API for the tests: five callers around one athlete, on a real database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from runlift.app import accounts, athlete
from runlift.store.uow import Store
from runlift.web.app import create_app
from runlift.web.settings import Settings
from tests_support import EXAMPLES

TODAY = dt.date(2026, 12, 8)
SAMPLE = EXAMPLES / "sample-runner.toml"
PASSWORD = "correct horse battery"


@dataclass
class World:
    client: TestClient
    store: Store
    aid: int  # the owner's athlete
    other_aid: int
    headers: dict[str, dict[str, str]]  # caller -> Authorization header ({} for anonymous)


def sign_in(client: TestClient, email: str) -> dict[str, str]:
    response = client.post("/api/v1/auth/tokens", json={"email": email, "password": PASSWORD})
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def build_world(db_url: str, open_registration: bool = False) -> World:
    store = Store(db_url)
    athlete.init(store, SAMPLE, TODAY)  # the command line's athlete, before any account
    owner = accounts.create_user(store, "Owner@Example.org", PASSWORD, "athlete", "Owner")
    coach = accounts.create_user(store, "coach@example.org", PASSWORD, "coach", "Coach")
    other = accounts.create_user(store, "other@example.org", PASSWORD, "athlete", "Other")
    accounts.create_user(store, "coach2@example.org", PASSWORD, "coach", "Coach Two")
    assert owner.athlete_id is not None
    assert other.athlete_id is not None
    code = accounts.create_invite(store, coach)
    accounts.accept_invite(store, owner.athlete_id, code)
    athlete.replan(
        store,
        TODAY,
        profile_doc=athlete.stored_profile(store).to_contract(),
        athlete_id=other.athlete_id,
    )
    settings = Settings(database_url=db_url, open_registration=open_registration)
    client = TestClient(create_app(settings))
    headers = {
        "owner": sign_in(client, "owner@example.org"),
        "coach": sign_in(client, "coach@example.org"),
        "other_athlete": sign_in(client, "other@example.org"),
        "other_coach": sign_in(client, "coach2@example.org"),
        "anonymous": {},
    }
    return World(client, store, owner.athlete_id, other.athlete_id, headers)


@contextmanager
def world_on(db_url: str, monkeypatch: pytest.MonkeyPatch, **env: str) -> Iterator[World]:
    """The populated API on the database, on the sample's first day, with ``env`` set too (read
    by every app made meanwhile); afterwards its app's import worker is stopped, should the app's
    lifespan never have run (a client used without ``with``)."""
    monkeypatch.setenv("RUNLIFT_TODAY", TODAY.isoformat())
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    w = build_world(db_url)
    try:
        yield w
    finally:
        w.client.close()
        app: Any = w.client.app
        jobs = getattr(app.state, "import_jobs", None)
        if jobs is not None:
            jobs.close()
        w.store.close()


@pytest.fixture(name="world")
def world_fixture(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    """The populated API on each database, on the sample's first day; a test module takes it
    with ``world = world_fixture`` (``db_url`` comes from tests/integration/conftest.py)."""
    with world_on(db_url, monkeypatch) as w:
        yield w


@pytest.fixture(name="world")
def upload_world_fixture(
    db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[World]:
    """``world_fixture`` with every app's uploads in the test's own folder."""
    with world_on(db_url, monkeypatch, RUNLIFT_UPLOAD_DIR=str(tmp_path / "uploads")) as w:
        yield w


def count(w: World, table: type) -> int:
    """How many rows the table holds."""
    with w.store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())
