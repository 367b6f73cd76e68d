"""No request makes the REST API answer 5xx: bad input is the client's fault and must say so (4xx).

Schemathesis generates requests for every operation in the app's own OpenAPI schema, as the owner,
on a real database; hypothesis adds what the schema cannot describe (the free-text set lines, any
JSON at all). A 5xx is a bug even when the input is nonsense: the client gets no field to fix.

The operations are driven from one test per database rather than by ``schema.parametrize()``:
a schema from a fixture needs ``schemathesis.pytest.from_fixture``, which in schemathesis 4.32.5
sets ``Function._nodeid``, an attribute pytest 9 no longer has; and one world per database keeps
the run to about a minute, where one per operation would not.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import content_type_conformance
from sqlalchemy import select

from api_support import World, build_world
from runlift.store.tables import ApiTokenRow

V1 = "/api/v1"
# Bounded for CI on a slow 2-core machine, and the same examples on every run.
FUZZ = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    # One world per test, shared by its examples: logging is what the examples do to it.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
FUZZ_FORMS = settings(FUZZ, max_examples=60)  # one route each, at tens of ms a request


@pytest.fixture
def world(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    monkeypatch.setenv("RUNLIFT_TODAY", "2026-12-08")
    # Open registration, so /auth/register reaches account creation rather than stopping at 403.
    w = build_world(db_url, open_registration=True)
    yield w
    w.client.close()
    w.store.close()


def test_no_operation_answers_5xx(world: World) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", world.client.app)
    owner = world.headers["owner"]
    with world.store.engine.connect() as conn:
        signed_in = set(conn.execute(select(ApiTokenRow.id)).scalars())
    failures: list[str] = []
    answered: set[str] = set()  # operations that answered 2xx at least once
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):
            failures.append(f"the schema is invalid: {result.err()}")
            continue
        operation = result.ok()
        cases = st.one_of(
            operation.as_strategy(schemathesis.GenerationMode.POSITIVE),
            operation.as_strategy(schemathesis.GenerationMode.NEGATIVE),
        )

        @FUZZ
        @given(case=cases, own=st.integers(0, 3))
        def call(case: schemathesis.Case[Any], own: int) -> None:
            params = case.path_parameters or {}
            # Three in four requests name the owner's athlete, so they get past the 404.
            if own and "aid" in params:
                params["aid"] = world.aid
            # Revoking a token the run signs in with would turn every later request into a 401.
            if params.get("token_id") in signed_in:
                params["token_id"] = 10**9
            response = case.call_and_validate(
                headers=owner, checks=[not_a_server_error, content_type_conformance]
            )
            if response.status_code < 300:
                answered.add(case.operation.label)

        try:
            call()
        except (Exception, BaseExceptionGroup) as exc:  # run them all; the report names each
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
    # The run reached the handlers, not only the 401s, 404s and 422s in front of them.
    reached = {f"GET {V1}/athletes/{{aid}}/{what}" for what in ("profile", "plan", "history")}
    assert reached | {f"POST {V1}/athletes/{{aid}}/runs"} <= answered, answered


# Set lines: the grammar's tokens, each either plausible or a number of any size and shape, so
# some lines log (201) and the rest probe the parser; and plain noise.
NUMBER = st.one_of(
    st.integers(0, 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "0", "1e309", "nan", "٣", "½", "-1", "0.0000001"]),
)
LOAD = st.one_of(
    st.just(""),
    st.just("@bw"),
    st.builds(
        "@{}{}".format,
        st.integers(0, 200).map(str) | NUMBER,
        st.sampled_from(["kg", "lb", "lbs", ""]),
    ),
)
EFFORT = st.one_of(
    st.just(""),
    st.builds(
        " {}{}".format,
        st.sampled_from(["rpe", "rir", "tech"]),
        st.integers(1, 10).map(str) | NUMBER,
    ),
)
SET_LINE = st.one_of(
    st.text(max_size=40),
    st.builds(
        "{} {}x{}{}{}{}{}".format,
        st.sampled_from(["squat", "back-squat", "side-plank", "calf raise", "x", ""]),
        st.integers(1, 5).map(str) | NUMBER,
        st.integers(1, 12).map(str) | NUMBER,
        st.sampled_from(["", "", "s", "c"]),
        LOAD,
        EFFORT,
        st.sampled_from(["", " left", " right", " warmup"]),
    ),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=12,
)
NUMERIC = st.floats() | st.integers() | JSON
RUN = st.fixed_dictionaries(
    {
        "date": st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 8)).map(str) | st.dates().map(str),
        "distance_m": st.floats(100, 50_000) | NUMERIC,
        "timer_s": st.floats(60, 20_000) | NUMERIC,
    },
    optional={"avg_hr_bpm": NUMERIC, "srpe": NUMERIC, "planned_session_id": JSON},
)


@FUZZ_FORMS
@given(lines=st.lists(SET_LINE, min_size=1, max_size=3))
def test_any_set_lines_answer_4xx_or_201(world: World, lines: list[str]) -> None:
    body = {"date": "2026-12-07", "sets": lines}
    r = world.client.post(
        f"{V1}/athletes/{world.aid}/strength-sessions", json=body, headers=world.headers["owner"]
    )
    assert r.status_code < 500, (lines, r.text)
    assert r.status_code == 201 or isinstance(r.json()["detail"], str)


@FUZZ_FORMS
@given(body=RUN | JSON)
def test_any_json_to_runs_answers_4xx_or_201(world: World, body: object) -> None:
    # Encoded here, as Python's json does by default, so NaN and Infinity reach the server too.
    r = world.client.post(
        f"{V1}/athletes/{world.aid}/runs",
        content=json.dumps(body),
        headers={**world.headers["owner"], "Content-Type": "application/json"},
    )
    assert r.status_code < 500, (body, r.text)
    assert r.status_code == 201 or isinstance(r.json()["detail"], str)


# Regressions: each of these answered 500 (or, for old dates, made every later report crawl).
# One world per test, looping over the cases: building a world costs seconds, a request does not.


def test_an_id_too_large_for_the_database_is_not_found(world: World) -> None:
    c, h = world.client, world.headers["owner"]
    for big in (2**31, 2**63, 10**30):  # past PostgreSQL's INTEGER, SQLite's, and any
        for url in (f"{V1}/athletes/{big}/report", f"{V1}/athletes/{big}/profile"):
            r = c.get(url, headers=h)
            assert (r.status_code, r.json()) == (404, {"detail": "athlete not found"}), url
        r = c.delete(f"{V1}/auth/tokens/{big}", headers=h)
        assert (r.status_code, r.json()) == (404, {"detail": "token not found"})
    assert c.get(f"{V1}/me", headers=h).status_code == 200


def test_a_window_beyond_the_calendar_names_the_field(world: World) -> None:
    cases = {
        "until=9999-12-31": "until: Input should be less than or equal to 2100-12-31",
        "since=0001-01-01": "since: Input should be greater than or equal to 1900-01-01",
    }
    for path in ("history", "report"):
        for query, message in cases.items():
            url = f"{V1}/athletes/{world.aid}/{path}?{query}"
            r = world.client.get(url, headers=world.headers["owner"])
            assert (r.status_code, r.json()) == (422, {"detail": message}), url


def test_training_before_1900_is_refused_naming_the_date(world: World) -> None:
    bodies = {
        "runs": {"date": "0001-01-01", "distance_m": 5000, "timer_s": 1500},
        "strength-sessions": {"date": "1899-12-31", "sets": ["squat 3x5"]},
    }
    for path, body in bodies.items():
        r = world.client.post(
            f"{V1}/athletes/{world.aid}/{path}", json=body, headers=world.headers["owner"]
        )
        assert r.status_code == 422, path
        assert "date: Input should be greater than or equal to 1900-01-01" in r.json()["detail"]
    history = world.client.get(f"{V1}/athletes/{world.aid}/history", headers=world.headers["owner"])
    assert history.json()["runs"] == history.json()["strength_sessions"] == []
