"""Weekly placement: hard rules never broken, preferences followed, reasons given."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from runlift.catalog.vocab import WEEKDAYS
from runlift.planning.placement import blocked_reason, place, weekday

MON = dt.date(2027, 2, 1)  # a Monday
DAYS = [MON + dt.timedelta(days=i) for i in range(7)]


def runner(week: dict[str, str], race: dt.date | None = None):  # type: ignore[no-untyped-def]
    def run_on(date: dt.date) -> str:
        return "race" if date == race else week[weekday(date)]

    return run_on


SAMPLE = {
    "mon": "rest",
    "tue": "quality",
    "wed": "easy",
    "thu": "quality",
    "fri": "rest",
    "sat": "easy",
    "sun": "long",
}


def test_sample_week_uses_quality_days_not_the_day_before_the_long_run() -> None:
    placed = place(DAYS, 2, runner(SAMPLE), ("tue", "thu", "sat"), None)
    assert [weekday(s.date) for s in placed.slots] == ["tue", "thu"]
    assert all(s.timing == "after-run" for s in placed.slots)
    assert blocked_reason(DAYS[5], runner(SAMPLE), ("sat",), None) == "the day before a long run"
    # Tuesday has Thursday's quality run two days later; Thursday has 48 h clear.
    assert [s.clear_48h for s in placed.slots] == [False, True]


def test_quality_preferred_over_easy_and_rest() -> None:
    week = {
        "mon": "easy",
        "tue": "rest",
        "wed": "quality",
        "thu": "easy",
        "fri": "easy",
        "sat": "rest",
        "sun": "easy",
    }
    placed = place(DAYS, 1, runner(week), WEEKDAYS, None)
    assert weekday(placed.slots[0].date) == "wed"


def test_no_allowed_day_gives_no_session_and_a_reason() -> None:
    week = dict.fromkeys(WEEKDAYS, "quality")
    placed = place(DAYS, 2, runner(week), WEEKDAYS, None)
    assert placed.slots == ()
    assert "0 of 2 sessions placed" in placed.reasons[0]
    assert "the day before a quality run" in placed.reasons[0]


def test_race_week_keeps_the_last_two_days_free() -> None:
    race = DAYS[6]  # Sunday
    week = dict.fromkeys(WEEKDAYS, "easy")
    placed = place(DAYS, 1, runner(week, race), WEEKDAYS, race)
    assert placed.slots
    assert all((race - s.date).days >= 3 for s in placed.slots)


def test_sessions_spread_out_when_the_week_allows() -> None:
    week = dict.fromkeys(WEEKDAYS, "easy")
    placed = place(DAYS, 3, runner(week), WEEKDAYS, None)
    dates = [s.date for s in placed.slots]
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(dates))


@given(
    st.fixed_dictionaries(
        {d: st.sampled_from(("rest", "easy", "quality", "long")) for d in WEEKDAYS}
    ),
    st.lists(st.sampled_from(WEEKDAYS), min_size=1, unique=True),
    st.integers(0, 3),
    st.one_of(st.none(), st.integers(0, 9)),
)
def test_placement_never_breaks_a_hard_rule(week, available, wanted, race_offset) -> None:  # type: ignore[no-untyped-def]
    race = MON + dt.timedelta(days=race_offset) if race_offset is not None else None
    run_on = runner(week, race)
    placed = place(DAYS, wanted, run_on, tuple(available), race)
    assert len(placed.slots) <= wanted
    for slot in placed.slots:
        assert weekday(slot.date) in available
        assert run_on(slot.date + dt.timedelta(days=1)) not in {"quality", "long", "race"}
        assert run_on(slot.date) != "race"
        if race is not None:
            assert not 0 < (race - slot.date).days <= 2
    if len(placed.slots) < wanted:
        assert placed.reasons
