"""One exercise's working sets per logged session, summarised the way progression rules read them.

The rules talk about "the last set", "every set" and "the mean RPE" of a session; computing those
once, here, keeps each rule a line long and makes them agree on what a working set is (not a
warm-up, this exercise).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from runlift.training.model import LoggedSet, StrengthSession


@dataclass(frozen=True)
class ExerciseSession:
    """The working sets of one exercise in one logged session, in the order done."""

    on: dt.date
    sets: tuple[LoggedSet, ...]

    @property
    def load_kg(self) -> float | None:
        """The heaviest working load [kg], or None when every set was bodyweight."""
        loads = [s.load_kg for s in self.sets if s.load_kg is not None]
        return max(loads) if loads else None

    @property
    def min_reps(self) -> int | None:
        """The fewest reps of any set: every set reached at least this many."""
        reps = [s.reps for s in self.sets if s.reps is not None]
        return min(reps) if reps else None

    @property
    def last_set_reps(self) -> int | None:
        """Reps of the last set (the weaker side's last set when sides were logged apart)."""
        last: dict[str, LoggedSet] = {}
        for s in sorted(self.sets, key=lambda s: s.order):
            if s.reps is not None:
                last[s.side] = s
        return min((s.reps for s in last.values() if s.reps is not None), default=None)

    @property
    def mean_rpe(self) -> float | None:
        """Mean RPE of the sets that have one."""
        rpes = [s.rpe for s in self.sets if s.rpe is not None]
        return statistics.fmean(rpes) if rpes else None

    @property
    def max_rpe(self) -> float | None:
        rpes = [s.rpe for s in self.sets if s.rpe is not None]
        return max(rpes) if rpes else None

    @property
    def min_technique(self) -> int | None:
        """The worst technique rating (1–5) of any set, or None when none was rated."""
        ratings = [s.technique for s in self.sets if s.technique is not None]
        return min(ratings) if ratings else None

    @property
    def min_duration_s(self) -> float | None:
        """The shortest hold [s]: every set held at least this long."""
        held = [s.duration_s for s in self.sets if s.duration_s is not None]
        return min(held) if held else None

    @property
    def total_contacts(self) -> int:
        """All foot contacts of the session, both sides."""
        return sum(s.contacts or 0 for s in self.sets)


def exercise_sessions(
    sessions: Iterable[StrengthSession], exercise_id: str
) -> list[ExerciseSession]:
    """The sessions with working sets of ``exercise_id``, oldest first (ties keep their order)."""
    found = []
    for session in sessions:
        sets = tuple(
            sorted(
                (s for s in session.sets if s.exercise_id == exercise_id and not s.warmup),
                key=lambda s: s.order,
            )
        )
        if sets:
            found.append(ExerciseSession(session.on, sets))
    return sorted(found, key=lambda e: e.on)
