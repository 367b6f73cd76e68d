"""Exercise trends, personal records, running weeks and slopes, against numbers worked by hand.

e1RM expectations follow what ``e1rm_of_set`` documents, computed here from the published
formulas, not by calling it: without an RPE the mean of Epley w·(1 + r/30) and Brzycki
w·36/(37 − r) (Reynolds 2006); with an RPE, load ÷ %1RM from the RTS chart in docs/science.md.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.analytics.model import E1rmPoint
from runlift.analytics.trends import Record, exercise_trends, prs, run_weeks, trend_slope
from runlift.catalog import Catalog
from runlift.training import LoggedSet, Run, StrengthSession

D1, D2, D3 = dt.date(2027, 3, 1), dt.date(2027, 3, 8), dt.date(2027, 3, 15)  # Mondays
BEFORE = dt.date(2027, 2, 22)
END = dt.date(2027, 3, 21)

# 100 kg × 5, no RPE: Epley 100 × (1 + 5/30) = 116.667; Brzycki 100 × 36/32 = 112.5;
# mean (116.667 + 112.5) / 2 = 114.583.
E1RM_100X5 = 114.583
# 105 kg × 5: Epley 105 × 7/6 = 122.5; Brzycki 105 × 36/32 = 118.125; mean 120.3125.
E1RM_105X5 = 120.3125
# 105 kg × 6: Epley 105 × 1.2 = 126.0; Brzycki 105 × 36/31 = 121.935; mean 123.968.
E1RM_105X6 = 123.968
# 100 kg × 5 at RPE 8: effective reps 5 + (10 − 8) = 7 → 81.1% (RTS chart); 100 / 0.811 = 123.305.
E1RM_100X5_RPE8 = 123.305


def lift(
    exercise_id: str,
    reps: int | None = None,
    load: float | None = None,
    *,
    rpe: float | None = None,
    hold: float | None = None,
    contacts: int | None = None,
    warmup: bool = False,
    source_name: str | None = None,
) -> LoggedSet:
    return LoggedSet(
        exercise_id,
        order=0,
        reps=reps,
        duration_s=hold,
        contacts=contacts,
        load_kg=load,
        rpe=rpe,
        warmup=warmup,
        source_name=source_name,
    )


def session(on: dt.date, *sets: LoggedSet) -> StrengthSession:
    return StrengthSession(on, sets)


def test_exercise_trend_points_best_and_change(catalog: Catalog) -> None:
    sessions = [
        session(
            D1,
            lift("back-squat", 3, 140.0, warmup=True),  # a warm-up, however heavy, is left out
            lift("back-squat", 5, 100.0),
            lift("back-squat", 5, 90.0),
        ),
        session(D2, lift("back-squat", 5, 105.0)),
        session(D3, lift("back-squat", 5, 100.0, rpe=8.0)),
        session(BEFORE, lift("back-squat", 5, 200.0)),  # outside the window
    ]
    [trend] = exercise_trends(sessions, catalog, D1, END)
    assert trend.name == "Back Squat"
    assert trend.sessions == 3
    assert [p.on for p in trend.e1rm] == [D1, D2, D3]
    assert [p.e1rm_kg for p in trend.e1rm] == pytest.approx(
        [E1RM_100X5, E1RM_105X5, E1RM_100X5_RPE8], abs=1e-3
    )
    assert trend.best_e1rm_kg == pytest.approx(E1RM_100X5_RPE8, abs=1e-3)
    assert trend.best_e1rm_on == D3
    # (123.305 − 114.583) / 114.583 × 100 = 7.611%
    assert trend.change_pct == pytest.approx(7.611, abs=1e-3)


def test_best_e1rm_date_is_the_first_day_it_was_reached(catalog: Catalog) -> None:
    sessions = [session(d, lift("back-squat", 5, 100.0)) for d in (D1, D2)]
    [trend] = exercise_trends(sessions, catalog, D1, END)
    assert trend.best_e1rm_on == D1
    assert trend.change_pct == pytest.approx(0.0)


def test_holds_contacts_names_and_order(catalog: Catalog) -> None:
    sessions = [
        session(D1, lift("front-plank", hold=30.0), lift("pogo-hops", contacts=40)),
        session(D1, lift("pogo-hops", contacts=40), lift("pogo-hops", contacts=20)),
        session(D2, lift("front-plank", hold=45.0), lift("back-squat", 5, 100.0)),
        session(D3, lift("front-plank", hold=40.0), lift("back-squat", 5, 100.0)),
        session(D3, lift("front-plank", hold=20.0), lift("romanian-deadlift", 8, 60.0)),
        session(D3, lift("custom-sled-push", hold=20.0, load=40.0, source_name="Sled Push")),
        session(D3, lift("custom-thing", 10)),
    ]
    trends = {t.exercise_id: t for t in exercise_trends(sessions, catalog, D1, END)}
    # With e1RM points first (back-squat 2 sessions, RDL 1), then the rest: plank 4 sessions,
    # pogo-hops 2, then the two custom ones with 1 each, by id.
    assert list(trends) == [
        "back-squat",
        "romanian-deadlift",
        "front-plank",
        "pogo-hops",
        "custom-sled-push",
        "custom-thing",
    ]
    assert trends["front-plank"].longest_hold_s == 45.0
    assert trends["front-plank"].e1rm == ()
    assert trends["front-plank"].change_pct is None
    assert trends["pogo-hops"].contacts == 100  # 40 + 40 + 20
    assert trends["pogo-hops"].longest_hold_s is None
    assert trends["romanian-deadlift"].change_pct is None  # one point only
    assert trends["pogo-hops"].name == "Pogo Hops"
    assert trends["custom-sled-push"].name == "Sled Push"  # the importing app's name
    assert trends["custom-thing"].name == "custom-thing"  # nothing better than the id


def test_two_sessions_on_one_day_give_one_point(catalog: Catalog) -> None:
    sessions = [
        session(D1, lift("back-squat", 5, 100.0)),
        session(D1, lift("back-squat", 5, 105.0)),
    ]
    [trend] = exercise_trends(sessions, catalog, D1, END)
    assert trend.e1rm == (E1rmPoint(D1, pytest.approx(E1RM_105X5)),)  # type: ignore[arg-type]
    assert trend.sessions == 2


def test_a_pr_counts_the_first_time_only() -> None:
    sessions = [
        session(BEFORE, lift("back-squat", 5, 100.0)),
        session(D1, lift("back-squat", 5, 105.0)),  # e1RM and load records
        session(D2, lift("back-squat", 5, 105.0)),  # the same again: no record
        session(D3, lift("back-squat", 6, 105.0), lift("back-squat", 4, 105.0)),
    ]
    assert prs(sessions, D1, END) == [
        Record(D1, "back-squat", "e1rm", pytest.approx(E1RM_105X5), "kg"),  # type: ignore[arg-type]
        Record(D1, "back-squat", "load", 105.0, "kg"),
        # Nothing at 105 kg or heavier before D1, so 5 reps there was a baseline; 6 beats it.
        Record(D3, "back-squat", "e1rm", pytest.approx(E1RM_105X6, abs=1e-3), "kg"),  # type: ignore[arg-type]
        Record(D3, "back-squat", "reps", 6, "reps", 105.0),
    ]


def test_a_pr_has_to_beat_history_before_the_window() -> None:
    sessions = [
        session(BEFORE, lift("back-squat", 5, 120.0), lift("front-plank", hold=60.0)),
        # The window's best, but 110 × 5 (e1RM (128.33 + 123.75) / 2 = 126.04) is below
        # 120 × 5 (e1RM 137.5), 110 kg is lighter and 5 reps ties the 5 done at 120 kg.
        session(D1, lift("back-squat", 5, 110.0), lift("front-plank", hold=45.0)),
    ]
    assert prs(sessions, D1, END) == []


def test_holds_bodyweight_reps_and_reps_against_heavier_sets() -> None:
    sessions = [
        session(
            BEFORE,
            lift("front-plank", hold=60.0),
            lift("push-up", 20),
            lift("back-squat", 8, 100.0),
        ),
        session(
            D1, lift("front-plank", hold=75.0), lift("push-up", 22), lift("back-squat", 7, 90.0)
        ),
        session(D2, lift("back-squat", 9, 90.0)),
    ]
    assert prs(sessions, D1, END) == [
        Record(D1, "front-plank", "hold", 75.0, "s"),
        Record(D1, "push-up", "reps", 22, "reps", None),  # bodyweight
        # 7 × 90 kg is no record: 8 reps were done at a heavier 100 kg. 9 beats that.
        Record(D2, "back-squat", "reps", 9, "reps", 90.0),
    ]


def test_the_first_sets_ever_are_a_baseline_not_records() -> None:
    sessions = [session(D1, lift("back-squat", 5, 100.0), lift("front-plank", hold=60.0))]
    assert prs(sessions, D1, END) == []


def run(
    on: dt.date, km: float, minutes: float, hr: float | None = None, sport: str = "running"
) -> Run:
    start_at = dt.datetime.combine(on, dt.time(7), tzinfo=dt.UTC)
    return Run(start_at, km * 1000.0, minutes * 60.0, avg_hr_bpm=hr, sport=sport)


WED, SUN = dt.date(2027, 3, 3), dt.date(2027, 3, 21)
RUNS = [
    run(dt.date(2027, 3, 1), 8.0, 40.0, 140.0),  # Monday before the window opens
    run(dt.date(2027, 3, 4), 10.0, 50.0, 150.0),
    run(dt.date(2027, 3, 5), 30.0, 60.0, 130.0, sport="cycling"),
    run(dt.date(2027, 3, 6), 5.0, 20.0, 175.0),
    run(dt.date(2027, 3, 7), 6.0, 30.0),  # no heart rate
    run(dt.date(2027, 3, 20), 12.0, 66.0, 145.0),
]


def test_run_weeks_include_a_week_without_runs() -> None:
    weeks = run_weeks(RUNS, WED, SUN, 150.0)
    assert [w.week_start for w in weeks] == [D1, D2, D3]
    # Week 1: 10 + 5 + 6 km of running; the ride and the run before the window are left out.
    assert (weeks[0].distance_m, weeks[0].runs) == (21000.0, 3)
    assert (weeks[1].distance_m, weeks[1].runs) == (0.0, 0)
    assert weeks[1].easy_pace_s_per_km is None
    assert weeks[1].m_per_beat is None
    assert (weeks[2].distance_m, weeks[2].runs) == (12000.0, 1)


def test_easy_runs_are_filtered_by_heart_rate() -> None:
    week = run_weeks(RUNS, WED, SUN, 150.0)[0]
    # Only the 10 km in 50 min at 150 bpm is easy (175 bpm is over; no HR cannot tell).
    assert week.easy_pace_s_per_km == pytest.approx(300.0)  # 3000 s / 10 km
    assert week.easy_hr_bpm == pytest.approx(150.0)
    # 10 000 m / (150 bpm × 50 min) = 10 000 / 7500 = 1.333 m/beat
    assert week.m_per_beat == pytest.approx(1.3333, abs=1e-4)


def test_without_a_ceiling_every_run_with_hr_is_easy() -> None:
    week = run_weeks(RUNS, WED, SUN, None)[0]
    # 10 km / 50 min / 150 bpm and 5 km / 20 min / 175 bpm:
    # pace (3000 + 1200) s / 15 km = 280 s/km
    assert week.easy_pace_s_per_km == pytest.approx(280.0)
    # HR (150 × 3000 + 175 × 1200) / 4200 = 660 000 / 4200 = 157.143 bpm
    assert week.easy_hr_bpm == pytest.approx(157.143, abs=1e-3)
    # beats 150 × 50 + 175 × 20 = 7500 + 3500 = 11 000; 15 000 m / 11 000 = 1.3636 m/beat
    assert week.m_per_beat == pytest.approx(1.3636, abs=1e-4)


def test_slope_of_a_straight_line() -> None:
    # +2 kg every 7 days is 2 per week; +1 a day is 7 per week.
    assert trend_slope([(D1, 100.0), (D2, 102.0), (D3, 104.0)]) == pytest.approx(2.0)
    assert trend_slope([(D1, 10.0), (D1 + dt.timedelta(days=1), 11.0)]) == pytest.approx(7.0)
    assert trend_slope([(D1, 50.0), (D3, 50.0)]) == pytest.approx(0.0)


def test_slope_needs_two_distinct_dates() -> None:
    assert trend_slope([]) is None
    assert trend_slope([(D1, 100.0)]) is None
    assert trend_slope([(D1, 100.0), (D1, 110.0)]) is None


ORIGIN = dt.date(2027, 1, 1)
runs_strategy = st.lists(
    st.builds(
        lambda day, metres, sport: run(
            ORIGIN + dt.timedelta(days=day), metres / 1000, 30.0, 150.0, sport
        ),
        st.integers(0, 90),
        st.floats(0, 50_000, allow_nan=False),
        st.sampled_from(["running", "cycling", "walking"]),
    ),
    max_size=30,
)


@given(runs_strategy, st.integers(0, 90), st.integers(0, 60))
def test_weekly_distance_adds_up_to_the_running_in_the_window(
    runs: list[Run], first: int, length: int
) -> None:
    start = ORIGIN + dt.timedelta(days=first)
    end = start + dt.timedelta(days=length)
    weeks = run_weeks(runs, start, end, None)
    in_window = [r for r in runs if r.sport == "running" and start <= r.start_at.date() <= end]
    assert sum(w.distance_m for w in weeks) == pytest.approx(sum(r.distance_m for r in in_window))
    assert sum(w.runs for w in weeks) == len(in_window)
    # Consecutive Mondays, from the week holding start to the week holding end.
    assert all(w.week_start.weekday() == 0 for w in weeks)
    assert weeks[0].week_start <= start < weeks[0].week_start + dt.timedelta(days=7)
    assert weeks[-1].week_start <= end < weeks[-1].week_start + dt.timedelta(days=7)
    assert all((b.week_start - a.week_start).days == 7 for a, b in itertools.pairwise(weeks))
