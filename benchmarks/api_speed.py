"""REST API latency and throughput under 50 concurrent clients, beside a hello-world route.

Targets (the web API issue): p95 under 50 ms for today, plan, history and logging a set, and at
least 30% of a hello-world FastAPI route's throughput, measured in the same run.

The app runs under uvicorn in a subprocess on 127.0.0.1 against a fresh PostgreSQL database
(``RUNLIFT_TEST_POSTGRES_URL``, an admin URL that may create databases: ``scripts/postgres.sh``)
with a seeded athlete: the sample profile's plan and ``--months`` of runs and strength sessions.
``/hello`` exists only in this benchmark's app (``make_app`` below). The clients are asyncio tasks
in this process, each on its own keep-alive connection (a bare HTTP/1.1 client, ``Connection``),
sending its next request as soon as the last answers, for ``--seconds`` per route after a
one-second warm-up.

    .venv/bin/python benchmarks/api_speed.py                 # --clients 50 --workers 2
    .venv/bin/python benchmarks/api_speed.py --profile history   # cProfile of one route, in-process
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import json
import os
import pstats
import random
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample-runner.toml"
TODAY = dt.date(2026, 12, 8)
PASSWORD = "benchmark password"
LIFTS = ["squat 3x5@60kg rpe8", "romanian deadlift 3x8@50kg", "calf raise 3x12@20kg"]


def make_app() -> FastAPI:
    """The real app plus a hello-world route, for uvicorn's ``--factory``."""
    from runlift.web.app import create_app

    app = create_app()

    @app.get("/hello")
    def hello() -> dict[str, str]:
        return {"hello": "world"}

    return app


@contextmanager
def fresh_database(admin: str) -> Iterator[str]:
    name = f"runlift_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :n AND pid <> pg_backend_pid()"
                ),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        engine.dispose()


def seed(url: str, months: int) -> tuple[int, str, int, int]:
    """The athlete's id, a bearer token, and how many runs and sessions were stored."""
    from runlift.app import accounts, athlete, log
    from runlift.store.uow import Store

    store = Store(url)
    athlete.init(store, SAMPLE, TODAY)
    user = accounts.create_user(store, "bench@example.org", PASSWORD, "athlete", "Bench")
    assert user.athlete_id is not None
    aid = user.athlete_id
    _, token = accounts.create_token(store, user.id, "benchmark")
    rng = random.Random(20261208)
    runs = sessions = 0
    day = TODAY - dt.timedelta(days=round(months * 30.4))
    while day < TODAY:
        if day.weekday() in (0, 1, 3, 5, 6):
            km = rng.uniform(5, 12) if day.weekday() != 6 else rng.uniform(15, 30)
            pace = rng.uniform(290, 360)
            hr = rng.uniform(135, 160)
            log.log_run(store, day, TODAY, km * 1000, km * pace, hr, rng.uniform(3, 8), aid)
            runs += 1
        if day.weekday() in (1, 4):
            sets = log.sets_from_items(list(LIFTS))
            log.log_sets(store, sets, day, TODAY, 45, rng.uniform(5, 8), athlete_id=aid)
            sessions += 1
        day += dt.timedelta(days=1)
    store.close()
    return aid, token, runs, sessions


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(url: str, workers: int) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "RUNLIFT_DATABASE_URL": url, "RUNLIFT_TODAY": TODAY.isoformat()}
    cmd = [
        *(sys.executable, "-m", "uvicorn", "api_speed:make_app", "--factory"),
        *("--app-dir", str(Path(__file__).parent), "--host", "127.0.0.1", "--port", str(port)),
        *("--workers", str(workers), "--log-level", "warning", "--no-access-log"),
        *("--timeout-keep-alive", "60"),
    ]
    proc = subprocess.Popen(cmd, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/hello", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class Route:
    name: str
    method: str
    path: str
    body: dict[str, Any] | None = None


def routes(aid: int) -> list[Route]:
    a = f"/api/v1/athletes/{aid}"
    logged = {"date": TODAY.isoformat(), "sets": ["squat 1x5@60kg rpe7"]}
    return [
        Route("hello world (benchmark only)", "GET", "/hello"),
        Route("GET today", "GET", f"{a}/today"),
        Route("GET plan", "GET", f"{a}/plan"),
        Route("GET history", "GET", f"{a}/history"),
        Route("POST strength set", "POST", f"{a}/strength-sessions", logged),
    ]


@dataclass
class Result:
    route: Route
    latencies_ms: list[float]
    seconds: float
    errors: int

    @property
    def rps(self) -> float:
        return len(self.latencies_ms) / self.seconds

    def pct(self, p: float) -> float:
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[p - 1]


class Connection:
    """A bare HTTP/1.1 keep-alive connection: httpx's AsyncClient, shared by 50 tasks, made the
    client the bottleneck (110 req/s against 490 sequential on one connection, here)."""

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host, self.port = host, port
        self.head = f"Host: {host}\r\nAuthorization: Bearer {token}\r\n"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: dict[str, Any] | None) -> int:
        if self.reader is None or self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        data = json.dumps(body).encode() if body is not None else b""
        kind = "Content-Type: application/json\r\n" if body is not None else ""
        line = f"{method} {path} HTTP/1.1\r\n{self.head}{kind}"
        self.writer.write(f"{line}Content-Length: {len(data)}\r\n\r\n".encode() + data)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = next(
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def hammer(conns: list[Connection], route: Route, seconds: float) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def one_client(conn: Connection) -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                status = await conn.request(route.method, route.path, route.body)
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                errors += 1
                print(f"{route.name}: {type(exc).__name__} {exc}", file=sys.stderr)
                conn.close()
                conn.reader = conn.writer = None
                continue
            latencies.append((time.perf_counter() - start) * 1000)
            errors += status >= 400

    await asyncio.wait_for(asyncio.gather(*(one_client(c) for c in conns)), seconds + 60)
    return latencies, errors


async def measure(base: str, token: str, rs: list[Route], clients: int, s: float) -> list[Result]:
    url = httpx.URL(base)
    conns = [Connection(url.host, url.port or 80, token) for _ in range(clients)]
    results = []
    try:
        for route in rs:
            await hammer(conns, route, 1.0)  # warm-up: connections, caches
            start = time.perf_counter()
            latencies, errors = await hammer(conns, route, s)
            results.append(Result(route, latencies, time.perf_counter() - start, errors))
    finally:
        for conn in conns:
            conn.close()
    return results


def report(results: list[Result]) -> None:
    hello = results[0].rps
    print("| route | requests | p50 ms | p95 ms | req/s | % of hello | errors |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r.route.name} | {len(r.latencies_ms):,} | {r.pct(50):.1f} | {r.pct(95):.1f} | "
            f"{r.rps:,.0f} | {100 * r.rps / hello:.0f}% | {r.errors} |"
        )
    for r in results[1:]:
        misses = []
        if r.pct(95) >= 50:
            misses.append(f"p95 {r.pct(95):.1f} ms ≥ 50 ms")
        if r.rps < 0.3 * hello:
            misses.append(f"{100 * r.rps / hello:.0f}% < 30% of hello")
        print(f"{r.route.name}: {'MISSED: ' + '; '.join(misses) if misses else 'targets met'}")


def profile(url: str, aid: int, token: str, name: str, n: int) -> None:
    """cProfile one route's work in this thread: the auth dependencies, then the route function
    (cProfile sees one thread, and the app runs sync routes in a thread pool)."""
    from runlift.app import accounts
    from runlift.store.uow import Store
    from runlift.web.api import athletes, reports, training
    from runlift.web.schemas import StrengthSessionCreate

    os.environ["RUNLIFT_TODAY"] = TODAY.isoformat()
    store = Store(url)
    logged = StrengthSessionCreate.model_validate(routes(aid)[-1].body)
    work = {
        "today": lambda: athletes.get_today(aid, store),
        "plan": lambda: athletes.get_plan(aid, store),
        "history": lambda: reports.get_history(aid, store),
        "set": lambda: training.add_session(aid, logged, store),
    }[name]

    def request() -> None:
        user = accounts.user_for_token(store, token)
        assert user is not None
        assert accounts.can_reach(store, user, aid)
        work()

    request()
    prof = cProfile.Profile()
    start = time.perf_counter()
    prof.runcall(lambda: [request() for _ in range(n)])
    print(f"{name}: {(time.perf_counter() - start) / n * 1000:.1f} ms per request under cProfile")
    pstats.Stats(prof).sort_stats("cumulative").print_stats(35)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0, help="per route")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--months", type=int, default=6, help="history seeded")
    parser.add_argument(
        "--profile", choices=["today", "plan", "history", "set"], help="cProfile one route instead"
    )
    args = parser.parse_args()
    if not 1 <= args.clients <= 200 or not 0 < args.seconds <= 120:
        raise SystemExit("--clients 1..200 and --seconds up to 120 (bounded on purpose)")
    admin = os.environ.get("RUNLIFT_TEST_POSTGRES_URL")
    if not admin:
        raise SystemExit("set RUNLIFT_TEST_POSTGRES_URL (see scripts/postgres.sh)")
    with fresh_database(admin) as url:
        aid, token, runs, sessions = seed(url, args.months)
        print(f"seeded: a plan, {runs} runs, {sessions} strength sessions, {args.months} months")
        if args.profile:
            profile(url, aid, token, args.profile, 100)
            return
        with server(url, args.workers) as base:
            print(
                f"uvicorn: {args.workers} workers, {args.clients} clients, {args.seconds:g} s each"
            )
            results = asyncio.run(measure(base, token, routes(aid), args.clients, args.seconds))
        report(results)


if __name__ == "__main__":
    main()
