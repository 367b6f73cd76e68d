"""The History edit forms' text ↔ value rules: the CLI's syntax and messages, the athlete's units,
and a form saved as shown changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.app.entry_forms import (
    FieldErrors,
    clock,
    distance_m,
    run_changes,
    run_values,
    session_changes,
    session_values,
)
from runlift.errors import BadInput
from runlift.formats.set_syntax import parse_duration_s
from runlift.store.edit_repo import EditableSession
from runlift.training.model import LoggedSet, Run, StrengthSession

RUN = Run(
    start_at=dt.datetime(2026, 12, 8, 12, tzinfo=dt.UTC),
    distance_m=10012.5,
    timer_s=3120.4,
    elapsed_s=3300.0,
    avg_hr_bpm=151.3,
    srpe=6.5,
)
SESSION = EditableSession(
    StrengthSession(
        on=dt.date(2026, 12, 8),
        sets=(
            LoggedSet("back-squat", 1, reps=5, load_kg=60.0, rpe=8.0),
            LoggedSet("side-plank", 2, duration_s=30.0, side="right"),
            LoggedSet("pogo-hops", 3, contacts=20, technique=4),
        ),
        duration_min=40.0,
        srpe=7.0,
        id="s1",
    ),
    (11, 12, 13),
)


@given(st.integers(min_value=1, max_value=7 * 24 * 3600))
def test_clock_reads_back_through_the_clis_time_parser(seconds: int) -> None:
    assert parse_duration_s(clock(seconds)) == seconds


@given(st.floats(min_value=20.0, max_value=1_000_000.0), st.booleans())
def test_a_shown_distance_reads_back_within_its_rounding(metres: float, imperial: bool) -> None:
    run = Run(start_at=RUN.start_at, distance_m=metres, timer_s=60.0)
    shown = run_values(run, imperial)["distance"]
    assert distance_m(shown, imperial) == pytest.approx(metres, abs=(16.1 if imperial else 5.0))


def test_a_form_saved_as_shown_changes_nothing() -> None:
    for imperial in (False, True):
        assert run_changes(run_values(RUN, imperial), RUN, imperial) == {}
        assert session_changes(session_values(SESSION, imperial), SESSION, imperial) == (
            {},
            {},
            [],
        )


def test_the_distance_takes_the_athletes_unit_or_the_clis_syntax() -> None:
    assert distance_m("5", imperial=False) == 5000.0
    assert distance_m("5", imperial=True) == pytest.approx(8046.72)
    assert distance_m("800m", imperial=True) == 800.0
    with pytest.raises(BadInput, match=r"^distance: '5 furlongs' is not understood"):
        distance_m("5 furlongs", imperial=False)
    with pytest.raises(BadInput, match=r"^distance: expected more than 0 and at most 621.4 mi"):
        distance_m("700", imperial=True)


def test_every_bad_field_is_named_and_a_good_one_converted() -> None:
    with pytest.raises(FieldErrors) as refused:
        run_changes({"distance": "", "time": "50", "hr": "20", "rpe": "5"}, RUN, False)
    assert refused.value.errors == {
        "distance": "distance: required",
        "hr": "hr: expected 30 to 250 bpm; got 20",
    }
    changes = run_changes({"time": "50:00"}, RUN, False)
    assert changes == {"timer_s": 3000.0}  # elapsed 3300 s is still longer: kept
    form = {"load-11": "135", "side-12": "up", "contacts-13": "0", "hold-12": "0"}
    with pytest.raises(FieldErrors) as refused:
        session_changes(form, SESSION, imperial=True)
    assert refused.value.errors == {
        "side-12": "side: expected both, left or right; got 'up'",
        "hold-12": "hold: expected more than 0 and at most 3600 s; got 0",
        "contacts-13": "contacts: expected 1 to 1000; got 0",
    }
    _, sets, deleted = session_changes(
        {"load-11": "135", "load-12": "", "delete-13": "1"}, SESSION, imperial=True
    )
    assert sets == {11: {"load_kg": pytest.approx(61.235, abs=1e-3)}}
    assert deleted == [13]
