"""Report analytics speed: 10 years of daily runs and lifting into every metric, on one core.

Target (issue: analytics): 10 years of daily history (runs and sets) into every metric of
``build_report`` in under 100 ms. The history is synthetic and deterministic (``--seed``): 3,653
days with a run on nearly every day (some rated with session RPE, some with only an average heart
rate, some with a heart-rate histogram of about 60 one-bpm buckets), two or three strength
sessions a week of 15–25 working sets of catalog exercises (some logged per side, some with RPE,
some holds and plyometric contacts), and the plan's sessions those were planned as (a few of them
missed).

The load series alone (daily loads → CTL/ATL/TSB, ACWR, monotony and strain) is timed beside the
same computation in pandas, in the same run, after checking that both give the same numbers to
1e-9 relative. pandas is a comparison only; runlift does not use it.

    taskset -c 0 .venv/bin/python benchmarks/report_speed.py [--repeat 21] [--seed 20261128]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import platform
import random
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from runlift.analytics import HeartProfile, PlannedRef, build_report
from runlift.analytics.acwr import ACUTE_D, CHRONIC_D, acwr_ewma
from runlift.analytics.load import daily_loads, session_loads
from runlift.analytics.monotony import WINDOW_D, rolling_monotony_strain
from runlift.analytics.pmc import ATL_TAU_D, CTL_TAU_D, fitness_fatigue
from runlift.analytics.report import heart_for
from runlift.app.catalog import catalog
from runlift.catalog import Catalog
from runlift.catalog.model import Exercise
from runlift.training.model import LoggedSet, Run, StrengthSession

DAYS = 3653  # 10 years, two of them leap years
FIRST = dt.date(2017, 1, 2)  # a Monday
UTC = dt.UTC
HEART = HeartProfile(rest_bpm=48.0, sex="female")  # maximum left to the highest recorded
HR_MAX_TRUE = 192  # the athlete's real maximum, which the hard runs come close to
# One session's shape: a pattern per slot; each mesocycle draws one exercise per slot.
SLOTS = (
    ("squat", "lunge"),
    ("hinge", "single-leg-hinge"),
    ("pull-horizontal", "pull-vertical"),
    ("push-horizontal", "push-vertical"),
    ("calf",),
    ("plyometric",),
    ("core-anti-extension", "core-anti-lateral", "core-anti-rotation"),
    ("hamstring-curl", "hip-abduction", "carry"),
)
MESO_WEEKS = 6


# --- the synthetic history ---------------------------------------------------------------------


def hr_histogram(rng: random.Random, centre: int, seconds: float) -> dict[int, float]:
    """About 60 one-bpm buckets around ``centre``, a rough bell summing to ``seconds``."""
    lo = centre - rng.randint(28, 32)
    hi = min(centre + rng.randint(28, 32), HR_MAX_TRUE)
    weights = {bpm: 1.0 / (1.0 + ((bpm - centre) / 8.0) ** 2) for bpm in range(lo, hi + 1)}
    total = sum(weights.values())
    return {bpm: seconds * w / total for bpm, w in weights.items()}


def make_run(rng: random.Random, on: dt.date, kind: str) -> Run:
    minutes = {
        "easy": rng.uniform(30, 65),
        "quality": rng.uniform(45, 75),
        "long": rng.uniform(90, 150),
    }[kind]
    pace = {"easy": 330, "quality": 280, "long": 345}[kind] + rng.uniform(-20, 20)  # s/km
    timer = minutes * 60.0
    hr = {"easy": 138, "quality": 165, "long": 145}[kind] + rng.randint(-6, 6)
    start = dt.datetime.combine(on, dt.time(rng.randrange(5, 20), rng.randrange(60)), UTC)
    base: dict[str, Any] = {
        "start_at": start,
        "distance_m": timer / pace * 1000.0,
        "timer_s": timer,
        "elapsed_s": timer + rng.uniform(0, 300),
        "total_ascent_m": rng.uniform(0, 400),
        "source_format": "fit",
    }
    r = rng.random()
    if r < 0.35:  # rated by the athlete; no heart rate recorded
        rpe = {"easy": 3.0, "quality": 7.0, "long": 5.0}[kind] + rng.choice((-1.0, 0.0, 1.0))
        return Run(**{**base, "source_format": "manual"}, srpe=rpe)
    top = min(HR_MAX_TRUE, hr + rng.randint(12, 25))
    if r < 0.65:  # a watch summary: average and maximum heart rate only
        return Run(**base, avg_hr_bpm=float(hr), max_hr_bpm=float(top))
    return Run(
        **base,
        avg_hr_bpm=float(hr),
        max_hr_bpm=float(top),
        hr_histogram=hr_histogram(rng, hr, timer),
    )


def make_runs(rng: random.Random) -> list[Run]:
    runs: list[Run] = []
    for i in range(DAYS):
        on = FIRST + dt.timedelta(days=i)
        if rng.random() < 0.06:  # a rest day now and then
            continue
        wd = on.weekday()
        kind = "long" if wd == 6 else "quality" if wd in (1, 3) else "easy"
        runs.append(make_run(rng, on, kind))
        if rng.random() < 0.04:  # a double day
            runs.append(make_run(rng, on, "easy"))
    return runs


def by_pattern(cat: Catalog) -> dict[str, list[Exercise]]:
    out: dict[str, list[Exercise]] = {}
    for ex in cat:
        out.setdefault(ex.pattern, []).append(ex)
    return out


def make_sets(
    rng: random.Random, exercises: Sequence[Exercise], base_kg: dict[str, float], progress: float
) -> tuple[LoggedSet, ...]:
    """15–25 working sets (a left and a right set are two), the first exercise with warm-ups."""
    target = rng.randint(15, 25)
    rated = rng.random() < 0.5
    sets: list[LoggedSet] = []
    order = 0

    def add(ex: Exercise, side: str, weaker: bool, **dose: Any) -> None:
        nonlocal order
        order += 1
        load = dose.pop("load_kg", None)
        if load is not None and weaker:
            load = max(2.5, load - 2.5)
        rpe = rng.choice((6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0)) if rated else None
        sets.append(LoggedSet(ex.id, order, load_kg=load, rpe=rpe, side=side, **dose))

    first = exercises[0]
    if first.externally_loaded:
        for frac in (0.4, 0.6):
            order += 1
            kg = round(base_kg[first.id] * progress * frac / 2.5) * 2.5
            sets.append(LoggedSet(first.id, order, reps=5, load_kg=kg, warmup=True))
    working = 0
    while working < target:
        for ex in exercises:
            if working >= target:
                break
            if ex.dose == "duration":
                dose: dict[str, Any] = {"duration_s": float(rng.choice((20, 30, 40, 45, 60)))}
            elif ex.dose == "contacts":
                dose = {"contacts": rng.choice((10, 20, 30, 40))}
            else:
                dose = {"reps": rng.randint(3, 12)}
                if ex.externally_loaded:
                    dose["load_kg"] = round(base_kg[ex.id] * progress / 2.5) * 2.5
            if ex.unilateral and working + 2 <= target:
                weaker = ex.id.endswith("lunge")  # one side lags on lunges: an asymmetry to find
                add(ex, "left", False, **dose)
                add(ex, "right", weaker, **dose)
                working += 2
            else:
                add(ex, "both", False, **dose)
                working += 1
    return tuple(sets)


def make_strength(
    rng: random.Random, cat: Catalog
) -> tuple[list[StrengthSession], list[PlannedRef]]:
    pools = by_pattern(cat)
    base_kg = {ex.id: rng.uniform(15, 100) for ex in cat}
    sessions: list[StrengthSession] = []
    planned: list[PlannedRef] = []
    templates: list[list[Exercise]] = []
    for week in range(DAYS // 7 + 1):
        monday = FIRST + dt.timedelta(weeks=week)
        if week % MESO_WEEKS == 0:  # a new mesocycle: new exercises
            templates = []
            for _ in range(3):
                slots = rng.sample(SLOTS, rng.randint(6, 8))
                templates.append([rng.choice(pools[rng.choice(s)]) for s in slots])
        days = rng.choice(((0, 2, 4), (1, 3, 5), (0, 3))) if rng.random() < 0.8 else (1, 4)
        progress = 1.0 + 0.3 * (week % MESO_WEEKS) / MESO_WEEKS + 0.0004 * week
        for k, wd in enumerate(days):
            on = monday + dt.timedelta(days=wd)
            if (on - FIRST).days >= DAYS:
                break
            template = templates[k % len(templates)]
            intensity = ("light", "moderate", "heavy")[(week + k) % 3]
            sid = f"{on.isoformat()}-{'abc'[k]}"
            planned.append(
                PlannedRef(
                    on,
                    sid,
                    intensity,
                    rng.choice((40.0, 50.0, 60.0)),
                    f"Strength {'ABC'[k]}",
                    tuple(ex.id for ex in template),
                )
            )
            if rng.random() < 0.05:  # missed
                continue
            done = [
                ex for ex in template if rng.random() > 0.05
            ]  # an exercise dropped now and then
            r = rng.random()
            sessions.append(
                StrengthSession(
                    on,
                    make_sets(rng, done or template, base_kg, progress),
                    duration_min=rng.uniform(35, 75) if r < 0.6 else None,
                    srpe=rng.choice((5.0, 6.0, 7.0, 8.0)) if r < 0.3 else None,
                    planned_session_id=sid if rng.random() < 0.8 else None,  # else by date
                )
            )
    return sessions, planned


def history(seed: int, cat: Catalog) -> tuple[list[Run], list[StrengthSession], list[PlannedRef]]:
    rng = random.Random(seed)
    runs = make_runs(rng)
    sessions, planned = make_strength(rng, cat)
    return runs, sessions, planned


# --- the load series, in runlift and in pandas ---------------------------------------------------

Series = dict[str, list[float | None]]


def runlift_series(totals: Sequence[float]) -> Series:
    ff = fitness_fatigue(totals)
    mono = rolling_monotony_strain(totals)
    return {
        "ctl": list(ff.ctl),
        "atl": list(ff.atl),
        "tsb": list(ff.tsb),
        "acwr": acwr_ewma(totals),
        "monotony": [m for m, _ in mono],
        "strain": [s for _, s in mono],
    }


def pandas_series(pd: Any, totals: Sequence[float]) -> dict[str, Any]:
    """The same model in pandas, the way a pandas user would write it (vectorised, no loops)."""
    s = pd.Series(totals, dtype="float64")
    zero_first = pd.concat([pd.Series([0.0]), s], ignore_index=True)  # 0 the day before
    ctl_all = zero_first.ewm(alpha=1.0 - math.exp(-1.0 / CTL_TAU_D), adjust=False).mean()
    atl_all = zero_first.ewm(alpha=1.0 - math.exp(-1.0 / ATL_TAU_D), adjust=False).mean()
    ctl = ctl_all.iloc[1:].reset_index(drop=True)
    atl = atl_all.iloc[1:].reset_index(drop=True)
    tsb = (ctl_all - atl_all).iloc[:-1].reset_index(drop=True)  # yesterday's CTL − ATL

    def seeded(n: int) -> Any:
        # EWMA from day n on, its first value the mean of the first n days (acwr.py).
        x = s.iloc[n - 1 :].copy()
        x.iloc[0] = s.iloc[:n].mean()
        return x.ewm(alpha=2.0 / (n + 1), adjust=False).mean().reindex(s.index)

    acute, chronic = seeded(ACUTE_D), seeded(CHRONIC_D)
    acwr = (acute / chronic).where(chronic > 0)
    roll = s.rolling(WINDOW_D)
    # Undefined where the seven days are equal (SD 0): told by max = min, as runlift does, since
    # rolling std's running sums can leave a few 1e-9 behind (test_analytics_against_pandas.py).
    monotony = (roll.mean() / roll.std(ddof=0)).where(roll.max() != roll.min())
    strain = roll.sum() * monotony
    return {
        "ctl": ctl,
        "atl": atl,
        "tsb": tsb,
        "acwr": acwr,
        "monotony": monotony,
        "strain": strain,
    }


def assert_same(ours: Series, theirs: dict[str, Any]) -> int:
    """Every value equal to 1e-9 relative (TSB: to 1e-9 of yesterday's CTL and ATL it is the
    difference of, since a difference near 0 has no relative precision), None exactly where pandas
    has NaN. Returns how many values were compared."""
    sizes = [max(c or 0.0, a or 0.0) for c, a in zip(ours["ctl"], ours["atl"], strict=True)]
    yesterday = [0.0, *sizes[:-1]]
    compared = 0
    for name, values in ours.items():
        other = theirs[name].tolist()
        assert len(values) == len(other), name
        for i, (a, b) in enumerate(zip(values, other, strict=True)):
            if a is None:
                assert math.isnan(b), (name, i, a, b)
                continue
            assert not math.isnan(b), (name, i, a, b)
            floor = 1e-9 * yesterday[i] if name == "tsb" else 0.0
            assert math.isclose(a, b, rel_tol=1e-9, abs_tol=floor), (name, i, a, b)
            compared += 1
    return compared


# --- timing ------------------------------------------------------------------------------------


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm caches
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000.0)
    return out


def ms(values: Sequence[float]) -> str:
    return f"{statistics.median(values):.1f} ms (min {min(values):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--seed", type=int, default=20261128)
    args = parser.parse_args()
    cat = catalog()
    runs, sessions, planned = history(args.seed, cat)
    last = FIRST + dt.timedelta(days=DAYS - 1)
    n_sets = sum(1 for s in sessions for x in s.sets if not x.warmup)
    n_hist = sum(1 for r in runs if r.hr_histogram)
    n_srpe = sum(1 for r in runs if r.srpe is not None)
    print(
        f"history {FIRST}..{last} ({DAYS} days), seed {args.seed}: {len(runs)} runs "
        f"({n_srpe} with sRPE, {len(runs) - n_srpe - n_hist} average HR only, {n_hist} with a "
        f"HR histogram), {len(sessions)} strength sessions with {n_sets} working sets, "
        f"{len(planned)} planned"
    )

    def whole() -> object:
        return build_report(runs, sessions, cat, HEART, planned, FIRST, last)

    def last_year() -> object:
        return build_report(runs, sessions, cat, HEART, planned, last - dt.timedelta(364), last)

    report = build_report(runs, sessions, cat, HEART, planned, FIRST, last)
    print(
        f"report: {len(report.daily)} days, {len(report.weekly)} weeks, {len(report.flags)} "
        f"flags, {len(report.trends)} exercise trends, {len(report.asymmetry)} asymmetries"
    )
    full_ms = timed(whole, args.repeat)
    year_ms = timed(last_year, args.repeat)

    # The load series alone, from the daily totals build_report computes.
    heart, _ = heart_for(HEART, runs)
    totals = [
        d.total for d in daily_loads(session_loads(runs, sessions, heart, planned), FIRST, last)
    ]
    ours = runlift_series(totals)
    series_ms = timed(lambda: runlift_series(totals), args.repeat)
    rows = [
        ("build_report, 10 years into every metric", ms(full_ms), "< 100 ms"),
        ("build_report, last 365 days (model over all 10 years)", ms(year_ms), "—"),
        (f"load series alone, runlift ({len(totals)} days)", ms(series_ms), "—"),
    ]
    try:
        import pandas as pd
    except ImportError:
        pd = None
    if pd is not None:
        theirs = pandas_series(pd, totals)
        n = assert_same(ours, theirs)
        pandas_ms = timed(lambda: pandas_series(pd, totals), args.repeat)
        ratio = statistics.median(series_ms) / statistics.median(pandas_ms)
        rows.append((f"the same in pandas {pd.__version__} (vectorised)", ms(pandas_ms), "—"))
        rows.append(("runlift time ÷ pandas time (medians)", f"{ratio:.1f}×", "—"))
        print(f"runlift and pandas agree on all {n:,} values to 1e-9 relative")
    else:
        print("pandas is not installed: the comparison is left out")
    print(
        f"\nCPython {platform.python_version()}, {platform.machine()}, "
        f"median of {args.repeat} after one warm-up\n"
    )
    print("| measure | result | target |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
