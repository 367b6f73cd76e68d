"""Progress over a report window: e1RM per exercise, personal records, and weeks of running.

Strength gains are why a runner lifts (running economy +2–8%, Blagrove et al. 2018, *Sports Med*
48:1117), so the report shows whether the lifts are still moving: an estimated 1RM per session day
(:func:`runlift.training.e1rm.e1rm_of_set`: the RTS chart with an RPE, else the mean of Epley and
Brzycki, Reynolds 2006, *JSCR* 20:584), the records set, and a least-squares slope per week.

Running is summarised by week (Monday start, as the report's weeks, ``docs/contracts.md`` §5), with
metres per heartbeat on easy runs as a rough economy trend. Pure: no I/O and no clock; a run's day
is its UTC start date, as in :mod:`runlift.analytics.load`.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from runlift.analytics.model import E1rmPoint, ExerciseTrend, RunWeek
from runlift.catalog import Catalog
from runlift.training import (
    ExerciseSession,
    LoggedSet,
    Run,
    StrengthSession,
    e1rm_of_set,
    week_start,
)

WEEK = dt.timedelta(days=7)
EPS = 1e-9  # a record must beat the old one by more than float noise
RUNNING = "running"
KINDS = ("e1rm", "load", "reps", "hold")  # the order records of one day and exercise are listed in
UNITS = {"e1rm": "kg", "load": "kg", "reps": "reps", "hold": "s"}


@dataclass(frozen=True)
class Record:
    """A personal record: a value that beat everything logged before it, in the full history.

    ``what`` is ``e1rm`` (estimated 1RM [kg]), ``load`` (heaviest load [kg]), ``reps`` (most reps
    in a set at ``at_load_kg`` or heavier; ``at_load_kg`` None is bodyweight) or ``hold`` (longest
    hold [s]).
    """

    on: dt.date
    exercise_id: str
    what: str  # e1rm | load | reps | hold
    value: float
    unit: str  # kg | reps | s
    at_load_kg: float | None = None  # reps records only: the load the reps were done at


_ORDER = operator.attrgetter("order")


def _by_exercise(sessions: Sequence[StrengthSession]) -> dict[str, list[ExerciseSession]]:
    """Each exercise's working sets (no warm-ups) per session, oldest first, by exercise id:
    what :func:`runlift.training.exercise_sessions` gives for each, in one pass over the sets."""
    found: dict[str, list[ExerciseSession]] = {}
    for session in sessions:
        per: dict[str, list[LoggedSet]] = {}
        for s in session.sets:
            if not s.warmup:
                per.setdefault(s.exercise_id, []).append(s)
        for ex_id, sets in per.items():
            done = ExerciseSession(session.on, tuple(sorted(sets, key=_ORDER)))
            found.setdefault(ex_id, []).append(done)
    return {ex_id: sorted(found[ex_id], key=lambda e: e.on) for ex_id in sorted(found)}


@dataclass
class _Acc:
    """One exercise being summed up over the window (mutable scratch)."""

    e1rm: dict[dt.date, float]
    hold_s: float | None = None
    contacts: int = 0
    sessions: int = 0
    name: str | None = None  # the first source name seen, for exercises the catalog lacks


def _name(exercise_id: str, acc: _Acc, catalog: Catalog) -> str:
    """The catalog's name; for an imported custom exercise, the name its app used, else the id."""
    if exercise_id in catalog:
        return catalog.get(exercise_id).name
    return acc.name or exercise_id


def exercise_trends(
    sessions: Iterable[StrengthSession], catalog: Catalog, start: dt.date, end: dt.date
) -> list[ExerciseTrend]:
    """Each exercise with working sets in ``start``..``end`` (inclusive): its e1RM per session day,
    best e1RM and the first day it was reached, longest hold, foot contacts, sessions and the %
    change of e1RM from the first point to the last (None with fewer than two points).

    ``sessions`` counts logged sessions (two on one day count twice; e1RM points are per day, the
    day's best). Exercises with e1RM points come first, then the rest; each group by sessions,
    most first, then by id. One pass over the sets: ten years hold tens of thousands, and the
    e1RM of a (reps, load, RPE) is worked out once.
    """
    accs: dict[str, _Acc] = {}
    known: dict[tuple[int, float, float | None], float | None] = {}
    for session in sessions:
        if not start <= session.on <= end:
            continue
        on = session.on
        seen: set[str] = set()
        for s in session.sets:
            if s.warmup:
                continue
            acc = accs.get(s.exercise_id)
            if acc is None:
                acc = accs[s.exercise_id] = _Acc({})
            if s.exercise_id not in seen:
                seen.add(s.exercise_id)
                acc.sessions += 1
            if acc.name is None and s.source_name:
                acc.name = s.source_name
            if s.contacts:
                acc.contacts += s.contacts
            if s.duration_s is not None and (acc.hold_s is None or s.duration_s > acc.hold_s):
                acc.hold_s = s.duration_s
            if s.reps is None or not s.load_kg:
                continue  # a hold, contacts or bodyweight: no e1RM (e1rm_of_set gives None)
            key = (s.reps, s.load_kg, s.rpe)
            value = known[key] if key in known else known.setdefault(key, e1rm_of_set(s))
            if value is not None and value > acc.e1rm.get(on, -math.inf):
                acc.e1rm[on] = value
    trends: list[ExerciseTrend] = []
    for ex_id, acc in accs.items():
        points = tuple(E1rmPoint(on, value) for on, value in sorted(acc.e1rm.items()))
        best = max((p.e1rm_kg for p in points), default=None)
        change = None
        if len(points) >= 2:
            change = (points[-1].e1rm_kg - points[0].e1rm_kg) / points[0].e1rm_kg * 100.0
        trends.append(
            ExerciseTrend(
                exercise_id=ex_id,
                name=_name(ex_id, acc, catalog),
                e1rm=points,
                best_e1rm_kg=best,
                best_e1rm_on=min((p.on for p in points if p.e1rm_kg == best), default=None),
                longest_hold_s=acc.hold_s,
                contacts=acc.contacts,
                sessions=acc.sessions,
                change_pct=change,
            )
        )
    trends.sort(key=lambda t: (not t.e1rm, -t.sessions, t.exercise_id))
    return trends


def _day_bests(sets: Iterable[LoggedSet]) -> dict[str, float]:
    """A day's best e1RM, heaviest load and longest hold (only the kinds the day has)."""
    found: dict[str, list[float]] = {"e1rm": [], "load": [], "hold": []}
    for s in sets:
        if (value := e1rm_of_set(s)) is not None:
            found["e1rm"].append(value)
        if s.load_kg is not None and s.load_kg > 0:
            found["load"].append(s.load_kg)
        if s.duration_s is not None and s.duration_s > 0:
            found["hold"].append(s.duration_s)
    return {what: max(values) for what, values in found.items() if values}


def _day_reps(sets: Iterable[LoggedSet]) -> list[tuple[float, int]]:
    """A day's (load [kg], most reps) pairs that no heavier-or-equal set of the day matched.

    Bodyweight is load 0. A pair beaten by a heavier set with as many reps cannot be a record
    unless that set is one too, so only the better one is reported.
    """
    most: dict[float, int] = {}
    for s in sets:
        if s.reps is not None and s.reps > 0:
            load = s.load_kg or 0.0
            most[load] = max(most.get(load, 0), s.reps)
    return [
        (load, reps)
        for load, reps in most.items()
        if not any(other > load and r >= reps for other, r in most.items())
    ]


def prs(sessions: Iterable[StrengthSession], start: dt.date, end: dt.date) -> list[Record]:
    """The personal records set in ``start``..``end`` (inclusive), by date, exercise and kind.

    A record is a day's best that beats every earlier day of the whole history, before ``start``
    included: an e1RM, the heaviest load, the longest hold, or the most reps at a load (compared
    with every earlier set at that load or heavier, the usual "rep PR"). Matching the old best is
    not a record, so a value is a record the first time only. The first value ever logged of a kind
    is a baseline, not a record: with nothing earlier to beat, every new exercise would set four.
    """
    history = [s for s in sessions if s.on <= end]
    out: list[Record] = []
    for ex_id, done in _by_exercise(history).items():
        days: dict[dt.date, list[LoggedSet]] = {}
        for d in done:
            days.setdefault(d.on, []).extend(d.sets)
        bests: dict[str, float] = {}
        reps_by_load: dict[float, int] = {}
        for on in sorted(days):
            counts = start <= on
            for what, value in _day_bests(days[on]).items():
                bar = bests.get(what)
                if counts and bar is not None and value > bar + EPS:
                    out.append(Record(on, ex_id, what, value, UNITS[what]))
                bests[what] = value if bar is None else max(bar, value)
            today = _day_reps(days[on])
            for load, reps in today:
                bar_reps = max((r for x, r in reps_by_load.items() if x >= load), default=None)
                if counts and bar_reps is not None and reps > bar_reps:
                    out.append(Record(on, ex_id, "reps", reps, "reps", load if load else None))
            for load, reps in today:
                reps_by_load[load] = max(reps_by_load.get(load, 0), reps)
    out.sort(key=lambda r: (r.on, r.exercise_id, KINDS.index(r.what), r.at_load_kg or 0.0))
    return out


def _easy(run: Run, easy_max_hr_bpm: float | None) -> tuple[float, float, float] | None:
    """(distance [m], timer [s], beats) of an easy run, or None when it is not one or can't tell."""
    hr = run.avg_hr_bpm
    if hr is None or hr <= 0 or run.timer_s <= 0 or run.distance_m <= 0:
        return None
    if easy_max_hr_bpm is not None and hr > easy_max_hr_bpm:
        return None
    return run.distance_m, run.timer_s, hr * run.timer_s / 60.0


def _run_week(monday: dt.date, runs: Sequence[Run], easy_max_hr_bpm: float | None) -> RunWeek:
    distance = math.fsum(r.distance_m for r in runs)
    easy = [e for r in runs if (e := _easy(r, easy_max_hr_bpm)) is not None]
    if not easy:
        return RunWeek(monday, distance, len(runs))
    metres = math.fsum(m for m, _, _ in easy)
    seconds = math.fsum(t for _, t, _ in easy)
    beats = math.fsum(b for _, _, b in easy)
    return RunWeek(
        week_start=monday,
        distance_m=distance,
        runs=len(runs),
        easy_pace_s_per_km=seconds / (metres / 1000.0),
        easy_hr_bpm=beats * 60.0 / seconds,  # Σ(HR·t) / Σt: the mean HR weighted by time
        m_per_beat=metres / beats,
    )


def run_weeks(
    runs: Iterable[Run], start: dt.date, end: dt.date, easy_max_hr_bpm: float | None
) -> list[RunWeek]:
    """One :class:`RunWeek` per Monday-start week that overlaps ``start``..``end``, oldest first.

    Weeks without runs are included (distance 0, runs 0). Only runs dated inside the window count,
    so the first and last weeks may be partial. Distance and ``runs`` count ``sport == "running"``
    only: every importer maps onto that name (FIT's sport enum 1, GPX ``<type>`` and TCX
    ``Sport=`` through ``formats.xml_reading.sport_from_name``, Strava's Run / Trail Run / Virtual
    Run / Treadmill), with trail, track, treadmill and virtual runs told apart in ``sub_sport``;
    a typed-in run defaults to ``"running"``. Cycling, walking, hiking and the rest are left out.

    Easy runs are running runs with an average HR, time and distance, whose HR is at most
    ``easy_max_hr_bpm``; when that is None every run with HR counts as easy (no ceiling is known,
    so hard runs may lower the numbers). On them: pace = Σ timer ÷ Σ km [s/km], HR weighted by
    time, and metres per beat = Σ distance ÷ Σ beats, beats = HR × timer ÷ 60.

    Speed per heartbeat (the "efficiency factor": output ÷ HR, Allen & Coggan, *Training and Racing
    with a Power Meter*; as pace ÷ HR in TrainingPeaks, Friel) is only a proxy for running economy,
    which is the oxygen cost of a given speed [practice]. Heat and dehydration raise HR at the same
    pace (cardiovascular drift, Coyle & González-Alonso 2001, *Exerc Sport Sci Rev* 29:88), and
    hills, surface, fatigue, caffeine and sensor error move it too: read it as a slow trend over
    weeks of comparable easy runs, never one week against the next.
    """
    by_week: dict[dt.date, list[Run]] = {}
    for run in runs:
        on = run.start_at.date()
        if run.sport == RUNNING and start <= on <= end:
            by_week.setdefault(week_start(on), []).append(run)
    weeks: list[RunWeek] = []
    monday = week_start(start)
    while monday <= end:
        weeks.append(_run_week(monday, by_week.get(monday, []), easy_max_hr_bpm))
        monday += WEEK
    return weeks


def trend_slope(points: Sequence[tuple[dt.date, float]]) -> float | None:
    """Ordinary least-squares slope of ``points`` in value units per week (7 days).

    None with fewer than two distinct dates, where a slope is undefined. A slope says which way
    and how fast over the window; it assumes a straight line, which strength gains are not for long.
    """
    if len({on for on, _ in points}) < 2:
        return None
    origin = min(on for on, _ in points)
    days = [float((on - origin).days) for on, _ in points]
    values = [float(v) for _, v in points]
    return statistics.linear_regression(days, values).slope * 7.0
