"""The report over whole histories: flags, windows, estimates and what was skipped."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runlift.analytics import HeartProfile, PlannedRef, build_report
from runlift.analytics.flags import balance_flags, load_flags
from runlift.analytics.model import DayMetrics, WeekBalance
from runlift.app.catalog import catalog
from runlift.training.model import LoggedSet, Run, StrengthSession

MON = dt.date(2026, 3, 2)  # a Monday
UTC = dt.UTC


def run_on(on: dt.date, km: float, rpe: float | None = 5.0, **kw: object) -> Run:
    start = dt.datetime.combine(on, dt.time(7), UTC)
    return Run(start, km * 1000, km * 330, srpe=rpe, **kw)  # type: ignore[arg-type]


def day(on: dt.date, **kw: float | None) -> DayMetrics:
    base: dict[str, float | None] = {
        "load_run": 0.0, "load_strength": 0.0, "ctl": 0.0, "atl": 0.0, "tsb": 0.0, "acwr": None,
        "monotony": None, "strain": None,
    }  # fmt: skip
    base.update(kw)
    return DayMetrics(on=on, estimated=False, **base)  # type: ignore[arg-type]


def week(start: dt.date, km: float, **kw: float) -> WeekBalance:
    values = {
        "push_sets": 0.0,
        "pull_sets": 0.0,
        "knee_dominant_sets": 0.0,
        "hip_dominant_sets": 0.0,
    }
    values.update(kw)
    return WeekBalance(start, km * 1000, {}, adherence=None, strength_sessions=1, **values)


# --- flags -----------------------------------------------------------------------------------


def test_run_distance_jump_is_flagged_above_30_percent_only() -> None:
    weeks = [week(MON, 40), week(MON + dt.timedelta(7), 52), week(MON + dt.timedelta(14), 68)]
    # 40 → 52 is +30.0%: not flagged; 52 → 68 is +30.8%: flagged.
    flags = [f for f in load_flags([], weeks, MON + dt.timedelta(20)) if f.kind != "acwr-high"]
    assert [f.kind for f in flags] == ["run-distance-jump"]
    assert flags[0].id == f"{MON + dt.timedelta(14)}-run-distance-jump"
    assert "31%" in flags[0].message
    assert flags[0].adjustment == "maintenance-week"


def test_acwr_flag_once_a_week_with_the_running_rise_and_the_caveat() -> None:
    days = [day(MON - dt.timedelta(7) + dt.timedelta(i), load_run=100.0) for i in range(7)]
    days += [day(MON + dt.timedelta(i), load_run=145.0, acwr=1.6) for i in range(7)]
    flags = load_flags(days, [], MON + dt.timedelta(6))
    acwr = [f for f in flags if f.kind == "acwr-high"]
    assert len(acwr) == 1
    assert acwr[0].on == MON
    # 7 × 145 over 7 × 100: +45%.
    assert "rose 45% this week and ACWR is 1.60" in acwr[0].message
    assert "not an injury risk" in acwr[0].message
    assert "maintenance volume" in acwr[0].action


def test_acwr_below_high_and_monotony_at_two_are_not_flagged() -> None:
    days = [day(MON + dt.timedelta(i), acwr=1.49, monotony=2.0) for i in range(7)]
    assert load_flags(days, [], MON + dt.timedelta(6)) == []
    days[3] = day(MON + dt.timedelta(3), acwr=1.49, monotony=2.01)
    assert [f.kind for f in load_flags(days, [], MON + dt.timedelta(6))] == ["monotony-high"]


def test_balance_flags_push_pull_and_knee_hip() -> None:
    ok = week(MON, 0, push_sets=6, pull_sets=6, knee_dominant_sets=6, hip_dominant_sets=3)
    assert balance_flags([ok], MON + dt.timedelta(6)) == []  # knee:hip 2.0 is inside
    bad = week(MON, 0, push_sets=6, pull_sets=5, knee_dominant_sets=7, hip_dominant_sets=3)
    kinds = [f.kind for f in balance_flags([bad], MON + dt.timedelta(6))]
    assert kinds == ["push-pull", "knee-hip"]


# --- the whole report ------------------------------------------------------------------------


def test_a_jump_in_running_raises_both_flags_with_actions() -> None:
    runs = [run_on(MON + dt.timedelta(d), 8) for d in range(0, 42, 2)]  # steady 4 weeks+
    runs += [run_on(MON + dt.timedelta(d), 16, rpe=7) for d in range(42, 49)]  # a big week
    end = MON + dt.timedelta(48)
    report = build_report(runs, [], catalog(), HeartProfile(), [], MON + dt.timedelta(35), end)
    kinds = {f.kind for f in report.flags}
    assert {"acwr-high", "run-distance-jump"} <= kinds
    assert report.daily[-1].acwr is not None
    assert report.daily[-1].acwr > 1.5
    assert all(f.action for f in report.flags)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 90), st.floats(1, 30)), min_size=1, max_size=40),
    st.integers(0, 80),
)
def test_a_day_reads_the_same_whatever_the_window(runs: list[tuple[int, float]], cut: int) -> None:
    history = [run_on(MON + dt.timedelta(d), km) for d, km in runs]
    end = MON + dt.timedelta(90)
    wide = build_report(history, [], catalog(), HeartProfile(), [], MON - dt.timedelta(30), end)
    narrow = build_report(history, [], catalog(), HeartProfile(), [], MON + dt.timedelta(cut), end)
    by_day = {d.on: d for d in wide.daily}
    for d in narrow.daily:
        assert d == by_day[d.on]


def test_estimated_loads_are_marked_and_explained() -> None:
    runs = [
        run_on(MON, 10, rpe=None, avg_hr_bpm=150.0, max_hr_bpm=185.0),
        run_on(MON + dt.timedelta(1), 10),
    ]
    report = build_report(
        runs, [], catalog(), HeartProfile(rest_bpm=50), [], MON, MON + dt.timedelta(6)
    )
    assert report.daily[0].estimated
    assert not report.daily[1].estimated
    text = " ".join(report.notes)
    assert "Banister" in text
    assert "185 bpm" in text  # the highest recorded heart rate stands in for a tested maximum
    assert "not an injury probability" in text


def test_skipped_exercises_count_missed_sessions_and_dropped_exercises() -> None:
    planned = [
        PlannedRef(MON, "a", "moderate", 40, "A", ("back-squat", "push-up", "side-plank")),
        PlannedRef(MON + dt.timedelta(2), "b", "moderate", 40, "B", ("back-squat", "push-up")),
        PlannedRef(MON + dt.timedelta(30), "c", "moderate", 40, "C", ("push-up",)),  # future
    ]
    done = [
        StrengthSession(
            MON, (LoggedSet("back-squat", 1, reps=5, load_kg=60),), planned_session_id="a"
        )
    ]
    report = build_report([], done, catalog(), HeartProfile(), planned, MON, MON + dt.timedelta(6))
    # A: push-up and side-plank dropped; B missed: back-squat and push-up.
    assert report.skipped == (("push-up", 2), ("back-squat", 1), ("side-plank", 1))
    assert report.weekly[0].adherence == pytest.approx(0.5)
