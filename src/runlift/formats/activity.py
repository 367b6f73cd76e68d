"""What every activity importer returns, whatever the file format.

Parsers take bytes and return :class:`ParsedFile`: the activities found (a FIT file may chain
several), strength sessions (FIT ``set`` messages, Strong and Hevy exports), and the warnings of
any repair. A file that cannot be read at all raises :class:`FormatError` naming what is wrong;
a file with a readable prefix may instead be salvaged, with ``repaired`` saying what was lost.
Units are SI and times are timezone-aware UTC, as everywhere else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from runlift.errors import BadInput
from runlift.training.model import StrengthSession


class FormatError(BadInput):
    """The file is not a readable activity of its format; the message says why."""


@dataclass(frozen=True)
class Activity:
    """One activity's summary and the streams needed for heart-rate-based load."""

    sport: str  # lower-case: running, cycling, walking, hiking, swimming, training, … or "other"
    start_at: dt.datetime  # UTC, timezone-aware
    distance_m: float | None
    timer_s: float | None  # moving (timer) time
    elapsed_s: float | None
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    total_ascent_m: float | None = None
    sub_sport: str | None = None  # e.g. treadmill, trail, track, strength_training
    # (seconds from start, heart rate [bpm]) for every sample with a heart rate, in time order.
    hr_samples: tuple[tuple[float, float], ...] = field(default=(), repr=False)
    # (seconds from start, cumulative distance [m]) where the file records distance.
    distance_samples: tuple[tuple[float, float], ...] = field(default=(), repr=False)
    summary_from: str = "session"  # session | laps | records | trackpoints


@dataclass(frozen=True)
class ParsedFile:
    """Everything one file holds."""

    format: str  # fit | gpx | tcx | strong | hevy | strava-csv
    activities: tuple[Activity, ...] = ()
    strength_sessions: tuple[StrengthSession, ...] = ()
    # Exercise names the file used that map to no catalog id, kept as custom exercises:
    # custom id -> the name as written.
    custom_exercises: tuple[tuple[str, str], ...] = ()
    repaired: tuple[str, ...] = ()  # what a salvage had to give up, in words
    skipped: tuple[str, ...] = ()  # what was read but deliberately not imported, in words


def custom_exercise_id(name: str) -> str:
    """The id an exercise name with no catalog match is kept under: ``custom-`` and a slug.

    >>> custom_exercise_id("Bench Press (Barbell)")
    'custom-bench-press-barbell'
    """
    slug = "".join(c if c.isalnum() else "-" for c in name.lower())
    return "custom-" + "-".join(part for part in slug.split("-") if part)
