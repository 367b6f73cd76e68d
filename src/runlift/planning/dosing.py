"""How much of each exercise: sets, reps, holds or foot contacts, target RPE, %1RM and rest.

The numbers follow ``docs/science.md`` (What each kind of training does; Load prescription):
heavy work at 3–6 reps and RPE 8 with 2–5 min rest, strength-endurance at 12–20 reps, technique
at 8–12 reps and RPE ≤ 7, plyometrics in foot contacts within the beginner limits. Weeks of a phase
progress. Deloads and tapers are cut later, per week, in ``shaping``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from runlift.catalog import Exercise
from runlift.training.rts import pct_1rm

SECONDS_PER_REP = 3.0  # a controlled rep, both phases
SECONDS_PER_CONTACT = 0.6
SECONDS_SETUP = 20  # moving to and setting up each exercise
DELOAD_SET_FACTOR = 0.6  # −40% volume (practice: −30–50%)
CONTACT_CAP = {"new": 80, "some": 100, "experienced": 120}  # per session (NSCA: beginners 80–100)


@dataclass(frozen=True)
class Dose:
    sets: int
    reps: int | None = None
    duration_s: int | None = None
    contacts: int | None = None
    per_side: bool = False
    rpe: float | None = None
    pct_1rm: float | None = None
    rest_s: int = 60

    def work_s(self) -> float:
        """Seconds of work in one set."""
        if self.reps is not None:
            work = self.reps * SECONDS_PER_REP
        elif self.duration_s is not None:
            work = float(self.duration_s)
        else:
            work = (self.contacts or 0) * SECONDS_PER_CONTACT
        return work * (2 if self.per_side else 1)

    def seconds(self) -> float:
        """Estimated time for every set with its rest, plus setting up."""
        return self.sets * (self.work_s() + self.rest_s) + SECONDS_SETUP


pct_1rm_rts = pct_1rm  # the RTS chart lives in runlift.training.rts


@dataclass(frozen=True)
class Setting:
    """What the dose depends on besides the exercise."""

    phase: str
    focus: str
    experience: str
    week: int  # 1-based week in the phase
    first_main: bool  # the session's first main lift (kept heavy for an endurance focus)
    late_start: bool  # the plan begins within three weeks of the race: keep everything light
    concerns: tuple[str, ...] = ()


# (sets, reps, rpe, rest_s) for main lifts, by phase and focus; each list steps through the weeks.
MAIN: dict[str, dict[str, list[tuple[int, int, float, int]]]] = {
    "technique": {
        f: [(2, 10, 6.0, 90), (3, 10, 6.5, 90), (3, 8, 7.0, 90)]
        for f in ("power", "endurance", "form")
    },
    "base": {
        "power": [(3, 8, 7.0, 120), (3, 8, 7.5, 120), (3, 6, 7.5, 150), (4, 6, 8.0, 150)],
        "endurance": [(3, 12, 7.0, 75), (3, 12, 7.5, 75), (3, 15, 7.5, 75), (3, 15, 8.0, 75)],
        "form": [(3, 10, 6.5, 90), (3, 10, 7.0, 90), (3, 8, 7.0, 90), (3, 8, 7.5, 90)],
    },
    "build": {
        "power": [(4, 6, 8.0, 180), (4, 5, 8.0, 180), (4, 4, 8.5, 180), (5, 4, 8.5, 180)],
        "endurance": [(3, 12, 7.5, 90), (3, 12, 8.0, 90), (3, 10, 8.0, 90), (3, 10, 8.0, 90)],
        "form": [(3, 8, 7.5, 120), (3, 8, 7.5, 120), (3, 6, 8.0, 120), (3, 6, 8.0, 120)],
    },
    "peak": {
        "power": [(3, 3, 8.0, 180), (3, 3, 8.0, 180), (2, 3, 8.0, 180)],
        "endurance": [(3, 8, 7.5, 90), (2, 8, 7.5, 90), (2, 8, 7.5, 90)],
        "form": [(3, 6, 7.5, 120), (2, 6, 7.5, 120), (2, 6, 7.5, 120)],
    },
    "maintenance": {
        "power": [(2, 5, 8.0, 180)],
        "endurance": [(2, 10, 7.5, 90)],
        "form": [(2, 8, 7.5, 120)],
    },
    "taper": {f: [(2, 3, 7.5, 150), (1, 3, 7.5, 150)] for f in ("power", "endurance", "form")},
    "race": {f: [(1, 5, 5.0, 90)] for f in ("power", "endurance", "form")},
    "recovery": {f: [(2, 10, 5.0, 90)] for f in ("power", "endurance", "form")},
}
HEAVY_KEPT = [(3, 6, 8.0, 150)]  # endurance focus: the first main lift keeps a heavy base
# Plyometric contacts per session by phase, before focus, experience and concern limits.
CONTACTS = {
    "technique": 20,
    "base": 40,
    "build": 60,
    "peak": 80,
    "maintenance": 50,
    "taper": 40,
    "race": 0,
    "recovery": 0,
}
FOCUS_CONTACT_FACTOR = {"power": 1.0, "endurance": 0.6, "form": 0.5}
IMPACT_CONCERNS = frozenset({"achilles-calf", "shin", "foot", "knee"})


def _step(table: list[tuple[int, int, float, int]], week: int) -> tuple[int, int, float, int]:
    return table[min(week, len(table)) - 1]


def dose(ex: Exercise, block: str, s: Setting) -> Dose:
    """The dose of ``ex`` in ``block`` for this setting."""
    if block == "warmup":
        base = Dose(sets=1, reps=8, per_side=ex.unilateral, rest_s=0)
        if ex.dose == "duration":
            base = Dose(sets=1, duration_s=30, per_side=ex.unilateral, rest_s=0)
        return base
    if block == "power":
        result = _plyo(ex, s)
    elif block == "main":
        result = _main(ex, s)
    else:
        result = _small(ex, block, s)
    if s.late_start and result.rpe is not None and result.rpe > 7.0:
        result = replace(result, rpe=7.0, pct_1rm=_pct(ex, result.reps, 7.0))
    return result


def _pct(ex: Exercise, reps: int | None, rpe: float | None) -> float | None:
    if not ex.externally_loaded or reps is None or rpe is None:
        return None
    return pct_1rm_rts(reps, rpe)


def _main(ex: Exercise, s: Setting) -> Dose:
    table = MAIN[s.phase][s.focus]
    if s.focus == "endurance" and s.first_main and s.phase in ("build", "maintenance", "peak"):
        table = HEAVY_KEPT
    sets, reps, rpe, rest = _step(table, s.week)
    if ex.dose == "duration":
        return Dose(
            sets=sets,
            duration_s=30 + 5 * (s.week - 1),
            per_side=ex.unilateral,
            rpe=rpe,
            rest_s=rest,
        )
    if ex.unilateral:
        reps = max(reps, 6)  # single-leg work stays controllable: at least 6 a side
        rest = min(rest, 120)
    if not ex.externally_loaded:
        reps = max(reps, 8)  # bodyweight: heavy means harder variation, not fewer reps
    return Dose(
        sets=sets,
        reps=reps,
        per_side=ex.unilateral,
        rpe=rpe,
        pct_1rm=_pct(ex, reps, rpe),
        rest_s=rest,
    )


def _small(ex: Exercise, block: str, s: Setting) -> Dose:
    """Accessory, core and prehab work: moderate, short rests, progressing by reps or seconds."""
    light = s.phase in ("technique", "race", "recovery")
    sets = 2 if light or s.phase in ("taper", "maintenance") else 3
    if s.phase == "taper":
        sets = 1 if s.week > 1 else 2
    rpe = 6.0 if light else 7.0
    week = min(s.week, 4)
    if ex.dose == "duration":
        hold = 20 if light else 30
        if "soleus" in ex.primary_muscles or ex.pattern == "calf":
            hold = 30 if light else 45  # isometric calf work: 30–45 s holds
        return Dose(
            sets=sets,
            duration_s=min(hold + 5 * (week - 1), 60),
            per_side=ex.unilateral,
            rpe=rpe,
            rest_s=45,
        )
    if ex.dose == "contacts":
        return Dose(sets=sets, contacts=10, per_side=ex.unilateral, rpe=rpe, rest_s=60)
    reps = 10
    if s.focus == "endurance" and not light:
        reps = 15
    if ex.pattern == "calf":
        reps = 12 if s.focus != "endurance" else 15
    if ex.pattern == "hamstring-curl" and "nordic" in ex.id:
        reps, sets = 3 + min(week, 3), 2  # eccentric: few, slow reps (van Dyk 2019)
    if ex.pattern == "hip-abduction":
        reps = 15
    rest = 45 if block in ("core", "prehab") else (60 if s.focus != "power" else 90)
    return Dose(
        sets=sets,
        reps=reps,
        per_side=ex.unilateral,
        rpe=rpe,
        pct_1rm=_pct(ex, reps, rpe) if block == "accessory" else None,
        rest_s=rest,
    )


def contact_cap(s: Setting) -> int:
    """Most foot contacts one session may hold for this athlete."""
    cap = CONTACT_CAP[s.experience]
    if IMPACT_CONCERNS & set(s.concerns) and s.phase in ("technique", "base"):
        cap //= 2  # tendons adapt slowly: impact grows gently (Bohm 2015)
    return cap


def _plyo(ex: Exercise, s: Setting) -> Dose:
    target = CONTACTS[s.phase] * FOCUS_CONTACT_FACTOR[s.focus]
    target *= 1.0 + 0.1 * (min(s.week, 4) - 1)  # +10% a week
    total = int(min(target, contact_cap(s)))
    per_set = 8 if ex.unilateral else 10
    sets = max(1, total // (per_set * (2 if ex.unilateral else 1)))
    return Dose(sets=sets, contacts=per_set, per_side=ex.unilateral, rpe=None, rest_s=90)


def session_seconds(doses: list[Dose]) -> float:
    return sum(d.seconds() for d in doses)
