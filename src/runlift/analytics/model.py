"""The analytics' values: what a report says, day by day and week by week (pure values).

Shaped after the report contract (``docs/contracts.md`` §5), which
:mod:`runlift.formats.report_json` renders; the HTML report and ``runlift status`` read the same
values. Loads are session-RPE arbitrary units [AU]; distances in metres.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class HeartProfile:
    """What turns heart rate into effort. ``None`` fields are unknown (estimated where needed)."""

    rest_bpm: float | None = None
    max_bpm: float | None = None
    sex: str = "unspecified"  # female | male | unspecified


@dataclass(frozen=True)
class PlannedRef:
    """A planned strength session, as much of it as the analytics need."""

    on: dt.date
    session_id: str
    intensity: str  # light | moderate | heavy
    duration_min: float
    title: str = ""
    exercise_ids: tuple[str, ...] = ()  # the working exercises planned, warm-ups left out


@dataclass(frozen=True)
class SessionLoad:
    """One session's load, with how it was found."""

    kind: str  # run | strength
    on: dt.date
    minutes: float
    rpe: float
    method: str  # srpe | trimp-edwards | trimp-banister | set-rpe | planned-intensity | default

    @property
    def load(self) -> float:
        """Session-RPE load = CR-10 RPE × minutes [AU] (Foster 2001)."""
        return self.rpe * self.minutes

    @property
    def estimated(self) -> bool:
        return self.method != "srpe"


@dataclass(frozen=True)
class DayMetrics:
    """One calendar day of the load model (a day without training has load 0)."""

    on: dt.date
    load_run: float
    load_strength: float
    estimated: bool  # some of the day's load was estimated, not rated by the athlete
    ctl: float
    atl: float
    tsb: float  # yesterday's CTL − yesterday's ATL
    acwr: float | None  # None until the chronic window has filled, or with no chronic load
    monotony: float | None  # None in the first 6 days, or when every day of the 7 was equal
    strain: float | None

    @property
    def load(self) -> float:
        return self.load_run + self.load_strength


@dataclass(frozen=True)
class WeekBalance:
    """One Monday-to-Sunday week of what was done."""

    week_start: dt.date
    run_distance_m: float
    muscle_sets: Mapping[str, float]  # every muscle of the vocabulary; primary 1, secondary 0.5
    push_sets: float
    pull_sets: float
    knee_dominant_sets: float
    hip_dominant_sets: float
    adherence: float | None  # planned sessions done ÷ planned; None when none was planned
    strength_sessions: int = 0
    missed: tuple[str, ...] = ()  # planned session ids not done
    unmapped_sets: int = 0  # sets of exercises the catalog does not know (imported custom ones)


@dataclass(frozen=True)
class Asymmetry:
    """Left/right balance of one unilateral exercise over the report's window."""

    exercise_id: str
    lsi: float  # weaker side ÷ stronger side, 0–1
    weaker_side: str  # left | right
    sessions: int  # sessions with both sides logged
    noise: float | None  # the athlete's own set-to-set variation (CV), None with too little data
    flag: bool
    measure: str  # what was compared: "volume-load", "reps", "hold", "contacts"


@dataclass(frozen=True)
class Flag:
    """Something worth acting on, with the suggested action.

    ``adjustment`` names a change runlift can make to the upcoming plan (``None`` when the action
    is advice only); it is applied only when the athlete accepts it.
    """

    on: dt.date
    kind: str
    message: str
    action: str
    severity: str = "warn"  # info | warn
    adjustment: str | None = None  # e.g. "maintenance-week"
    id: str = ""
    detail: str = ""  # what the adjustment needs to know, e.g. the weaker side

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", f"{self.on.isoformat()}-{self.kind}")


@dataclass(frozen=True)
class E1rmPoint:
    on: dt.date
    e1rm_kg: float


@dataclass(frozen=True)
class ExerciseTrend:
    """One exercise's progress: e1RM per session and records, holds and contacts."""

    exercise_id: str
    name: str
    e1rm: tuple[E1rmPoint, ...] = ()
    best_e1rm_kg: float | None = None
    best_e1rm_on: dt.date | None = None
    longest_hold_s: float | None = None
    contacts: int = 0  # plyometric foot contacts in the window
    sessions: int = 0
    change_pct: float | None = None  # e1RM: last vs first session of the window, in %


@dataclass(frozen=True)
class RunWeek:
    """One week of running: distance and, on easy runs, metres per heartbeat (economy proxy)."""

    week_start: dt.date
    distance_m: float
    runs: int
    easy_pace_s_per_km: float | None = None
    easy_hr_bpm: float | None = None
    m_per_beat: float | None = None  # easy runs: distance ÷ heartbeats; higher is more economical


@dataclass(frozen=True)
class Report:
    """Everything ``runlift report`` shows, for ``start``..``end`` inclusive."""

    start: dt.date
    end: dt.date
    daily: tuple[DayMetrics, ...]
    weekly: tuple[WeekBalance, ...]
    asymmetry: tuple[Asymmetry, ...]
    flags: tuple[Flag, ...]
    trends: tuple[ExerciseTrend, ...] = ()
    running: tuple[RunWeek, ...] = ()
    coverage_gaps: tuple[str, ...] = ()  # must-haves not trained in the last 14 days
    notes: tuple[str, ...] = ()  # caveats and what was estimated
    skipped: tuple[tuple[str, int], ...] = ()  # planned exercise ids not done, most first
    sessions: tuple[SessionLoad, ...] = field(default=(), repr=False)
