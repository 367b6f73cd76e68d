"""Phase layout: weeks counted back from race day, compressed or extended by the runway."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from itertools import groupby, pairwise

from runlift.planning.phases import layout, phases_of
from runlift.planning.profile import Profile

WEEK = dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "easy")


def profile(
    start: dt.date, race: dt.date | None, experience: str = "some", distance: str = "half-marathon"
) -> Profile:
    return Profile(
        name="T",
        lifting_experience=experience,
        sex="unspecified",
        body_mass_kg=None,
        units="metric",
        weekly_distance_m=40000.0,
        week=WEEK,
        race=distance if race else "none",
        race_date=race,
        focus="power",
        start_date=start,
        sessions_per_week=2,
        session_minutes=45,
        equipment=("bodyweight",),
        available_days=tuple(WEEK),
        concerns=(),
    )


def phase_counts(p: Profile, weeks: int | None = None) -> dict[str, int]:
    return dict(Counter(w.phase for w in layout(p, weeks)))


def test_sample_runner_layout_matches_hand_allocation() -> None:
    # 2026-12-07 (Mon) to 2027-04-18 (Sun) is 133 days: exactly 19 weeks, the last being race
    # week. A new lifter's 18 weeks go round-robin taper, technique, base, build, peak, capped
    # at taper 2, technique 3, peak 3: 2 + 3 + 5 + 5 + 3 = 18.
    p = profile(dt.date(2026, 12, 7), dt.date(2027, 4, 18), experience="new")
    weeks = layout(p)
    assert [w.phase for w in weeks[:19]] == (
        ["technique"] * 3 + ["base"] * 5 + ["build"] * 5 + ["peak"] * 3 + ["taper"] * 2 + ["race"]
    )
    assert weeks[18].end == dt.date(2027, 4, 18)  # race day closes race week
    assert all(w.full for w in weeks)
    assert [w.phase for w in weeks[19:]] == ["recovery"]  # half-marathon: one week


def test_short_runway_keeps_taper_first() -> None:
    race = dt.date(2027, 3, 14)
    assert phase_counts(profile(race - dt.timedelta(days=13), race)) == {
        "taper": 1,
        "race": 1,
        "recovery": 1,
    }
    # Four weeks for an experienced runner: taper, base, build, race.
    counts = phase_counts(profile(race - dt.timedelta(days=27), race, "experienced"))
    assert counts == {"taper": 1, "base": 1, "build": 1, "race": 1, "recovery": 1}


def test_long_runway_adds_maintenance_then_base() -> None:
    race = dt.date(2027, 12, 5)
    start = race - dt.timedelta(weeks=52) + dt.timedelta(days=1)
    counts = phase_counts(profile(start, race, "experienced", "marathon"))
    # 51 weeks before race week: caps give taper 2, base 8, build 6, peak 3 (19), then
    # maintenance 13 (32), and the last 19 go to base (27).
    assert counts == {
        "base": 27,
        "build": 6,
        "maintenance": 13,
        "peak": 3,
        "taper": 2,
        "race": 1,
        "recovery": 2,
    }


def test_mid_week_start_gives_a_short_first_week() -> None:
    race = dt.date(2027, 4, 18)  # a Sunday
    weeks = layout(profile(dt.date(2027, 1, 13), race))  # a Wednesday
    assert weeks[0].start == dt.date(2027, 1, 13)
    assert weeks[0].end == dt.date(2027, 1, 17)
    assert not weeks[0].full
    assert all(w.full for w in weeks[1:])


def test_deload_every_three_to_four_weeks() -> None:
    race = dt.date(2027, 12, 5)
    weeks = layout(profile(race - dt.timedelta(weeks=40), race, "experienced", "marathon"))
    run = 0
    for w in weeks:
        if w.phase in ("base", "build", "maintenance"):
            run = 0 if w.deload else run + 1
            assert run <= 4, f"{run} loading weeks in a row by {w.start}"
        else:
            run = 0
    assert sum(w.deload for w in weeks) >= 6


def test_no_race_rolls_blocks_and_ends_in_maintenance() -> None:
    weeks = layout(profile(dt.date(2026, 12, 7), None))
    assert len(weeks) == 12
    names = [w.phase for w in weeks]
    assert names == ["base"] * 4 + ["build"] * 4 + ["base"] + ["maintenance"] * 3
    new = [w.phase for w in layout(profile(dt.date(2026, 12, 7), None, "new"), weeks=20)]
    assert new[:3] == ["technique"] * 3
    assert new[-1] == "maintenance"
    assert len(new) == 20


def test_weeks_cut_a_race_plan_short() -> None:
    p = profile(dt.date(2026, 12, 7), dt.date(2027, 4, 18))
    assert len(layout(p, weeks=4)) == 4


def test_phases_merge_consecutive_weeks() -> None:
    p = profile(dt.date(2026, 12, 7), dt.date(2027, 4, 18), experience="new")
    weeks = layout(p)
    phases = phases_of(weeks)
    assert [ph.name for ph in phases] == [k for k, _ in groupby(w.phase for w in weeks)]
    assert phases[0].start == dt.date(2026, 12, 7)
    assert all(a.end + dt.timedelta(days=1) == b.start for a, b in pairwise(phases))
