"""Session load in one currency for running and lifting: session-RPE × minutes [AU].

Foster's session RPE (Foster 2001, *JSCR* 15:109) works for any kind of training, so a run and a
squat session add up. When the athlete gave no RPE, it is estimated and the value says so:

- a run with heart-rate samples: Edwards' summated-zone TRIMP (Edwards 1993);
- a run with only an average heart rate: Banister's TRIMP (Banister 1991; Morton 1990 weights);
- a strength session: the mean RPE of its rated sets, else the planned intensity;
- anything else: a moderate default.

Turning a TRIMP into CR-10 is a scaling, not a law **[practice]**: Edwards' zone weights run 1–5
and CR-10 runs 0–10, so the mean zone weight counts double; Banister's weighted HR reserve is
scaled so that a session at maximal heart rate rates 10. Foster 2001 found session RPE and
Edwards' score to agree closely (r ≈ 0.75–0.90), which is why the estimate is usable at all.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from runlift.analytics.model import HeartProfile, PlannedRef, SessionLoad
from runlift.training.model import Run, StrengthSession

# Banister's weighting y = a·e^(b·HRr), by sex (Morton, Fitz-Clarke & Banister 1990).
BANISTER_WEIGHTS: Mapping[str, tuple[float, float]] = {
    "male": (0.64, 1.92),
    "female": (0.86, 1.67),
}
# Edwards' zones: (lowest %HRmax, weight); time below 50% HRmax counts nothing.
EDWARDS_ZONES: tuple[tuple[float, int], ...] = (
    (0.90, 5),
    (0.80, 4),
    (0.70, 3),
    (0.60, 2),
    (0.50, 1),
)
# [practice] defaults when nothing better is known.
DEFAULT_REST_HR_BPM = 60.0
STRENGTH_RPE_BY_INTENSITY: Mapping[str, float] = {"light": 4.0, "moderate": 6.0, "heavy": 8.0}
DEFAULT_RUN_RPE = 4.0  # "somewhat hard" to "moderate": most running is easy running
DEFAULT_STRENGTH_RPE = 5.0
MINUTES_PER_SET = 2.5  # a working set with its rest, when a session's length was not logged


def hr_reserve_fraction(hr_bpm: float, rest_bpm: float, max_bpm: float) -> float:
    """HRr = (HR − HRrest) ÷ (HRmax − HRrest), clamped to 0–1 (Karvonen)."""
    if max_bpm <= rest_bpm:
        raise ValueError(f"max heart rate {max_bpm} must be above rest {rest_bpm}")
    return min(1.0, max(0.0, (hr_bpm - rest_bpm) / (max_bpm - rest_bpm)))


def _banister_weight(hrr: float, sex: str) -> float:
    if sex in BANISTER_WEIGHTS:
        a, b = BANISTER_WEIGHTS[sex]
        return hrr * a * math.exp(b * hrr)
    # Unspecified: the mean of the two published curves [practice].
    return sum(_banister_weight(hrr, s) for s in BANISTER_WEIGHTS) / len(BANISTER_WEIGHTS)


def trimp_banister(
    minutes: float, avg_hr_bpm: float, rest_bpm: float, max_bpm: float, sex: str
) -> float:
    """Banister TRIMP [AU] = minutes × HRr × a·e^(b·HRr).

    a, b = 0.64, 1.92 for men and 0.86, 1.67 for women (Banister 1991; Morton et al. 1990).
    """
    return minutes * _banister_weight(hr_reserve_fraction(avg_hr_bpm, rest_bpm, max_bpm), sex)


def trimp_edwards(hr_histogram: Mapping[int, float], max_bpm: float) -> float:
    """Edwards TRIMP [AU] = Σ minutes in each %HRmax zone × its weight 1–5 (Edwards 1993).

    ``hr_histogram`` maps a heart rate [bpm] to the seconds spent at it.
    """
    if not hr_histogram:
        return 0.0
    weights = _zone_weights(max_bpm)
    if min(hr_histogram) >= 0 and max(hr_histogram) < len(weights):
        # Looked up and multiplied in C: a report weighs thousands of these.
        zones = map(weights.__getitem__, hr_histogram)
        weighted_s: float = sum(map(operator.mul, zones, hr_histogram.values()))
        return weighted_s / 60.0
    return sum(_zone_weight(bpm / max_bpm) * s for bpm, s in hr_histogram.items()) / 60.0


def _zone_weight(fraction: float) -> int:
    """Edwards' weight for a fraction of HRmax: 1–5, or 0 below 50%."""
    for low, weight in EDWARDS_ZONES:
        if fraction >= low:
            return weight
    return 0


@functools.lru_cache(maxsize=8)
def _zone_weights(max_bpm: float) -> tuple[int, ...]:
    """The weight of each whole heart rate 0–300 bpm for one HRmax, worked out once: a report
    weighs thousands of histograms of ~60 rates each against the same maximum."""
    return tuple(_zone_weight(bpm / max_bpm) for bpm in range(301))


def rpe_from_edwards(trimp: float, minutes: float) -> float:
    """CR-10 equivalent of an Edwards score: twice the mean zone weight, at most 10 [practice]."""
    return 0.0 if minutes <= 0 else min(10.0, 2.0 * trimp / minutes)


def rpe_from_banister(avg_hr_bpm: float, rest_bpm: float, max_bpm: float, sex: str) -> float:
    """CR-10 equivalent of Banister's weighting: 10 × y(HRr) ÷ y(1) [practice]."""
    hrr = hr_reserve_fraction(avg_hr_bpm, rest_bpm, max_bpm)
    return 10.0 * _banister_weight(hrr, sex) / _banister_weight(1.0, sex)


def observed_max_hr(runs: Iterable[Run]) -> float | None:
    """The highest heart rate any run recorded: a stand-in when no maximum was tested."""
    peaks = [r.max_hr_bpm for r in runs if r.max_hr_bpm] + [
        float(max(r.hr_histogram)) for r in runs if r.hr_histogram
    ]
    return max(peaks) if peaks else None


def run_load(run: Run, heart: HeartProfile) -> SessionLoad:
    """A run's session load: its own RPE, else estimated from heart rate, else the default."""
    minutes = run.timer_s / 60.0
    on = run.start_at.date()
    if run.srpe is not None:
        return SessionLoad("run", on, minutes, run.srpe, "srpe")
    max_bpm = heart.max_bpm
    if max_bpm and run.hr_histogram:
        rpe = rpe_from_edwards(trimp_edwards(run.hr_histogram, max_bpm), minutes)
        return SessionLoad("run", on, minutes, rpe, "trimp-edwards")
    rest_bpm = heart.rest_bpm or DEFAULT_REST_HR_BPM
    if max_bpm and run.avg_hr_bpm and max_bpm > rest_bpm:
        rpe = rpe_from_banister(run.avg_hr_bpm, rest_bpm, max_bpm, heart.sex)
        return SessionLoad("run", on, minutes, rpe, "trimp-banister")
    return SessionLoad("run", on, minutes, DEFAULT_RUN_RPE, "default")


def strength_load(session: StrengthSession, planned: PlannedRef | None) -> SessionLoad:
    """A strength session's load: its own sRPE, else estimated from its sets or from the plan."""
    working = [s for s in session.sets if not s.warmup]
    if session.duration_min is not None:
        minutes = session.duration_min
    elif planned is not None:
        minutes = planned.duration_min
    else:
        minutes = MINUTES_PER_SET * len(working)
    if session.srpe is not None:
        return SessionLoad("strength", session.on, minutes, session.srpe, "srpe")
    rated = [s.rpe for s in working if s.rpe is not None]
    if rated:
        return SessionLoad("strength", session.on, minutes, sum(rated) / len(rated), "set-rpe")
    if planned is not None and planned.intensity in STRENGTH_RPE_BY_INTENSITY:
        rpe = STRENGTH_RPE_BY_INTENSITY[planned.intensity]
        return SessionLoad("strength", session.on, minutes, rpe, "planned-intensity")
    return SessionLoad("strength", session.on, minutes, DEFAULT_STRENGTH_RPE, "default")


_BY_DAY_AND_KIND = operator.attrgetter("on", "kind")


@dataclass(frozen=True)
class DailyLoad:
    """One day's summed loads [AU]."""

    on: dt.date
    run: float = 0.0
    strength: float = 0.0
    estimated: bool = False

    @property
    def total(self) -> float:
        return self.run + self.strength


def session_loads(
    runs: Iterable[Run],
    sessions: Iterable[StrengthSession],
    heart: HeartProfile,
    planned: Iterable[PlannedRef] = (),
) -> list[SessionLoad]:
    """Every session's load, runs and strength, by date."""
    by_id = {p.session_id: p for p in planned}
    by_date = {p.on: p for p in by_id.values()}
    out = [run_load(r, heart) for r in runs]
    for s in sessions:
        ref = by_id.get(s.planned_session_id or "") or by_date.get(s.on)
        out.append(strength_load(s, ref))
    return sorted(out, key=_BY_DAY_AND_KIND)


def daily_series(
    loads: Iterable[SessionLoad], start: dt.date, end: dt.date
) -> tuple[list[float], list[float], list[bool]]:
    """Running load, strength load and "some of it estimated", one entry per day
    ``start``..``end``; a day without training has load 0."""
    days = max(0, (end - start).days + 1)
    run = [0.0] * days
    strength = [0.0] * days
    estimated = [False] * days
    first = start.toordinal()
    for x in loads:
        i = x.on.toordinal() - first
        if 0 <= i < days:
            if x.kind == "run":
                run[i] += x.rpe * x.minutes
            else:
                strength[i] += x.rpe * x.minutes
            if x.method != "srpe":
                estimated[i] = True
    return run, strength, estimated


def daily_loads(loads: Iterable[SessionLoad], start: dt.date, end: dt.date) -> list[DailyLoad]:
    """One entry per calendar day ``start``..``end``: a day without training has load 0."""
    run, strength, estimated = daily_series(loads, start, end)
    first = start.toordinal()
    return [
        DailyLoad(dt.date.fromordinal(first + i), run[i], strength[i], estimated[i])
        for i in range(len(run))
    ]


def totals(days: Sequence[DailyLoad]) -> list[float]:
    """The daily totals [AU], in order."""
    return [d.total for d in days]
