"""Weekly adherence counts, and moving a missed session without breaking the planner's rules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.catalog.vocab import WEEKDAYS
from runlift.planning.placement import blocked_reason, weekday
from runlift.training import StrengthSession, reschedule, week_start, weekly_adherence

MON = dt.date(2027, 2, 1)  # a Monday
DAYS = [MON + dt.timedelta(days=i) for i in range(7)]
TUE, WED, THU, FRI, SAT, SUN = DAYS[1:]
SAMPLE = {
    "mon": "rest",
    "tue": "quality",
    "wed": "easy",
    "thu": "quality",
    "fri": "rest",
    "sat": "easy",
    "sun": "long",
}


def done(on: dt.date, planned: str | None = None) -> StrengthSession:
    return StrengthSession(on, (), planned_session_id=planned)


def runner(week: dict[str, str], race: dt.date | None = None):  # type: ignore[no-untyped-def]
    def run_on(date: dt.date) -> str:
        return "race" if date == race else week[weekday(date)]

    return run_on


def test_week_start_is_monday() -> None:
    assert week_start(SUN) == MON
    assert week_start(MON) == MON


def test_matches_by_id_then_by_date_and_counts_extras_apart() -> None:
    planned = [(MON, "a"), (WED, "b"), (FRI, "c"), (MON + dt.timedelta(days=8), "d")]
    log = [
        done(THU, "b"),  # b, done a day late
        done(MON),  # a, by its date
        done(SUN),  # nothing planned on Sunday: an extra
    ]
    first, second = weekly_adherence(planned, log)
    assert (first.week_start, first.planned, first.done, first.extra) == (MON, 3, 2, 1)
    assert first.ratio == pytest.approx(2 / 3)
    assert first.missed == ("c",)
    assert (second.planned, second.done, second.extra, second.ratio) == (1, 0, 0, 0.0)
    assert second.missed == ("d",)


def test_extras_never_lift_the_ratio_above_one() -> None:
    (week,) = weekly_adherence([(TUE, "a")], [done(TUE, "a"), done(WED), done(SAT)])
    assert (week.done, week.extra, week.ratio) == (1, 2, 1.0)


def test_two_sessions_on_one_planned_day_match_once() -> None:
    (week,) = weekly_adherence([(TUE, "a")], [done(TUE), done(TUE)])
    assert (week.done, week.extra) == (1, 1)


def test_weeks_without_a_plan_have_no_ratio_and_gaps_are_kept() -> None:
    later = MON + dt.timedelta(days=14)
    weeks = weekly_adherence([(TUE, "a")], [done(later)])
    assert [w.week_start for w in weeks] == [MON, MON + dt.timedelta(7), later]
    assert weeks[1].ratio is None
    assert (weeks[2].planned, weeks[2].extra, weeks[2].ratio) == (0, 1, None)
    assert weekly_adherence([], []) == []


def test_a_late_session_counts_for_the_week_it_was_planned() -> None:
    weeks = weekly_adherence([(SUN, "a")], [done(SUN + dt.timedelta(days=1), "a")])
    assert [(w.planned, w.done, w.extra) for w in weeks] == [(1, 1, 0), (0, 0, 0)]


def test_missed_quality_day_moves_away_from_other_strength_days() -> None:
    # Tue missed; Thu has a session. Wed and Fri sit next to Thu, Sat is the day before the long
    # run: Sunday is the only day that is allowed and not next to a strength day.
    got = reschedule(TUE, DAYS, runner(SAMPLE), WEEKDAYS, None, {THU})
    assert got.moved_to == SUN
    assert not got.dropped
    assert got.reason == "Moved from Tue to Sun (after the long run)."


def test_next_to_a_strength_day_only_when_nothing_else_is_left() -> None:
    # Wed is the day before Thursday's quality run (blocked); Fri, next to Thursday's session, is
    # the only day left, so it is used and the reason says so.
    got = reschedule(TUE, DAYS, runner(SAMPLE), ("tue", "wed", "fri"), None, {THU})
    assert got.moved_to == FRI
    assert "only option" in got.reason
    # Every day allowed but Sunday taken too: Sat is before the long run, so Fri again.
    assert reschedule(TUE, DAYS, runner(SAMPLE), WEEKDAYS, None, {THU, SUN}).moved_to == FRI


def test_dropped_with_the_reason_when_no_day_is_allowed() -> None:
    got = reschedule(TUE, DAYS, runner(SAMPLE), ("tue", "sat"), None, set())
    assert got.dropped
    assert got.moved_to is None
    assert "the day before a long run" in got.reason


def test_today_limits_the_choice_and_past_days_are_not_used() -> None:
    week = dict.fromkeys(WEEKDAYS, "easy")
    assert reschedule(FRI, DAYS, runner(week), WEEKDAYS, None, set()).moved_to == SAT
    assert reschedule(WED, DAYS, runner(week), WEEKDAYS, None, set(), today=MON).moved_to == MON
    got = reschedule(SUN, DAYS, runner(week), WEEKDAYS, None, set())
    assert got.dropped


def test_race_week_keeps_the_last_two_days_free() -> None:
    week = dict.fromkeys(WEEKDAYS, "easy")
    got = reschedule(TUE, DAYS, runner(week, SUN), WEEKDAYS, SUN, {WED})
    assert got.moved_to is not None
    assert (SUN - got.moved_to).days >= 3  # Thu at the latest


run_types = st.sampled_from(["rest", "easy", "quality", "long"])
weeks = st.fixed_dictionaries(dict.fromkeys(WEEKDAYS, run_types))


@given(
    weeks,
    st.lists(st.sampled_from(WEEKDAYS), unique=True).map(tuple),
    st.none() | st.sampled_from([*DAYS, SUN + dt.timedelta(days=1)]),
    st.sets(st.sampled_from(DAYS), max_size=3),
    st.sampled_from(DAYS),
    st.none() | st.sampled_from(DAYS),
)
def test_never_a_blocked_or_taken_day(
    week: dict[str, str],
    available: tuple[str, ...],
    race: dt.date | None,
    taken: set[dt.date],
    missed: dt.date,
    today: dt.date | None,
) -> None:
    run_on = runner(week, race)
    got = reschedule(missed, DAYS, run_on, available, race, taken - {missed}, today=today)
    if got.moved_to is None:
        assert got.reason.startswith("Dropped")
        return
    assert got.moved_to in DAYS
    assert got.moved_to != missed
    assert got.moved_to not in taken
    assert blocked_reason(got.moved_to, run_on, available, race) is None
    assert got.moved_to >= (today or missed + dt.timedelta(days=1))
