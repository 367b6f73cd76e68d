"""Weekly muscle balance and the must-haves not trained lately (``docs/science.md``, Balance).

Counts hard sets, the unit the balance rules and the runner volume cap are written in: a working
(non-warm-up) set is one set for each primary muscle of its exercise and half a set for each
secondary one, the usual convention for attributing indirect volume (Schoenfeld 2017 counts
sets per muscle). The planner and its audit count the same patterns (``catalog.vocab``), so a
plan followed as written shows the balance the plan promised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from runlift.analytics.model import WeekBalance
from runlift.catalog.model import Catalog, Exercise
from runlift.catalog.vocab import HIP_DOMINANT, KNEE_DOMINANT, MUSCLES, PULL, PUSH
from runlift.planning import coverage
from runlift.training.adherence import week_start, weekly_adherence
from runlift.training.model import LoggedSet, Run, StrengthSession

# science.md, Balance: "Aim for at least 1:1 pull to push sets per week **[practice]**."
PULL_PUSH_MIN = 1.0
# science.md, Balance: "Knee-dominant and hip-dominant lower-body sets should be roughly
# balanced (0.5–2.0) **[practice]**."
KNEE_HIP_RANGE = (0.5, 2.0)
COVERAGE_DAYS = 14
# science.md, Balance, "Every week should cover: … Upper-back pulling." The planner's must-haves
# (planning.coverage) leave it out because the pull:push rule already forces pulling into a plan;
# a log has no such guarantee, so the analytics check it too.
UPPER_BACK_PULLING = "upper-back pulling"
RUNNING_SPORT = "running"
ONE_SIDE = 0.5
SECONDARY = 0.5

__all__ = [
    "COVERAGE_DAYS",
    "KNEE_HIP_RANGE",
    "PULL_PUSH_MIN",
    "UPPER_BACK_PULLING",
    "coverage_gaps",
    "knee_hip_ratio",
    "push_pull_ratio",
    "set_weight",
    "week_balance",
    "weekly_balance",
]


def set_weight(s: LoggedSet) -> float:
    """How many hard sets one logged set is: 0 for a warm-up, ½ for one side of a unilateral
    exercise (a left and a right set together are one set, as the plan counts them), else 1."""
    if s.warmup:
        return 0.0
    return ONE_SIDE if s.side in ("left", "right") else 1.0


@dataclass
class _Week:
    """A week being summed up (mutable scratch, turned into a WeekBalance at the end)."""

    muscles: dict[str, float]
    run_m: float = 0.0
    push: float = 0.0
    pull: float = 0.0
    knee: float = 0.0
    hip: float = 0.0
    sessions: int = 0
    unmapped: int = 0


# What one hard set of an exercise adds: (muscle, share) pairs, then the pattern group it counts
# in (an attribute of _Week, or "" for none).
_Counts = tuple[tuple[tuple[str, float], ...], str]


def _counts(ex: Exercise) -> _Counts:
    muscles = tuple((m, 1.0) for m in ex.primary_muscles)
    muscles += tuple((m, SECONDARY) for m in ex.secondary_muscles)
    for group, patterns in (("push", PUSH), ("pull", PULL), ("knee", KNEE_DOMINANT)):
        if ex.pattern in patterns:
            return muscles, group
    return muscles, "hip" if ex.pattern in HIP_DOMINANT else ""


def _add(week: _Week, counts: _Counts, weight: float) -> None:
    """Add ``weight`` hard sets of one exercise to the week's muscles and pattern groups."""
    muscles = week.muscles
    for muscle, share in counts[0]:
        muscles[muscle] += share * weight
    group = counts[1]
    if group == "push":
        week.push += weight
    elif group == "pull":
        week.pull += weight
    elif group == "knee":
        week.knee += weight
    elif group == "hip":
        week.hip += weight


def _add_sessions(
    weeks: dict[dt.date, _Week], sessions: Iterable[StrengthSession], catalog: Catalog
) -> None:
    """Sum each week's hard sets by exercise first, then spread each sum over its muscles once:
    ten years of history are tens of thousands of sets but only thousands of week-exercise pairs.
    """
    by_week: dict[dt.date, dict[str, float]] = {}
    known = {ex.id for ex in catalog}
    for session in sessions:
        monday = week_start(session.on)
        week = weeks[monday]
        week.sessions += 1
        sums = by_week.setdefault(monday, {})
        for s in session.sets:
            if s.warmup:
                continue
            if s.exercise_id not in known:
                week.unmapped += 1  # logged rows, not side-halved: the field is a count of rows
                continue
            # set_weight, inlined: this loop sees every set of the history.
            weight = ONE_SIDE if s.side != "both" else 1.0
            sums[s.exercise_id] = sums.get(s.exercise_id, 0.0) + weight
    counts: dict[str, _Counts] = {}
    for monday, sums in by_week.items():
        for exercise_id, weight in sums.items():
            if exercise_id not in counts:
                counts[exercise_id] = _counts(catalog.get(exercise_id))
            _add(weeks[monday], counts[exercise_id], weight)


def _utc_date(at: dt.datetime) -> dt.date:
    """The UTC calendar date of ``at``; a naive time is taken as UTC, as runs are stored."""
    if at.tzinfo is None or at.tzinfo is dt.UTC:
        return at.date()  # as runs are stored: no conversion to pay for
    return at.astimezone(dt.UTC).date()


def weekly_balance(
    sessions: Iterable[StrengthSession],
    runs: Iterable[Run],
    catalog: Catalog,
    start: dt.date,
    end: dt.date,
    planned: Iterable[tuple[dt.date, str]] = (),
) -> list[WeekBalance]:
    """One :class:`WeekBalance` per Monday-start week overlapping ``start``..``end``, oldest first.

    Only sessions and runs dated inside ``start``..``end`` (inclusive) are summed, so the first
    and last week may be partial. A run's date is its UTC start date. Running distance counts
    ``sport == "running"`` only: every importer maps road, trail, treadmill, track and virtual
    runs to that sport (the kind is in ``sub_sport``), while walks, hikes and rides carry other
    sports and must not inflate the week-on-week running check (Nielsen 2014).

    Adherence comes from :func:`runlift.training.adherence.weekly_adherence` over the planned
    sessions dated in the window, matched against every session given: a planned session done
    late, even after ``end``, is done (that function's rule), not missed.
    """
    if end < start:
        return []
    all_sessions = list(sessions)
    in_window = [s for s in all_sessions if start <= s.on <= end]
    plan = [(on, sid) for on, sid in planned if start <= on <= end]
    weeks: dict[dt.date, _Week] = {}
    monday = week_start(start)
    while monday <= end:
        weeks[monday] = _Week(muscles=dict.fromkeys(MUSCLES, 0.0))
        monday += dt.timedelta(days=7)
    _add_sessions(weeks, in_window, catalog)
    for run in runs:
        on = _utc_date(run.start_at)
        if start <= on <= end and run.sport == RUNNING_SPORT:
            weeks[week_start(on)].run_m += run.distance_m
    adherence = {w.week_start: w for w in weekly_adherence(plan, all_sessions)}
    out: list[WeekBalance] = []
    for monday, w in weeks.items():
        adh = adherence.get(monday)
        out.append(
            WeekBalance(
                week_start=monday,
                run_distance_m=w.run_m,
                muscle_sets=w.muscles,
                push_sets=w.push,
                pull_sets=w.pull,
                knee_dominant_sets=w.knee,
                hip_dominant_sets=w.hip,
                adherence=adh.ratio if adh is not None else None,
                strength_sessions=w.sessions,
                missed=adh.missed if adh is not None else (),
                unmapped_sets=w.unmapped,
            )
        )
    return out


week_balance = weekly_balance  # the same function under the name the first brief used


def push_pull_ratio(week: WeekBalance) -> float | None:
    """Pull sets ÷ push sets; None without push sets. Compare with :data:`PULL_PUSH_MIN`
    (≥ 1.0, **[practice]**, science.md Balance: "at least 1:1 pull to push sets per week")."""
    return None if week.push_sets == 0 else week.pull_sets / week.push_sets


def knee_hip_ratio(week: WeekBalance) -> float | None:
    """Knee-dominant ÷ hip-dominant sets; None without hip-dominant sets. Compare with
    :data:`KNEE_HIP_RANGE` (0.5–2.0, **[practice]**, science.md Balance: "Knee-dominant and
    hip-dominant lower-body sets should be roughly balanced (0.5–2.0)")."""
    return None if week.hip_dominant_sets == 0 else week.knee_dominant_sets / week.hip_dominant_sets


def coverage_gaps(
    sessions: Iterable[StrengthSession],
    catalog: Catalog,
    today: dt.date,
    days: int = COVERAGE_DAYS,
) -> list[str]:
    """The must-haves, in words, with no working set in the ``days`` days ending ``today``.

    The must-haves are the planner's (:data:`runlift.planning.coverage.MUST_HAVES`, through the
    same :func:`~runlift.planning.coverage.tags`, so log and plan agree on what counts), then
    :data:`UPPER_BACK_PULLING` (any pull pattern). Science.md asks for them every week; the
    default of 14 days leaves one week's slack before a gap is reported. Sets of exercises the
    catalog does not know cover nothing.
    """
    first = today - dt.timedelta(days=days - 1)
    covered: list[frozenset[str]] = []
    pulled = False
    for session in sessions:
        if not first <= session.on <= today:
            continue
        for s in session.sets:
            if s.warmup or s.exercise_id not in catalog:
                continue
            ex = catalog.get(s.exercise_id)
            covered.append(coverage.tags(ex.pattern, ex.primary_muscles, ex.unilateral))
            pulled = pulled or ex.pattern in PULL
    gaps = coverage.missing(covered)
    return gaps if pulled else [*gaps, UPPER_BACK_PULLING]
