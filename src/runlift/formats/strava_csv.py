"""Strava's bulk-export ``activities.csv`` → one :class:`StravaRow` per activity.

Several column names appear twice in the real export (``Elapsed Time``, ``Distance``, ``Max Heart
Rate``, ``Relative Effort``, …): the first copy is in the athlete's display units (km or miles),
the second in SI. Columns are therefore found by position: for each name the header is scanned
for its first and second occurrence, and the second (SI) copy is read when there is one.

When ``Distance`` appears only once (files written by other tools in this layout), it is taken as
metres, unless ``Average Speed`` [m/s] × ``Moving Time`` says it is kilometres (a factor of 1000
cannot be mistaken for rounding). ``Activity Date`` is UTC, written like ``Feb 17, 2019, 6:26:44
AM``; ISO dates are read too. ``Perceived Exertion`` is Strava's 1–10 scale, kept as session RPE.
Rows without a ``Filename`` are manual activities: :func:`strava_row_activity` makes them
activities of their own.

The CSV reading itself is in :mod:`.csv_table`, shared with the Strong and Hevy readers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from runlift.formats.activity import Activity, FormatError
from runlift.formats.csv_table import (
    Cells,
    Header,
    Problems,
    decode_text,
    parse_app_datetime,
    read_records,
)

_ROLES = {
    "id": ("Activity ID",),
    "date": ("Activity Date",),
    "name": ("Activity Name",),
    "type": ("Activity Type",),
    "elapsed": ("Elapsed Time",),
    "moving": ("Moving Time",),
    "distance": ("Distance",),
    "avg_hr": ("Average Heart Rate",),
    "max_hr": ("Max Heart Rate",),
    "effort": ("Relative Effort",),
    "perceived": ("Perceived Exertion",),
    "ascent": ("Elevation Gain",),
    "speed": ("Average Speed",),
    "filename": ("Filename",),
}
_SECOND_COPY = ("elapsed", "moving", "distance", "max_hr", "effort", "avg_hr", "ascent", "speed")
_REQUIRED = ("id", "date", "type", "elapsed")

# Strava's activity type (lower case, letters only) → (sport, FIT-style sub_sport).
_TYPES: dict[str, tuple[str, str | None]] = {
    "run": ("running", None),
    "trailrun": ("running", "trail"),
    "virtualrun": ("running", "virtual_activity"),
    "treadmill": ("running", "treadmill"),
    "ride": ("cycling", None),
    "virtualride": ("cycling", "virtual_activity"),
    "mountainbikeride": ("cycling", "mountain"),
    "gravelride": ("cycling", "gravel_cycling"),
    "ebikeride": ("cycling", "e_bike_fitness"),
    "emountainbikeride": ("cycling", "e_bike_mountain"),
    "handcycle": ("cycling", "hand_cycling"),
    "walk": ("walking", None),
    "hike": ("hiking", None),
    "swim": ("swimming", None),
    "weighttraining": ("training", "strength_training"),
    "workout": ("training", None),
    "crossfit": ("training", None),
    "hiit": ("training", None),
    "yoga": ("training", "yoga"),
    "pilates": ("training", "pilates"),
    "elliptical": ("fitness_equipment", "elliptical"),
    "stairstepper": ("fitness_equipment", "stair_climbing"),
    "rowing": ("rowing", None),
    "virtualrow": ("rowing", "indoor_rowing"),
    "nordicski": ("cross_country_skiing", None),
    "alpineski": ("alpine_skiing", None),
}


@dataclass(frozen=True)
class StravaRow:
    """One activity as activities.csv describes it, in SI units; start_at is UTC."""

    line: int
    activity_id: str
    start_at: dt.datetime
    name: str
    activity_type: str  # as Strava wrote it, e.g. "Trail Run"
    sport: str  # running | cycling | walking | hiking | swimming | training | … | other
    sub_sport: str | None
    elapsed_s: float | None
    moving_s: float | None
    distance_m: float | None
    avg_hr_bpm: float | None
    max_hr_bpm: float | None
    total_ascent_m: float | None
    relative_effort: float | None
    srpe: float | None  # Perceived Exertion, 1–10
    filename: str  # "" for a manual activity

    @property
    def manual(self) -> bool:
        return not self.filename


def strava_sport(activity_type: str) -> tuple[str, str | None]:
    """Strava's activity type → (sport, sub_sport); ("other", None) for a type not listed.

    >>> strava_sport("Trail Run")
    ('running', 'trail')
    """
    return _TYPES.get(re.sub(r"[^a-z]", "", activity_type.lower()), ("other", None))


def parse_strava_activities(data: bytes) -> list[StravaRow]:
    """Read activities.csv; FormatError names the missing columns or each bad line and column."""
    records = read_records(decode_text(data, "Strava activities"), ",")
    if not records:
        raise FormatError("not a Strava activities.csv: the file is empty")
    header = Header.of(records[0], _ROLES, "Strava activities", second_copy=_SECOND_COPY)
    header.require(_REQUIRED)
    out: list[StravaRow] = []
    problems = Problems()
    for line, row in records[1:]:
        with problems.collect():
            out.append(_row(Cells(header, line, row)))
    problems.raise_any()
    if not out:
        raise FormatError("Strava activities.csv: no activities after the header")
    return out


def _row(cells: Cells) -> StravaRow:
    activity_id = cells.text("id")
    if not activity_id:
        raise cells.error("id", "an activity id", activity_id)
    when = parse_app_datetime(cells.text("date"))
    if when is None:
        raise cells.error("date", "a date like 'Feb 17, 2019, 6:26:44 AM'", cells.text("date"))
    when = when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)
    activity_type = cells.text("type")
    sport, sub_sport = strava_sport(activity_type)
    moving = cells.number("moving")
    return StravaRow(
        line=cells.line,
        activity_id=activity_id,
        start_at=when,
        name=cells.text("name"),
        activity_type=activity_type,
        sport=sport,
        sub_sport=sub_sport,
        elapsed_s=cells.number("elapsed"),
        moving_s=moving,
        distance_m=_distance_m(cells, moving),
        avg_hr_bpm=cells.number("avg_hr", high=300),
        max_hr_bpm=cells.number("max_hr", high=300),
        total_ascent_m=cells.number("ascent", high=1e5),
        relative_effort=cells.number("effort", high=1e5),
        srpe=cells.number("perceived", high=10),
        filename=cells.text("filename"),
    )


def _distance_m(cells: Cells, moving_s: float | None) -> float | None:
    distance = cells.number("distance")
    if distance is None or cells.header.count("Distance") > 1:
        return distance
    speed = cells.number("speed", high=1e4)
    if speed and moving_s:
        expected = speed * moving_s
        if abs(distance * 1000 - expected) < abs(distance - expected):
            return distance * 1000
    return distance


def strava_row_activity(row: StravaRow) -> Activity:
    """The activity a row describes, for a manual activity that has no file of its own."""
    return Activity(
        sport=row.sport,
        start_at=row.start_at,
        distance_m=row.distance_m,
        timer_s=row.moving_s,
        elapsed_s=row.elapsed_s,
        avg_hr_bpm=row.avg_hr_bpm,
        max_hr_bpm=row.max_hr_bpm,
        total_ascent_m=row.total_ascent_m,
        sub_sport=row.sub_sport,
        summary_from="strava-csv",
    )
