"""One picture of running and lifting: every metric for a window of days, in one pass.

The load model runs over the whole history, not only the window, so the first day shown already
carries the fitness and fatigue of the months before it. Everything else is about the window.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from runlift.analytics import asymmetry, balance, flags, trends
from runlift.analytics.acwr import acwr_ewma
from runlift.analytics.load import daily_series, observed_max_hr, session_loads
from runlift.analytics.model import (
    DayMetrics,
    Flag,
    HeartProfile,
    PlannedRef,
    Report,
    SessionLoad,
)
from runlift.analytics.monotony import rolling_monotony_strain
from runlift.analytics.pmc import CTL_TAU_D, fitness_fatigue
from runlift.catalog import Catalog
from runlift.training.model import Run, StrengthSession

EASY_HR_FRACTION = 0.80  # [practice] at or below 80% HRmax counts as an easy run
GAP_WINDOW_D = 14


def heart_for(heart: HeartProfile, runs: Sequence[Run]) -> tuple[HeartProfile, list[str]]:
    """Fill an unknown maximum heart rate from the highest one recorded, and say so."""
    if heart.max_bpm is not None:
        return heart, []
    seen = observed_max_hr(runs)
    if seen is None:
        return heart, []
    note = (
        f"Maximum heart rate taken as the highest recorded, {seen:.0f} bpm; set "
        "[heart] max_bpm in the profile if a test gave a higher one."
    )
    return replace(heart, max_bpm=seen), [note]


def empty_day(on: dt.date) -> DayMetrics:
    """A day before any training was recorded."""
    return DayMetrics(on, 0.0, 0.0, False, 0.0, 0.0, 0.0, None, None, None)


def daily_metrics(loads: Sequence[SessionLoad], start: dt.date, end: dt.date) -> list[DayMetrics]:
    """Every day ``start``..``end`` with the load model run from ``start``."""
    run, strength, estimated = daily_series(loads, start, end)
    totals = list(map(operator.add, run, strength))
    ff = fitness_fatigue(totals)
    ratios = acwr_ewma(totals)
    mono = rolling_monotony_strain(totals)
    first = start.toordinal()
    return [
        DayMetrics(dt.date.fromordinal(first + i), r, s, e, ctl, atl, tsb, acwr, m, strain)
        for i, (r, s, e, ctl, atl, tsb, acwr, (m, strain)) in enumerate(
            zip(run, strength, estimated, ff.ctl, ff.atl, ff.tsb, ratios, mono, strict=True)
        )
    ]


def skipped_exercises(
    planned: Sequence[PlannedRef], sessions: Sequence[StrengthSession], start: dt.date, end: dt.date
) -> list[tuple[str, int]]:
    """Planned exercises not done, by how often: missed sessions count all their exercises."""
    done_by_id = {s.planned_session_id: s for s in sessions if s.planned_session_id}
    done_by_date = {s.on: s for s in sessions}
    missed: Counter[str] = Counter()
    for p in planned:
        if not start <= p.on <= end:
            continue
        done = done_by_id.get(p.session_id) or done_by_date.get(p.on)
        logged = {x.exercise_id for x in done.sets} if done else set()
        missed.update(e for e in p.exercise_ids if e not in logged)
    return sorted(missed.items(), key=lambda kv: (-kv[1], kv[0]))


def _notes(loads: Sequence[SessionLoad], history_days: int, heart_notes: list[str]) -> list[str]:
    notes = list(heart_notes)
    methods = Counter(x.method for x in loads if x.estimated)
    if methods:
        words = {
            "trimp-edwards": "from heart-rate zones (Edwards TRIMP)",
            "trimp-banister": "from average heart rate (Banister TRIMP)",
            "set-rpe": "from the sets' RPE",
            "planned-intensity": "from the planned intensity",
            "default": "from a default RPE (no heart rate or RPE)",
        }
        parts = [f"{n} {words[m]}" for m, n in sorted(methods.items())]
        notes.append(
            f"{sum(methods.values())} of {len(loads)} sessions had no session RPE; their load "
            f"was estimated: {'; '.join(parts)} [practice scaling]."
        )
    if history_days < 3 * CTL_TAU_D:
        notes.append(
            f"Only {history_days} days of history: CTL starts from 0 and needs about "
            f"{3 * CTL_TAU_D:.0f} days to reflect your fitness."
        )
    notes.append(
        "ACWR (7-day over 28-day EWMA) is a descriptive trend of how fast load is changing; "
        "it is not an injury probability (Lolli 2019, Impellizzeri 2020)."
    )
    return notes


def build_report(
    runs: Sequence[Run],
    sessions: Sequence[StrengthSession],
    catalog: Catalog,
    heart: HeartProfile,
    planned: Sequence[PlannedRef],
    start: dt.date,
    end: dt.date,
) -> Report:
    """The report for ``start``..``end`` inclusive (``end`` is normally today)."""
    heart, heart_notes = heart_for(heart, runs)
    loads = session_loads(runs, sessions, heart, planned)
    # The model starts on the first day of history, whatever the window, so every window
    # agrees on a day's values; window days before the history are empty.
    first = min((x.on for x in loads if x.on <= end), default=end + dt.timedelta(days=1))
    before = [empty_day(start + dt.timedelta(days=i)) for i in range((first - start).days)]
    days = before + [d for d in daily_metrics(loads, first, end) if d.on >= start]
    due = [p for p in planned if p.on <= end]
    weeks = balance.weekly_balance(
        sessions, runs, catalog, start, end, planned=[(p.on, p.session_id) for p in due]
    )
    asym = asymmetry.asymmetries(sessions, catalog, start, end)
    gaps = balance.coverage_gaps(sessions, catalog, end, GAP_WINDOW_D) if sessions else []
    found: list[Flag] = [
        *flags.load_flags(days, weeks, end),
        *flags.balance_flags(weeks, end),
        *flags.asymmetry_flags(asym, end),
        *flags.coverage_flags(gaps, end),
    ]
    easy = None if heart.max_bpm is None else heart.max_bpm * EASY_HR_FRACTION
    return Report(
        start=start,
        end=end,
        daily=tuple(days),
        weekly=tuple(weeks),
        asymmetry=tuple(asym),
        flags=tuple(sorted(found, key=lambda f: (f.on, f.kind, f.id))),
        trends=tuple(trends.exercise_trends(sessions, catalog, start, end)),
        running=tuple(trends.run_weeks(runs, start, end, easy)),
        coverage_gaps=tuple(gaps),
        notes=tuple(
            _notes([x for x in loads if x.on <= end], max(0, (end - first).days + 1), heart_notes)
        ),
        skipped=tuple(skipped_exercises(due, sessions, start, end)),
        sessions=tuple(x for x in loads if start <= x.on <= end),
    )
