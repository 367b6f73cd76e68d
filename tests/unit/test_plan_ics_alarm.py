"""Calendar reminders and timed sessions: VALARM, DTSTART at the profile's time, same UIDs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import tomllib

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from runlift.catalog import Catalog
from runlift.cli.main import app
from runlift.errors import BadInput
from runlift.formats.plan_ics import render_plan_ics, session_uid
from runlift.formats.profile_toml import parse_profile
from runlift.planning import Plan, build_plan, profile_from_dict
from tests_support import EXAMPLES

SAMPLE = EXAMPLES / "sample-runner.toml"
# sha256 of the sample runner's calendar before reminders and start times existed
# (runlift 0.1.0, icalendar 7.3.2): without the new options the file must not change.
SAMPLE_ICS_SHA256 = "6570755d55830dad8f03c46929b30881cb5c8bd84437c86e6914a953df3ddd4f"


def sample_doc(**strength: object) -> dict[str, object]:
    doc = tomllib.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["strength"].update(strength)
    return doc


def plan_with(catalog: Catalog, **strength: object) -> Plan:
    return build_plan(profile_from_dict(sample_doc(**strength)), catalog, weeks=3)


def events(data: bytes) -> list[Calendar]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_without_the_options_the_calendar_is_unchanged(catalog: Catalog) -> None:
    plan = build_plan(parse_profile(SAMPLE.read_bytes()), catalog, version="0.1.0")
    data = render_plan_ics(plan)
    assert hashlib.sha256(data).hexdigest() == SAMPLE_ICS_SHA256
    assert b"VALARM" not in data
    assert b"DTSTART;VALUE=DATE:" in data
    assert render_plan_ics(plan, alarm_min=None) == data


def test_an_alarm_before_each_event(catalog: Catalog) -> None:
    plan = plan_with(catalog)
    found = events(render_plan_ics(plan, alarm_min=30))
    assert len(found) == sum(1 for d in plan.days if d.strength)
    for event in found:
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("trigger") == dt.timedelta(minutes=-30)
        assert alarm["action"] == "DISPLAY"
        assert alarm["description"] == event["summary"]
    assert b"TRIGGER:-PT30M\r\n" in render_plan_ics(plan, alarm_min=30)


def test_timed_events_at_the_profile_time_keep_their_uids(catalog: Catalog) -> None:
    all_day = plan_with(catalog)
    timed = plan_with(catalog, time="18:30", times={"thu": "06:30", "sat": "09:00"})
    data = render_plan_ics(timed, alarm_min=30)
    assert b"DTSTART:" in data
    assert b"DTSTART;VALUE=DATE" not in data
    assert b"TZID" not in data  # floating local time: the runner's wall clock
    uids = [str(e["uid"]) for e in events(render_plan_ics(all_day))]
    found = events(data)
    assert [str(e["uid"]) for e in found] == uids
    sessions = [d for d in timed.days if d.strength]
    assert {d.weekday for d in sessions} == {"tue", "thu"}
    clock = {"tue": dt.time(18, 30), "thu": dt.time(6, 30)}  # thu's own time wins
    for day, event in zip(sessions, found, strict=True):
        assert day.strength is not None
        assert str(event["uid"]) == session_uid(day.strength.id, "Sam")
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert start == dt.datetime.combine(day.date, clock[day.weekday])
        assert start.tzinfo is None
        assert end - start == dt.timedelta(minutes=day.strength.duration_min)


def test_the_plan_itself_does_not_change_with_a_time(catalog: Catalog) -> None:
    plain, timed = plan_with(catalog), plan_with(catalog, time="06:30")
    assert [d.strength for d in plain.days] == [d.strength for d in timed.days]
    contract = timed.profile.to_contract()
    assert contract["strength"]["time"] == "06:30"
    assert "time" not in plain.profile.to_contract()["strength"]
    assert profile_from_dict(contract) == timed.profile  # the normalised profile parses again


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("time", "6:30", 'strength.time: expected a time like "18:30" (HH:MM, 24-hour)'),
        ("time", "24:00", "strength.time: expected a time like"),
        ("time", 1830, "strength.time: expected a time like"),
        ("times", {"sunday": "09:00"}, "strength.times: expected weekdays (mon … sun)"),
        ("times", {"sun": "9am"}, 'strength.times: expected a time like "18:30"'),
        ("times", {}, "strength.times: expected weekdays"),
        ("tme", "18:30", "strength.tme: unknown key (did you mean 'time'?)"),
    ],
)
def test_bad_times_are_refused(key: str, value: object, message: str) -> None:
    with pytest.raises(BadInput) as info:
        profile_from_dict(sample_doc(**{key: value}))
    assert any(p.startswith(message) for p in info.value.problems), info.value.problems


def test_a_toml_local_time_is_read(catalog: Catalog) -> None:
    profile = profile_from_dict(sample_doc(time=dt.time(7, 15)))
    assert profile.session_time == dt.time(7, 15)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--alarm", "30"], "--alarm: reminders are for the calendar"),
        (["--format", "json", "--alarm", "30"], "add --format ics"),
        (["--format", "ics", "--alarm", "1441"], "expected 0 to 1440"),
        (["--format", "ics", "--alarm", "-1"], "expected 0 to 1440"),
    ],
)
def test_cli_refuses_a_misplaced_alarm(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["plan", str(SAMPLE), *args])
    assert result.exit_code == 2
    assert message in result.output


def test_cli_writes_the_alarm() -> None:
    result = CliRunner().invoke(app, ["plan", str(SAMPLE), "--format", "ics", "--alarm", "0"])
    assert result.exit_code == 0, result.output
    assert "BEGIN:VALARM" in result.output
    assert "TRIGGER:P0D" in result.output


def test_render_refuses_an_alarm_out_of_range(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match="0 to 1440"):
        render_plan_ics(dataclasses.replace(plan_with(catalog)), alarm_min=2000)
