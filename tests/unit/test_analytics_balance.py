"""Weekly muscle balance, pull:push and knee:hip ratios, and coverage gaps, against hand sums."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.analytics.balance import (
    KNEE_HIP_RANGE,
    PULL_PUSH_MIN,
    UPPER_BACK_PULLING,
    coverage_gaps,
    knee_hip_ratio,
    push_pull_ratio,
    week_balance,
    weekly_balance,
)
from runlift.analytics.model import WeekBalance
from runlift.catalog import load_default_catalog
from runlift.catalog.vocab import MUSCLES
from runlift.planning.coverage import MUST_HAVES
from runlift.training.model import LoggedSet, Run, StrengthSession

CATALOG = load_default_catalog()
MON = dt.date(2027, 2, 1)  # a Monday
SUN = MON + dt.timedelta(days=6)
NEXT_MON = MON + dt.timedelta(days=7)
STRAIGHT_CALF = MUST_HAVES["calf-straight"]
BENT_CALF = MUST_HAVES["calf-bent"]


def sets(
    exercise_id: str,
    n: int,
    *,
    side: str = "both",
    warmup: bool = False,
    reps: int = 8,
    load_kg: float | None = 40.0,
) -> tuple[LoggedSet, ...]:
    return tuple(
        LoggedSet(exercise_id, i, reps=reps, load_kg=load_kg, side=side, warmup=warmup)
        for i in range(n)
    )


def session(
    on: dt.date, *groups: tuple[LoggedSet, ...], planned: str | None = None
) -> StrengthSession:
    return StrengthSession(on, tuple(s for g in groups for s in g), planned_session_id=planned)


def one_week(*sessions: StrengthSession) -> WeekBalance:
    (week,) = weekly_balance(sessions, (), CATALOG, MON, SUN)
    return week


def test_back_squat_counts_primary_one_and_secondary_half() -> None:
    # back-squat: primary quadriceps; secondary core, hamstrings, glutes.
    # 3 working sets → quadriceps 3 × 1 = 3; glutes 3 × 0.5 = 1.5; the warm-up set counts 0.
    week = one_week(session(MON, sets("back-squat", 1, warmup=True), sets("back-squat", 3)))
    assert week.muscle_sets["quadriceps"] == 3.0
    assert week.muscle_sets["glutes"] == 1.5
    assert week.muscle_sets["hamstrings"] == 1.5
    assert week.muscle_sets["core"] == 1.5
    assert week.knee_dominant_sets == 3.0
    assert week.hip_dominant_sets == 0.0
    assert week.strength_sessions == 1
    # Every muscle of the vocabulary is there, untrained ones at 0.
    assert list(week.muscle_sets) == list(MUSCLES)
    assert week.muscle_sets["biceps"] == 0.0


def test_a_left_and_right_set_pair_is_one_set() -> None:
    # single-leg-deadlift: primary glutes, hamstrings; secondary hip-abductors, core, feet.
    # one left + one right set = 0.5 + 0.5 = 1 set → glutes 1, hip-abductors 0.5, hip-dominant 1.
    week = one_week(
        session(
            MON,
            sets("single-leg-deadlift", 1, side="left"),
            sets("single-leg-deadlift", 1, side="right"),
        )
    )
    assert week.muscle_sets["glutes"] == 1.0
    assert week.muscle_sets["hamstrings"] == 1.0
    assert week.muscle_sets["hip-abductors"] == 0.5
    assert week.muscle_sets["feet"] == 0.5
    assert week.hip_dominant_sets == 1.0
    assert week.strength_sessions == 1


def test_push_pull_and_knee_hip_ratios() -> None:
    # push-up 3 sets → push 3. dumbbell-row 2 left + 2 right → pull 4 × 0.5 = 2. band-pull-apart
    # 2 → pull 4. Ratio pull ÷ push = 4 / 3.
    # split-squat 4 left + 4 right → knee 4; romanian-deadlift 2 → hip 2. Ratio knee ÷ hip = 2.0.
    week = one_week(
        session(
            MON,
            sets("push-up", 3),
            sets("dumbbell-row", 2, side="left"),
            sets("dumbbell-row", 2, side="right"),
            sets("band-pull-apart", 2),
            sets("split-squat", 4, side="left"),
            sets("split-squat", 4, side="right"),
            sets("romanian-deadlift", 2),
        )
    )
    assert (week.push_sets, week.pull_sets) == (3.0, 4.0)
    assert (week.knee_dominant_sets, week.hip_dominant_sets) == (4.0, 2.0)
    ratio = push_pull_ratio(week)
    assert ratio == pytest.approx(4 / 3)
    assert ratio is not None
    assert ratio >= PULL_PUSH_MIN
    assert knee_hip_ratio(week) == 2.0
    assert KNEE_HIP_RANGE == (0.5, 2.0)


def test_ratios_are_none_without_a_denominator() -> None:
    week = one_week(session(MON, sets("pull-up", 3), sets("back-squat", 3)))
    assert push_pull_ratio(week) is None
    assert knee_hip_ratio(week) is None


def test_unknown_exercises_are_counted_apart() -> None:
    # 2 working sets of an imported custom exercise (its warm-up is not a hard set), 1 squat.
    week = one_week(
        session(
            MON,
            sets("custom-sled-push", 1, warmup=True),
            sets("custom-sled-push", 2),
            sets("back-squat", 1),
        )
    )
    assert week.unmapped_sets == 2
    assert week.muscle_sets["quadriceps"] == 1.0  # only the squat
    assert sum(week.muscle_sets.values()) == 1.0 + 3 * 0.5


def test_weeks_start_on_monday_and_the_window_is_inclusive() -> None:
    before = session(MON - dt.timedelta(days=1), sets("back-squat", 5))  # outside the window
    on_sunday = session(SUN, sets("back-squat", 3))
    on_monday = session(NEXT_MON, sets("back-squat", 2))
    after = session(NEXT_MON + dt.timedelta(days=1), sets("back-squat", 7))  # after end
    first, second = weekly_balance(
        [before, on_sunday, on_monday, after], (), CATALOG, MON, NEXT_MON
    )
    assert (first.week_start, second.week_start) == (MON, NEXT_MON)
    assert first.muscle_sets["quadriceps"] == 3.0
    assert second.muscle_sets["quadriceps"] == 2.0  # Tuesday's 7 sets are after the window


def test_a_window_starting_midweek_gives_that_weeks_monday() -> None:
    wed = MON + dt.timedelta(days=2)
    weeks = weekly_balance(
        [session(MON, sets("back-squat", 4)), session(SUN, sets("back-squat", 1))],
        (),
        CATALOG,
        wed,
        NEXT_MON,
    )
    assert [w.week_start for w in weeks] == [MON, NEXT_MON]
    assert weeks[0].muscle_sets["quadriceps"] == 1.0  # Monday is before the window
    assert week_balance is weekly_balance


def run(at: dt.datetime, km: float, sport: str = "running", sub: str | None = None) -> Run:
    return Run(start_at=at, distance_m=km * 1000, timer_s=km * 300, sport=sport, sub_sport=sub)


def test_running_distance_by_utc_date_and_running_sport_only() -> None:
    utc, cest = dt.UTC, dt.timezone(dt.timedelta(hours=2))
    runs = [
        run(dt.datetime(2027, 2, 7, 23, 30, tzinfo=utc), 10),  # Sunday, UTC
        # Monday 00:30 at +02:00 is Sunday 22:30 UTC: the first week.
        run(dt.datetime(2027, 2, 8, 0, 30, tzinfo=cest), 5, sub="trail"),
        run(dt.datetime(2027, 2, 8, 6, 0, tzinfo=utc), 8, sub="treadmill"),  # Monday
        run(dt.datetime(2027, 2, 3, 6, 0, tzinfo=utc), 40, sport="cycling"),  # not running
        run(dt.datetime(2027, 2, 4, 6, 0, tzinfo=utc), 6, sport="walking"),  # not running
    ]
    first, second = weekly_balance((), runs, CATALOG, MON, NEXT_MON)
    assert first.run_distance_m == 15_000.0  # 10 km + 5 km
    assert second.run_distance_m == 8_000.0
    assert first.strength_sessions == 0


def test_adherence_and_missed_sessions_per_week() -> None:
    wed = MON + dt.timedelta(days=2)
    planned = [(MON, "a"), (wed, "b")]
    first, second = weekly_balance(
        [session(MON, sets("back-squat", 3))], (), CATALOG, MON, NEXT_MON, planned
    )
    assert first.adherence == 0.5  # 1 done of 2 planned
    assert first.missed == ("b",)
    assert second.adherence is None  # nothing planned
    assert second.missed == ()


def test_an_empty_window_gives_no_weeks() -> None:
    assert weekly_balance((), (), CATALOG, NEXT_MON, MON) == []


TODAY = dt.date(2027, 3, 15)


def test_every_gap_when_nothing_was_trained() -> None:
    assert coverage_gaps((), CATALOG, TODAY) == [*MUST_HAVES.values(), UPPER_BACK_PULLING]


def test_no_calf_work_in_14_days_reports_both_calf_gaps_and_training_removes_them() -> None:
    # 14 days ending today = TODAY − 13 .. TODAY; 14 days ago is outside.
    old = session(
        TODAY - dt.timedelta(days=14),
        sets("straight-knee-calf-raise", 3),
        sets("seated-calf-raise", 3),
    )
    rest = session(TODAY - dt.timedelta(days=3), sets("pull-up", 3), sets("romanian-deadlift", 3))
    gaps = coverage_gaps([old, rest], CATALOG, TODAY)
    assert STRAIGHT_CALF in gaps
    assert BENT_CALF in gaps
    assert BENT_CALF == "bent-knee (soleus) calf raise"
    assert MUST_HAVES["hamstrings"] not in gaps
    assert UPPER_BACK_PULLING not in gaps

    warm_only = session(TODAY - dt.timedelta(days=13), sets("bent-knee-calf-raise", 2, warmup=True))
    assert BENT_CALF in coverage_gaps([old, rest, warm_only], CATALOG, TODAY)

    recent = session(
        TODAY - dt.timedelta(days=13),
        sets("single-leg-calf-raise", 2, side="left"),
        sets("bent-knee-calf-raise", 3),
    )
    gaps = coverage_gaps([old, rest, recent], CATALOG, TODAY)
    assert STRAIGHT_CALF not in gaps
    assert BENT_CALF not in gaps
    # a future-dated session does not cover today's gaps
    future = session(TODAY + dt.timedelta(days=1), sets("pull-up", 3))
    assert UPPER_BACK_PULLING in coverage_gaps([future], CATALOG, TODAY)


def test_gap_window_length_is_configurable() -> None:
    s = session(TODAY - dt.timedelta(days=7), sets("seated-calf-raise", 3))
    assert BENT_CALF not in coverage_gaps([s], CATALOG, TODAY, days=8)
    assert BENT_CALF in coverage_gaps([s], CATALOG, TODAY, days=7)


def test_custom_exercises_cover_nothing() -> None:
    s = session(TODAY, sets("custom-calf-thing", 5))
    assert coverage_gaps([s], CATALOG, TODAY) == coverage_gaps((), CATALOG, TODAY)


# --- properties -------------------------------------------------------------------------------

EXERCISE_IDS = [ex.id for ex in CATALOG] + ["custom-unknown"]
a_set = st.builds(
    LoggedSet,
    exercise_id=st.sampled_from(EXERCISE_IDS),
    order=st.integers(0, 20),
    reps=st.integers(0, 30),
    load_kg=st.none() | st.floats(0, 300),
    side=st.sampled_from(["both", "left", "right"]),
    warmup=st.booleans(),
)
a_day = st.integers(0, 13).map(lambda d: MON + dt.timedelta(days=d))


@given(st.lists(st.tuples(a_day, st.lists(a_set, max_size=8)), max_size=6), a_day, a_set)
def test_adding_a_working_set_never_lowers_a_muscle_and_nothing_is_negative(
    logged: list[tuple[dt.date, list[LoggedSet]]], on: dt.date, extra: LoggedSet
) -> None:
    sessions = [StrengthSession(day, tuple(ss)) for day, ss in logged]
    working = LoggedSet(extra.exercise_id, extra.order, reps=extra.reps, side=extra.side)
    before = weekly_balance(sessions, (), CATALOG, MON, NEXT_MON + dt.timedelta(days=6))
    after = weekly_balance(
        [*sessions, StrengthSession(on, (working,))],
        (),
        CATALOG,
        MON,
        NEXT_MON + dt.timedelta(days=6),
    )
    for b, a in zip(before, after, strict=True):
        assert set(a.muscle_sets) == set(MUSCLES)
        for muscle in MUSCLES:
            assert b.muscle_sets[muscle] >= 0.0
            assert a.muscle_sets[muscle] >= b.muscle_sets[muscle]
        for field in ("push_sets", "pull_sets", "knee_dominant_sets", "hip_dominant_sets"):
            assert getattr(a, field) >= getattr(b, field) >= 0.0
        assert a.unmapped_sets >= b.unmapped_sets >= 0
    # the added set is counted somewhere: a muscle of its exercise, or the unmapped count
    total_before = sum(sum(w.muscle_sets.values()) + w.unmapped_sets for w in before)
    total_after = sum(sum(w.muscle_sets.values()) + w.unmapped_sets for w in after)
    assert total_after > total_before
