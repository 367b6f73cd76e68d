"""Activity summaries from sessions, laps or records, and the streams inside each activity."""

from __future__ import annotations

from test_fit_writer import (
    EVENT,
    FILE_ID,
    FILE_ID_FIELDS,
    LAP,
    RECORD,
    RECORD_FIELDS,
    SESSION,
    SESSION_FIELDS,
    T0,
    FitWriter,
)

from runlift.formats.fit import parse_fit
from runlift.formats.fit.summary import sport_names, timer_from_events

EVENT_FIELDS = [(253, "uint32", 1), (0, "enum", 1), (1, "enum", 1)]
LAP_FIELDS = [
    (253, "uint32", 1),
    (2, "uint32", 1),
    (7, "uint32", 1),
    (8, "uint32", 1),
    (9, "uint32", 1),
    (15, "uint8", 1),
    (16, "uint8", 1),
    (25, "enum", 1),
]
TIMER, START, STOP_ALL = 0, 0, 4


def with_records(seconds: range, hr: int = 120) -> FitWriter:
    w = FitWriter().define(0, FILE_ID, FILE_ID_FIELDS).message(0, 4)
    w.define(1, RECORD, RECORD_FIELDS)
    for t in seconds:
        w.message(1, T0 + t, hr + t % 5, 300 * t)
    return w


def test_sport_names() -> None:
    assert sport_names(1, 3) == ("running", "trail")
    assert sport_names(0, 0) == ("other", None)  # generic
    assert sport_names(None, None) == ("other", None)
    assert sport_names(200, 200) == ("other", None)  # not in the profile
    assert sport_names(10, 20) == ("training", "strength_training")


def test_the_timer_stops_for_pauses() -> None:
    w = with_records(range(301))
    w.define(2, EVENT, EVENT_FIELDS)
    w.message(2, T0, TIMER, START).message(2, T0 + 100, TIMER, STOP_ALL)
    w.message(2, T0 + 160, TIMER, START)
    (a,) = parse_fit(w.build()).activities
    assert a.summary_from == "records"
    assert (a.elapsed_s, a.timer_s) == (300, 100 + 140)
    assert a.distance_m == 900.0  # the last record's cumulative distance
    assert a.avg_hr_bpm == 122.0
    assert a.max_hr_bpm == 124


def test_timer_events_edge_cases() -> None:
    def event(t: int, kind: int) -> dict[str, int | float | str | tuple[int | float, ...]]:
        return {"timestamp": t, "event": TIMER, "event_type": kind}

    assert timer_from_events([], 0, 50) == 50
    assert timer_from_events([event(20, STOP_ALL)], 0, 50) == 20  # ran from the start
    assert timer_from_events([event(10, START), event(10, START)], 0, 50) == 40
    assert timer_from_events([event(-5, START), event(80, STOP_ALL)], 0, 50) == 50  # clamped
    marker = {"timestamp": 5, "event": 3, "event_type": 3}  # workout markers do not count
    assert timer_from_events([marker], 0, 50) == 50
    untyped = {"timestamp": 20, "event": TIMER}  # no event_type: ignored, and no sort trouble
    assert timer_from_events([event(20, STOP_ALL), untyped, event(30, START)], 0, 50) == 40


def test_laps_give_the_summary_when_there_is_no_session() -> None:
    w = with_records(range(201))
    w.define(2, LAP, LAP_FIELDS)
    w.message(2, T0 + 100, T0, 100_000, 95_000, 30_000, 150, 170, 1)
    w.message(2, T0 + 200, T0 + 100, 100_000, 100_000, 30_500, 160, 180, 1)
    (a,) = parse_fit(w.build()).activities
    assert a.summary_from == "laps"
    assert (a.sport, a.distance_m, a.timer_s, a.elapsed_s) == ("running", 605.0, 195.0, 200)
    assert a.avg_hr_bpm == round((150 * 95 + 160 * 100) / 195, 1)
    assert a.max_hr_bpm == 180
    assert len(a.hr_samples) == 201


def test_laps_that_stop_short_of_the_records_are_not_the_summary() -> None:
    """A file cut short keeps its early laps but not the rest: the records say more."""
    w = with_records(range(1000))
    w.define(2, LAP, LAP_FIELDS).message(2, T0 + 100, T0, 100_000, 100_000, 30_000, 150, 170, 1)
    (a,) = parse_fit(w.build()).activities
    assert a.summary_from == "records"
    assert a.elapsed_s == 999


def session(w: FitWriter, start: int, seconds: int, sport: int, hr: int = 0) -> None:
    w.message(3, start + seconds, start, sport, 0, seconds * 1000, seconds * 1000, 100, hr, hr, 0)


def test_one_activity_per_session_with_its_own_records() -> None:
    w = with_records(range(100))
    w.define(3, SESSION, SESSION_FIELDS)
    session(w, T0 + 50, 49, 1, hr=140)  # written first, starts second
    session(w, T0, 40, 2, hr=130)
    ride, run = parse_fit(w.build()).activities  # in time order
    assert (ride.sport, run.sport) == ("cycling", "running")
    assert ride.hr_samples[0] == (0, 120)
    assert len(ride.hr_samples) == 41
    assert run.hr_samples[0] == (0, 120)
    assert len(run.hr_samples) == 50
    assert run.distance_samples[-1] == (49, 297.0)


def test_a_session_without_heart_rate_takes_it_from_its_records() -> None:
    w = with_records(range(10), hr=100)
    w.define(3, SESSION, SESSION_FIELDS)
    session(w, T0, 9, 1, hr=0)  # 0: the writer had no heart rate
    (a,) = parse_fit(w.build()).activities
    assert (a.avg_hr_bpm, a.max_hr_bpm) == (102.0, 104)


def test_heart_rates_of_0_and_255_are_no_samples() -> None:
    w = FitWriter().define(0, FILE_ID, FILE_ID_FIELDS).message(0, 4)
    w.define(1, RECORD, RECORD_FIELDS)
    for t, hr in enumerate((0, 130, 255, 131)):
        w.message(1, T0 + t, hr, 0xFFFFFFFF if t == 1 else 100 * t)
    (a,) = parse_fit(w.build()).activities
    assert a.hr_samples == ((1, 130), (3, 131))
    assert a.distance_samples == ((0, 0.0), (2, 2.0), (3, 3.0))


def test_a_session_without_a_start_time_is_noted() -> None:
    w = FitWriter().define(0, FILE_ID, FILE_ID_FIELDS).message(0, 4)
    w.define(1, SESSION, [(16, "uint8", 1)]).message(1, 100)
    parsed = parse_fit(w.build())
    assert parsed.activities == ()
    assert parsed.skipped == ("session 1 has no start time: not imported",)


def test_a_single_record_is_no_activity() -> None:
    parsed = parse_fit(with_records(range(1)).build())
    assert parsed.activities == ()
    assert parsed.skipped == ("a single timestamped record and no session or lap: not imported",)
