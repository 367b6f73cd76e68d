"""Shape a week's drafted sessions to the rules that bind the week as a whole.

The order matters, and is the reason this is one module:
1. cap hard lower-body sets for the week (≤ 24);
2. fit each session into its minutes, mildest cut first, keeping coverage;
3. only then cut for a deload (−40%) or a taper (≤ 60% of peak), so those weeks stay lighter than
   normal ones even when time has already trimmed everything to the minimum;
4. last, make pull sets at least equal push sets, since every cut above can tip that balance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from runlift.catalog import Exercise
from runlift.catalog.vocab import HIP_DOMINANT, KNEE_DOMINANT, PULL, PUSH
from runlift.planning import coverage
from runlift.planning.dosing import DELOAD_SET_FACTOR, Dose, session_seconds
from runlift.planning.slots import SLOTS

LEG_SET_CAP = 24  # hard lower-body sets a week (docs/science.md, Balance)
LEG_PATTERNS = KNEE_DOMINANT | HIP_DOMINANT | {"calf"}
TAPER_FACTOR = 0.6  # taper volume at most 60% of the peak's (Bosquet 2007: −41–60%)
# Slots a short session or a taper may lose, least needed first; the week's coverage slots stay.
OPTIONAL_SLOTS = ("warmup-2", "plyo", "abduction-2", "pull-extra", "tibialis", "foot", "bridge")
TAPER_DROPS = (
    "core-rot",
    "calf-bent",
    "abduction",
    "core-lat",
    "push-v",
    "push-h",
    "ham-curl",
    "knee-single",
    "calf-straight",
    "pull-v",
)


@dataclass
class Draft:
    """One exercise of a session while the week is being shaped."""

    slot: str
    exercise: Exercise
    dose: Dose

    @property
    def block(self) -> str:
        return SLOTS[self.slot].block

    @property
    def tags(self) -> frozenset[str]:
        ex = self.exercise
        return coverage.tags(ex.pattern, ex.primary_muscles, ex.unilateral)


def volume(sessions: list[list[Draft]]) -> int:
    """Working sets in the week (warm-ups excluded), as the audit counts them."""
    return sum(d.dose.sets for s in sessions for d in s if d.block != "warmup")


def _sets(sessions: list[list[Draft]], patterns: frozenset[str] | set[str]) -> int:
    return sum(
        d.dose.sets
        for s in sessions
        for d in s
        if d.exercise.pattern in patterns and d.block != "warmup"
    )


def cap_leg_sets(sessions: list[list[Draft]]) -> None:
    """Trim sets until the week holds at most LEG_SET_CAP hard lower-body sets."""
    while _sets(sessions, LEG_PATTERNS) > LEG_SET_CAP:
        best: tuple[bool, int, int, int] | None = None
        for n, s in enumerate(sessions):
            for k, d in enumerate(s):
                floor = 2 if d.block == "main" else 1
                if (
                    d.exercise.pattern in LEG_PATTERNS
                    and d.block != "warmup"
                    and d.dose.sets > floor
                ):
                    key = (d.block == "main", -d.dose.sets, -n, k)
                    best = key if best is None or key < best else best
        if best is None:
            return
        item = sessions[-best[2]][best[3]]
        item.dose = replace(item.dose, sets=item.dose.sets - 1)


def _small(d: Draft) -> bool:
    return d.block in ("accessory", "core", "prehab")


def _short_rest_ok(d: Draft) -> bool:
    """A main lift that recovers in a minute: bodyweight, or loaded at RPE ≤ 7.5."""
    return d.block == "main" and (not d.exercise.externally_loaded or (d.dose.rpe or 0) <= 7.5)


def _drop_redundant(items: list[Draft], over: Callable[[], bool]) -> list[str]:
    """Drop small items whose must-haves the rest of the session already covers, last first."""
    dropped = []
    for item in reversed(list(items)):
        if not over():
            break
        others = [d.tags for d in items if d is not item]
        if (
            _small(item)
            and item.tags <= frozenset().union(*others)
            and item.exercise.pattern not in PULL
        ):
            items.remove(item)
            dropped.append(item.exercise.name)
    return dropped


Step = Callable[[Draft], Dose | None]
FIT_STEPS: tuple[Step, ...] = (
    lambda d: replace(d.dose, sets=2) if _small(d) and d.dose.sets > 2 else None,
    lambda d: replace(d.dose, rest_s=min(d.dose.rest_s, 30)) if _small(d) else None,
    lambda d: replace(d.dose, sets=3) if d.block == "main" and d.dose.sets > 3 else None,
    lambda d: (
        replace(d.dose, sets=d.dose.sets - 1) if d.block == "power" and d.dose.sets > 1 else None
    ),
    lambda d: replace(d.dose, rest_s=min(d.dose.rest_s, 120)) if d.block == "main" else None,
    lambda d: replace(d.dose, sets=2) if d.block == "main" and d.dose.sets > 2 else None,
    lambda d: replace(d.dose, sets=1) if _small(d) else None,
    lambda d: replace(d.dose, rest_s=min(d.dose.rest_s, 90)) if d.block == "main" else None,
)
LAST_RESORT: tuple[Step, ...] = (
    lambda d: replace(d.dose, rest_s=min(d.dose.rest_s, 60)) if _short_rest_ok(d) else None,
    lambda d: replace(d.dose, rest_s=min(d.dose.rest_s, 15)) if _small(d) else None,
    lambda d: replace(d.dose, reps=10) if _small(d) and (d.dose.reps or 0) > 10 else None,
    lambda d: replace(d.dose, reps=8) if d.block == "main" and (d.dose.reps or 0) > 8 else None,
)


def fit_time(items: list[Draft], minutes: int) -> list[str]:
    """Shorten a session that runs over its minutes; returns what had to go, for the rationale."""
    budget = minutes * 60
    dropped: list[str] = []

    def over() -> bool:
        return session_seconds([d.dose for d in items]) > budget

    def apply(step: Step) -> None:
        for item in reversed(items):
            if not over():
                return
            new = step(item)
            if new is not None:
                item.dose = new

    for step in FIT_STEPS:
        apply(step)
    for slot in OPTIONAL_SLOTS:
        if over() and any(d.slot == slot for d in items):
            items[:] = [d for d in items if d.slot != slot]
            dropped.append(slot)
    dropped += _drop_redundant(items, over)
    for step in LAST_RESORT:
        apply(step)
    if over():
        items[:] = [d for d in items if d.block != "warmup"]
        dropped.append("warm-up (you are warm from the run)")
    return dropped


def deload(sessions: list[list[Draft]]) -> None:
    """Cut every exercise's sets by about 40%, keeping intensity; main lifts lose at least one."""
    for s in sessions:
        for d in s:
            if d.block == "warmup" or d.dose.sets <= 1:
                continue
            sets = min(d.dose.sets - 1, max(1, round(d.dose.sets * DELOAD_SET_FACTOR)))
            d.dose = replace(d.dose, sets=sets)


def taper(sessions: list[list[Draft]], peak_volume: float | None) -> None:
    """Bring the week to at most 60% of the peak's volume: halve sets, then drop accessories."""
    for s in sessions:
        for d in s:
            if d.block != "warmup" and d.dose.sets > 1:
                d.dose = replace(d.dose, sets=max(1, d.dose.sets // 2))
    if peak_volume is None:
        return
    for slot in TAPER_DROPS:
        if volume(sessions) <= TAPER_FACTOR * peak_volume:
            return
        for s in sessions:
            s[:] = [d for d in s if d.slot != slot]


def _removable(sessions: list[list[Draft]], n: int, k: int) -> bool:
    """Whether the week still covers every must-have without sessions[n][k]."""
    every = [d.tags for s in sessions for d in s]
    rest = [d.tags for m, s in enumerate(sessions) for j, d in enumerate(s) if (m, j) != (n, k)]
    return coverage.missing(rest) == coverage.missing(every)


def balance_knee_hip(sessions: list[list[Draft]]) -> None:
    """Trim the heavier side until knee:hip-dominant sets sit within 0.5–2.0 (practice)."""
    while True:
        knee, hip = _sets(sessions, KNEE_DOMINANT), _sets(sessions, HIP_DOMINANT)
        if not knee or not hip or 0.5 <= knee / hip <= 2.0:
            return
        side = HIP_DOMINANT if hip > knee else KNEE_DOMINANT
        found = [
            (d.block == "main", -d.dose.sets, n, k)
            for n, s in enumerate(sessions)
            for k, d in enumerate(s)
            if d.exercise.pattern in side and d.block != "warmup" and d.dose.sets > 1
        ]
        if found:
            _, _, n, k = min(found)
            sessions[n][k].dose = replace(sessions[n][k].dose, sets=sessions[n][k].dose.sets - 1)
            continue
        spare = [
            (n, k)
            for n, s in enumerate(sessions)
            for k, d in enumerate(s)
            if d.exercise.pattern in side and d.block != "main" and _removable(sessions, n, k)
        ]
        if not spare:
            return
        n, k = spare[-1]
        del sessions[n][k]


def balance_push_pull(sessions: list[list[Draft]]) -> None:
    """Trim push work until pull sets at least equal push sets (≥ 1:1, practice)."""
    while _sets(sessions, PUSH) > _sets(sessions, PULL):
        pushes = [
            (d.dose.sets, n, k)
            for n, s in enumerate(sessions)
            for k, d in enumerate(s)
            if d.exercise.pattern in PUSH and d.block != "warmup"
        ]
        sets, n, k = max(pushes)
        if sets > 1:
            sessions[n][k].dose = replace(sessions[n][k].dose, sets=sets - 1)
        else:
            del sessions[n][k]
