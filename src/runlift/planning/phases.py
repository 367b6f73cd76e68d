"""Lay the phases out backward from race day, in 7-day blocks ("weeks").

Weeks are counted back from the race so that race day is always the last day of its week and the
taper ends exactly on it; the first week may be short when the start date falls mid-way. Phase
lengths come from ``docs/science.md`` (Periodisation): phases grow in priority order, so a short
runway keeps the taper and some preparation, and a long one adds base, then in-season maintenance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from runlift.planning.profile import Profile

DAY = dt.timedelta(days=1)
WEEK = dt.timedelta(days=7)

# Longest each phase grows before the next round skips it, for a race plan (weeks).
MAX_WEEKS = {"technique": 3, "base": 8, "build": 6, "peak": 3, "taper": 2, "maintenance": 13}
# The order in which a runway's weeks are handed out, one per phase per round.
GROWTH_ORDER = ("taper", "technique", "base", "build", "peak")
RECOVERY_WEEKS = {"5k": 1, "10k": 1, "half-marathon": 1, "marathon": 2, "ultra": 2}
DEFAULT_OPEN_WEEKS = 12  # race = "none": contracts §1
LOADING_WEEKS_PER_DELOAD = 3  # deload every 4th week [practice] (Bell 2023 Delphi)
DELOAD_PHASES = frozenset({"base", "build", "maintenance"})
NEAR_RACE = dt.timedelta(days=21)  # no new exercises in the last three weeks before a race
# A plan starting this close to the race has no room to introduce exercises and then keep them:
# it stays light, and says so.
LATE_START = dt.timedelta(days=35)


def is_late_start(start: dt.date, race: dt.date | None) -> bool:
    return race is not None and start > race - LATE_START


PHASE_GOALS = {
    "technique": "Learn the movements: bodyweight and light loads at RPE ≤ 7, 8–12 reps.",
    "base": "General strength: strength-endurance building to basic strength, new exercises "
    "introduced while the race is far away.",
    "build": "Maximal strength: heavy compound lifts (≥ 80% 1RM, 3–6 reps) for running economy.",
    "peak": "Convert strength to power: plyometrics and fast lifts, lower volume, intensity kept.",
    "taper": "Shed fatigue: volume down 40–60%, intensity and frequency kept.",
    "race": "Race week: very light or nothing, and nothing in the last two days.",
    "recovery": "Recover from the race: rest, then light full-body work.",
    "maintenance": "Keep what you built: one session a week holds strength for months.",
}


@dataclass(frozen=True)
class Week:
    """One 7-day block of the plan (the first may be shorter)."""

    index: int  # 0-based from the plan's start
    start: dt.date
    end: dt.date  # inclusive
    phase: str
    week_in_phase: int  # 1-based
    deload: bool

    @property
    def days(self) -> list[dt.date]:
        return [self.start + DAY * i for i in range((self.end - self.start).days + 1)]

    @property
    def full(self) -> bool:
        return (self.end - self.start).days == 6


@dataclass(frozen=True)
class Phase:
    name: str
    start: dt.date
    end: dt.date
    goal: str


def layout(profile: Profile, weeks: int | None = None) -> list[Week]:
    """The plan's weeks, each with its phase and deload flag.

    With a race, ``weeks`` cuts the plan to its first N weeks. With no race, it is the plan's length
    (12 by default).
    """
    if profile.race_date is None:
        names = _open_phases(profile, weeks or DEFAULT_OPEN_WEEKS)
        starts = [profile.start_date + WEEK * i for i in range(len(names))]
        spans = [(s, s + 6 * DAY) for s in starts]
    else:
        race = profile.race_date
        count = -(-((race - profile.start_date).days + 1) // 7)  # weeks touching [start, race]
        ends = [race - WEEK * (count - 1 - i) for i in range(count)]
        spans = [(max(end - 6 * DAY, profile.start_date), end) for end in ends]
        spans += [
            (race + DAY + WEEK * i, race + WEEK * (i + 1))
            for i in range(RECOVERY_WEEKS[profile.race])
        ]
        names = _race_phases(profile, count)
        if weeks is not None:
            spans, names = spans[:weeks], names[:weeks]
    return _number(spans, names)


def phases_of(weeks: list[Week]) -> list[Phase]:
    """Consecutive weeks of the same phase, merged."""
    out: list[Phase] = []
    for week in weeks:
        if out and out[-1].name == week.phase:
            out[-1] = Phase(week.phase, out[-1].start, week.end, out[-1].goal)
        else:
            out.append(Phase(week.phase, week.start, week.end, PHASE_GOALS[week.phase]))
    return out


def _race_phases(profile: Profile, count: int) -> list[str]:
    """Phase names for ``count`` weeks up to and including race week, then recovery."""
    caps = dict(MAX_WEEKS)
    if profile.lifting_experience != "new":
        caps["technique"] = 0
    available = count - 1  # the last week is race week
    given = dict.fromkeys(GROWTH_ORDER, 0)
    while available > 0:
        grew = False
        for name in GROWTH_ORDER:
            if available and given[name] < caps[name]:
                given[name] += 1
                available -= 1
                grew = True
        if not grew:
            break
    maintenance = min(available, caps["maintenance"])
    given["base"] += available - maintenance  # beyond every cap: a longer general base
    order = ("technique", "base", "build")
    names = [n for n in order for _ in range(given[n])]
    names += ["maintenance"] * maintenance
    names += ["peak"] * given["peak"] + ["taper"] * given["taper"] + ["race"]
    return names + ["recovery"] * RECOVERY_WEEKS[profile.race]


def _open_phases(profile: Profile, count: int) -> list[str]:
    """No race: technique for new lifters, rolling 4-week base/build blocks, then maintenance."""
    technique = min(3, count // 4) if profile.lifting_experience == "new" else 0
    maintenance = max(1, min(4, count // 4)) if count > technique else 0
    middle = count - technique - maintenance
    rolling = [("base", "build")[(i // 4) % 2] for i in range(middle)]
    return ["technique"] * technique + rolling + ["maintenance"] * maintenance


def _number(spans: list[tuple[dt.date, dt.date]], names: list[str]) -> list[Week]:
    out: list[Week] = []
    loading = 0
    for index, ((start, end), name) in enumerate(zip(spans, names, strict=True)):
        in_phase = 1 if not out or out[-1].phase != name else out[-1].week_in_phase + 1
        deload = False
        if name in DELOAD_PHASES:
            if loading >= LOADING_WEEKS_PER_DELOAD and in_phase > 1:
                deload, loading = True, 0
            else:
                loading += 1
        elif name != "technique":
            loading = 0
        out.append(Week(index, start, end, name, in_phase, deload))
    return out
