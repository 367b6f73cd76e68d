"""Left/right balance of unilateral exercises: the limb symmetry index, judged against noise.

Science.md (Balance): "a limb symmetry index below 90% (a deficit >10%) is the usual flag,
answered with more unilateral work. Thresholds are contested, so compare against the test's own
noise (Bishop 2020)." The "test" here is the athlete's own logged sets, so the noise is their
set-to-set variation: a 12% gap between sides means little when sets on one side already vary
by 25%.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

from runlift.analytics.model import Asymmetry
from runlift.catalog.model import Catalog
from runlift.training.model import LoggedSet, StrengthSession

# science.md, Balance: "a limb symmetry index below 90% (a deficit >10%) is the usual flag".
LSI_FLAG = 0.90
# Bishop 2020 asks for the test's variability; below these counts a CV is too unsteady to use.
NOISE_MIN_SESSIONS = 3
# The noise is today's: the set-to-set variation of the latest sessions, not of years ago.
NOISE_RECENT_SESSIONS = 12
NOISE_MIN_SETS = 2
SIDES = ("left", "right")

__all__ = ["LSI_FLAG", "NOISE_MIN_SESSIONS", "NOISE_MIN_SETS", "asymmetries", "set_value"]

# For each measure, the logged dose it reads.
_KIND = {"volume-load": "reps", "reps": "reps", "hold": "duration", "contacts": "contacts"}


def set_value(s: LoggedSet, measure: str) -> float | None:
    """One set's performance in ``measure`` (volume-load, reps, hold, contacts), or None when the
    set does not carry it. Volume-load = reps × load_kg and needs a load above 0."""
    value: float | None
    if measure == "volume-load":
        reps, load = s.reps, s.load_kg
        value = reps * load if reps is not None and load is not None and load > 0 else None
    elif measure == "reps":
        value = s.reps
    elif measure == "hold":
        value = s.duration_s
    elif measure == "contacts":
        value = s.contacts
    else:
        raise ValueError(f"unknown measure {measure!r}")
    if value is None or not math.isfinite(value) or value < 0:
        return None
    return float(value)


def _volume_load(s: LoggedSet) -> float | None:
    reps, load = s.reps, s.load_kg
    if reps is None or load is None or not load > 0 or reps < 0 or not math.isfinite(load):
        return None
    return float(reps * load)


def _plain(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) or value < 0 else float(value)


# set_value, one function per measure: the report reads every one-sided set of the history.
_VALUE: dict[str, Callable[[LoggedSet], float | None]] = {
    "volume-load": _volume_load,
    "reps": lambda s: _plain(s.reps),
    "hold": lambda s: _plain(s.duration_s),
    "contacts": lambda s: _plain(s.contacts),
}


def _dose_kind(s: LoggedSet) -> str | None:
    if s.reps is not None:
        return "reps"
    if s.duration_s is not None:
        return "duration"
    return "contacts" if s.contacts is not None else None


def _measure(exercise_id: str, sets: Iterable[LoggedSet], catalog: Catalog) -> str | None:
    """What to compare: the catalog's dose for the exercise (the logged dose most used when the
    catalog does not know it); for reps, volume-load when every such set carries a load, since
    reps alone miss a side lifted lighter."""
    if exercise_id in catalog:
        kind: str | None = catalog.get(exercise_id).dose
    else:
        sets = list(sets)
        counts = Counter(k for k in map(_dose_kind, sets) if k is not None)
        kind = counts.most_common(1)[0][0] if counts else None
    if kind == "reps":
        any_reps = False
        for s in sets:
            if s.reps is not None:
                any_reps = True
                if _volume_load(s) is None:
                    return "reps"
        return "volume-load" if any_reps else "reps"
    return {"duration": "hold", "contacts": "contacts"}.get(kind or "")


def _stdev(values: Sequence[float]) -> float:
    """Sample SD (n − 1) of two or more values: two float passes with correctly rounded sums,
    within a few ulps of ``statistics.stdev`` at a tenth of its cost (its exact fractions were
    most of a 10-year report's asymmetry time); exact where floats could mislead (an SD below a
    millionth of the mean, or squares outside the normal float range)."""
    if min(values) == max(values):
        return 0.0
    mean = math.fsum(values) / len(values)
    var = math.fsum([(x - mean) * (x - mean) for x in values]) / (len(values) - 1)
    sd = math.sqrt(var)
    if not 1e-250 < var < 1e250 or abs(mean) > 1e6 * sd:
        return statistics.stdev(values)
    return sd


def _pooled_cv(groups: Iterable[Sequence[float]]) -> float | None:
    """Pooled coefficient of variation: √(Σ(n−1)·CV² ÷ Σ(n−1)) over groups of ≥2 values, so each
    group (one side in one session) weighs by its degrees of freedom and load or fatigue
    differences between sessions do not count as noise."""
    num = den = 0.0
    for values in groups:
        if len(values) < NOISE_MIN_SETS or (mean := statistics.fmean(values)) <= 0:
            continue
        cv = _stdev(values) / mean
        num += (len(values) - 1) * cv * cv
        den += len(values) - 1
    return math.sqrt(num / den) if den else None


def _one(
    exercise_id: str, by_session: Sequence[dict[str, list[LoggedSet]]], catalog: Catalog
) -> Asymmetry | None:
    measure = _measure(
        exercise_id, (s for sides in by_session for side in SIDES for s in sides[side]), catalog
    )
    if measure is None:
        return None
    value_of = _VALUE[measure]
    both: list[dict[str, list[float]]] = []
    for sides in by_session:
        left = [v for v in map(value_of, sides["left"]) if v is not None]
        right = [v for v in map(value_of, sides["right"]) if v is not None]
        if left and right:
            both.append({"left": left, "right": right})
    if not both:
        return None
    # Each session's side scores its mean set, so a set skipped on one side is not a deficit.
    total = {side: sum(sum(v[side]) / len(v[side]) for v in both) for side in SIDES}
    stronger = max(total.values())
    if stronger <= 0:
        return None
    lsi = min(total.values()) / stronger
    weaker = "right" if total["right"] < total["left"] else "left"  # a tie names left
    recent = both[-NOISE_RECENT_SESSIONS:]
    steady = sum(all(len(v[side]) >= NOISE_MIN_SETS for side in SIDES) for v in recent)
    noise = (
        _pooled_cv(v[side] for v in recent for side in SIDES)
        if steady >= NOISE_MIN_SESSIONS
        else None
    )
    flag = lsi < LSI_FLAG and (noise is None or 1.0 - lsi > noise)
    return Asymmetry(
        exercise_id=exercise_id,
        lsi=lsi,
        weaker_side=weaker,
        sessions=len(both),
        noise=noise,
        flag=flag,
        measure=measure,
    )


def asymmetries(
    sessions: Iterable[StrengthSession],
    catalog: Catalog,
    start: dt.date,
    end: dt.date,
) -> list[Asymmetry]:
    """Each exercise with left and right working sets logged in one session within
    ``start``..``end``, flagged ones first, then weakest LSI first.

    LSI = Σ weaker side ÷ Σ stronger side over the sessions with both sides, each session's side
    scored by its mean set. ``noise`` is the pooled set-to-set CV within side and session over
    the latest :data:`NOISE_RECENT_SESSIONS` sessions, known once at least
    :data:`NOISE_MIN_SESSIONS` of them had :data:`NOISE_MIN_SETS` sets a side.
    ``flag``: LSI below :data:`LSI_FLAG` and the deficit (1 − LSI) larger than that noise, or the
    noise unknown (Bishop 2020). Exercises the catalog does not know are compared too, by their
    logged dose: the sides were logged, so the data is there.
    """
    per_exercise: dict[str, list[dict[str, list[LoggedSet]]]] = defaultdict(list)
    for session in sessions:
        if not start <= session.on <= end:
            continue
        grouped: dict[str, dict[str, list[LoggedSet]]] = {}
        for s in session.sets:
            if s.warmup or s.side not in SIDES:
                continue
            sides = grouped.get(s.exercise_id)
            if sides is None:
                sides = grouped[s.exercise_id] = {"left": [], "right": []}
            sides[s.side].append(s)
        for exercise_id, sides in grouped.items():
            per_exercise[exercise_id].append(sides)
    found = (_one(eid, by_session, catalog) for eid, by_session in per_exercise.items())
    out = [a for a in found if a is not None]
    return sorted(out, key=lambda a: (not a.flag, a.lsi, a.exercise_id))
