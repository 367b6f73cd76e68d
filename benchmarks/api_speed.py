"""REST API latency and throughput under 50 concurrent clients, beside a hello-world route.

Targets (the web API issue): p95 under 50 ms for today, plan, history and logging a set, and at
least 30% of a hello-world FastAPI route's throughput, measured in the same run.

The app runs under uvicorn in a subprocess on 127.0.0.1 against a fresh PostgreSQL database
(``RUNLIFT_TEST_POSTGRES_URL``, an admin URL that may create databases: ``scripts/postgres.sh``)
with a seeded athlete: the sample profile's plan and ``--months`` of runs and strength sessions.
``/hello`` exists only in this benchmark's app (``make_app`` below). The load generator is a
separate process (``--client``): asyncio tasks, each on its own keep-alive connection (a bare
HTTP/1.1 client, ``Connection``), sending its next request as soon as the last answers, for
``--seconds`` per route after a one-second warm-up. On a machine with two or more cores the
server is pinned to ``--server-cpus`` and the load generator to ``--client-cpus`` (``taskset``),
so the client cannot take the server's core; PostgreSQL is not pinned. The CPU time the server,
PostgreSQL and the client spend per request is read from ``/proc`` around each route.

    .venv/bin/python benchmarks/api_speed.py                 # --clients 50 --workers 1
    .venv/bin/python benchmarks/api_speed.py --profile history   # cProfile of one route, in-process

Experiments (environment): ``API_SPEED_THREADS=N`` sets anyio's thread limit in the server,
``API_SPEED_GC_GEN0=N`` freezes start-up objects and sets the GC's first threshold, and
``API_SPEED_PSTATS=FILE`` saves ``--profile``'s statistics.
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
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the tests' throw-away database, shared with them
from pg_support import fresh_database  # noqa: E402

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

    # Experiments, not the app's defaults: anyio's thread limit, and the cyclic GC's threshold.
    if threads := int(os.environ.get("API_SPEED_THREADS", "0")):
        app.add_middleware(ThreadLimit, tokens=threads)
    if gen0 := int(os.environ.get("API_SPEED_GC_GEN0", "0")):
        import gc

        gc.freeze()  # what start-up made (modules, tables, the catalog) is never collected
        gc.set_threshold(gen0, *gc.get_threshold()[1:])
    return app


class ThreadLimit:
    """Sets anyio's thread limit (how many sync routes run at once; 40 by default) on the first
    request, when the event loop exists."""

    def __init__(self, app: Any, tokens: int) -> None:
        self.app, self.tokens, self.done = app, tokens, False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if not self.done:
            import anyio.to_thread

            anyio.to_thread.current_default_thread_limiter().total_tokens = self.tokens
            self.done = True
        await self.app(scope, receive, send)


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


def pinned(cpus: str) -> list[str]:
    """The ``taskset`` prefix that keeps a command on ``cpus`` ("" or no taskset: none)."""
    return ["taskset", "-c", cpus] if cpus and shutil.which("taskset") else []


@contextmanager
def server(url: str, workers: int, cpus: str) -> Iterator[tuple[str, int]]:
    """The base URL of a uvicorn running ``make_app``, and its (master) process id."""
    port = free_port()
    env = {**os.environ, "RUNLIFT_DATABASE_URL": url, "RUNLIFT_TODAY": TODAY.isoformat()}
    cmd = [
        *pinned(cpus),
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
        yield base, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _proc_stat(pid: int) -> tuple[str, int, float] | None:
    """(command name, parent pid, CPU seconds incl. reaped children) from ``/proc``, or None."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = raw[raw.index("(") + 1 : raw.rindex(")")]
    rest = raw[raw.rindex(")") + 2 :].split()
    ticks = sum(int(x) for x in rest[11:15])  # utime, stime, cutime, cstime
    return name, int(rest[1]), ticks / os.sysconf("SC_CLK_TCK")


def cpu_split(server_pid: int) -> dict[str, float]:
    """CPU seconds used so far by the server's process tree and by every ``postgres`` process
    (backends that exited are in the postmaster's reaped-children time)."""
    stats = {int(d): st for d in os.listdir("/proc") if d.isdigit() and (st := _proc_stat(int(d)))}
    tree = {server_pid}
    for _ in range(3):  # uvicorn → its workers (and a multiprocessing helper)
        tree |= {pid for pid, (_, ppid, _) in stats.items() if ppid in tree}
    return {
        "server": sum(stats[p][2] for p in tree if p in stats),
        "postgres": sum(cpu for name, _, cpu in stats.values() if name == "postgres"),
    }


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
    cpu_s: dict[str, float]  # server, postgres, client: CPU seconds over the measured window

    @property
    def rps(self) -> float:
        return len(self.latencies_ms) / self.seconds

    def pct(self, p: int) -> float:
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[p - 1]

    def cpu_ms(self, who: str) -> float:
        """CPU ms per request spent by ``who``."""
        return 1000 * self.cpu_s[who] / max(1, len(self.latencies_ms))


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


async def measure(
    base: str, token: str, rs: list[Route], clients: int, s: float, server_pid: int
) -> list[Result]:
    url = httpx.URL(base)
    conns = [Connection(url.host, url.port or 80, token) for _ in range(clients)]
    results = []
    try:
        for route in rs:
            await hammer(conns, route, 1.0)  # warm-up: connections, caches
            before, client_before = cpu_split(server_pid), time.process_time()
            start = time.perf_counter()
            latencies, errors = await hammer(conns, route, s)
            seconds = time.perf_counter() - start
            after, client_after = cpu_split(server_pid), time.process_time()
            cpu = {k: after[k] - before[k] for k in before}
            cpu["client"] = client_after - client_before
            results.append(Result(route, latencies, seconds, errors, cpu))
    finally:
        for conn in conns:
            conn.close()
    return results


def run_client(args: argparse.Namespace) -> None:
    """The load generator, in its own (pinned) process: results as JSON on stdout."""
    base, token, aid, server_pid = args.client
    rs = routes(int(aid))
    results = asyncio.run(measure(base, token, rs, args.clients, args.seconds, int(server_pid)))
    rows = [[r.latencies_ms, r.seconds, r.errors, r.cpu_s] for r in results]
    sys.stdout.write(json.dumps(rows))


def report(results: list[Result]) -> None:
    hello = results[0]
    print(
        "| route | requests | p50 ms | p95 ms | req/s | % of hello | "
        "CPU ms/request: server, PostgreSQL, client | % of hello by server CPU | errors |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        cpu = ", ".join(f"{r.cpu_ms(w):.2f}" for w in ("server", "postgres", "client"))
        by_cpu = 100 * hello.cpu_ms("server") / r.cpu_ms("server")
        print(
            f"| {r.route.name} | {len(r.latencies_ms):,} | {r.pct(50):.1f} | {r.pct(95):.1f} | "
            f"{r.rps:,.0f} | {100 * r.rps / hello.rps:.0f}% | {cpu} | {by_cpu:.0f}% | {r.errors} |"
        )
    for r in results[1:]:
        misses = []
        if r.pct(95) >= 50:
            misses.append(f"p95 {r.pct(95):.1f} ms ≥ 50 ms")
        if r.rps < 0.3 * hello.rps:
            misses.append(f"{100 * r.rps / hello.rps:.0f}% < 30% of hello")
        print(f"{r.route.name}: {'MISSED: ' + '; '.join(misses) if misses else 'targets met'}")
    for r in results:
        busy = ", ".join(f"{w} {v / r.seconds:.2f}" for w, v in r.cpu_s.items())
        print(f"{r.route.name}: cores busy: {busy}")


def profile(url: str, aid: int, token: str, name: str, n: int) -> None:
    """A route's whole request through the app in this process (routing, auth, validation, the
    use case, encoding), as ``cProfile`` sees it: the calls FastAPI hands to its thread pool are
    made inline, so the one thread profiled does all the work. Prints the CPU and wall ms per
    request without the profiler first, beside hello world's."""
    import fastapi.dependencies.utils
    import fastapi.routing

    async def inline(func: Any, *args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    fastapi.dependencies.utils.run_in_threadpool = inline  # type: ignore[assignment]
    fastapi.routing.run_in_threadpool = inline  # type: ignore[assignment]
    os.environ |= {"RUNLIFT_DATABASE_URL": url, "RUNLIFT_TODAY": TODAY.isoformat()}
    app = make_app()
    by_name = {"today": 1, "plan": 2, "history": 3, "set": 4}
    chosen = routes(aid)[by_name[name]]
    headers = {"Authorization": f"Bearer {token}"}

    async def requests(route: Route, count: int) -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            for _ in range(count):
                answer = await client.request(
                    route.method, route.path, json=route.body, headers=headers
                )
                assert answer.status_code < 300, answer.text

    for route in (routes(aid)[0], chosen):
        asyncio.run(requests(route, 5))  # warm: imports, caches, connections
        cpu, wall = time.process_time(), time.perf_counter()
        asyncio.run(requests(route, n))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(f"{route.name}: {1000 * cpu / n:.2f} ms CPU, {1000 * wall / n:.2f} ms wall each")
    prof = cProfile.Profile(time.thread_time)  # CPU time: waits on PostgreSQL are not in it
    prof.runcall(asyncio.run, requests(chosen, n))
    stats = pstats.Stats(prof)
    if dump := os.environ.get("API_SPEED_PSTATS"):
        stats.dump_stats(dump)  # for pstats / snakeviz
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


def load(base: str, token: str, aid: int, pid: int, args: argparse.Namespace) -> list[Result]:
    """Run the load generator as its own process, on ``--client-cpus``."""
    cmd = [
        *pinned(args.client_cpus),
        *(sys.executable, __file__, "--client", base, token, str(aid), str(pid)),
        *("--clients", str(args.clients), "--seconds", str(args.seconds)),
    ]
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE).stdout
    return [Result(r, *row) for r, row in zip(routes(aid), json.loads(out), strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0, help="per route")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--server-cpus", default="0", help="taskset list for the server; ''=any")
    parser.add_argument("--client-cpus", default="1", help="taskset list for the client; ''=any")
    parser.add_argument("--months", type=int, default=6, help="history seeded")
    parser.add_argument(
        "--profile", choices=["today", "plan", "history", "set"], help="cProfile one route instead"
    )
    parser.add_argument("--client", nargs=4, help=argparse.SUPPRESS)  # base token aid server-pid
    args = parser.parse_args()
    if not 1 <= args.clients <= 200 or not 0 < args.seconds <= 120:
        raise SystemExit("--clients 1..200 and --seconds up to 120 (bounded on purpose)")
    if args.client:
        run_client(args)
        return
    if (os.cpu_count() or 1) < 2:
        args.server_cpus = args.client_cpus = ""  # one core: nothing to keep apart
    admin = os.environ.get("RUNLIFT_TEST_POSTGRES_URL")
    if not admin:
        raise SystemExit("set RUNLIFT_TEST_POSTGRES_URL (see scripts/postgres.sh)")
    with fresh_database(admin, prefix="runlift_bench") as url:
        aid, token, runs, sessions = seed(url, args.months)
        print(f"seeded: a plan, {runs} runs, {sessions} strength sessions, {args.months} months")
        if args.profile:
            profile(url, aid, token, args.profile, 100)
            return
        with server(url, args.workers, args.server_cpus) as (base, pid):
            print(
                f"uvicorn: {args.workers} worker(s) on CPUs {args.server_cpus or 'any'}; "
                f"{args.clients} clients on CPUs {args.client_cpus or 'any'}; "
                f"{args.seconds:g} s per route"
            )
            results = load(base, token, aid, pid, args)
        report(results)


if __name__ == "__main__":
    main()
