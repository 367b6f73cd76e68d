"""What the runner actually did: logged strength sessions, their sets, and runs (pure values).

These are the domain's own types; storage maps them to rows and the history contract
(``docs/contracts.md`` §4) renders them. Units are in the names and SI throughout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

SIDES = ("both", "left", "right")


@dataclass(frozen=True)
class LoggedSet:
    """One set as done. Exactly one of reps, duration_s and contacts is set."""

    exercise_id: str
    order: int
    reps: int | None = None
    duration_s: float | None = None
    contacts: int | None = None
    load_kg: float | None = None  # None: bodyweight
    rpe: float | None = None  # CR-10 effort of the set (10 − reps in reserve)
    side: str = "both"
    warmup: bool = False
    technique: int | None = None  # 1–5, the runner's (or the form check's) rating
    source_name: str | None = None  # the exercise's name in the app it was imported from

    @property
    def rir(self) -> float | None:
        return None if self.rpe is None else 10.0 - self.rpe


@dataclass(frozen=True)
class StrengthSession:
    """A logged strength session. ``planned_session_id`` links it to the plan, if it was planned."""

    on: dt.date
    sets: tuple[LoggedSet, ...]
    duration_min: float | None = None
    srpe: float | None = None  # session RPE, CR-10
    planned_session_id: str | None = None
    notes: str = ""
    id: str | None = None  # assigned by storage


@dataclass(frozen=True)
class Run:
    """A run, from a device file, an app export or typed in."""

    start_at: dt.datetime  # timezone-aware UTC
    distance_m: float
    timer_s: float  # moving time
    elapsed_s: float | None = None
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    srpe: float | None = None
    sport: str = "running"
    source_format: str = "manual"  # manual | fit | gpx | tcx | strava
    source_sha256: str | None = None
    id: str | None = None
    name: str | None = None
    sub_sport: str | None = None
    total_ascent_m: float | None = None
    # Seconds spent at each whole heart rate [bpm -> s], from the file's samples.
    hr_histogram: Mapping[int, float] = field(default_factory=dict, repr=False)
