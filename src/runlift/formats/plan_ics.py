"""The plan as an iCalendar file (RFC 5545): one event per strength session.

Each event's UID comes from the session's stable id and the athlete, so importing a newer export
updates events instead of duplicating them; DTSTAMP is fixed to the plan's start for the same
reason, so the same plan always gives the same file.

Events are all-day unless the profile gives a start time (``[strength] time`` or ``times``):
then they start at that floating local time (no time zone: the runner's wall clock wherever
they are) and last the session's ``duration_min``. ``alarm_min`` adds a display alarm that many
minutes before each event's start (for an all-day event: before its midnight).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Alarm, Calendar, Event

from runlift.planning.model import Plan, Session


def session_uid(session_id: str, athlete: str) -> str:
    owner = hashlib.sha256(athlete.encode("utf-8")).hexdigest()[:12]
    return f"{session_id}.{owner}@runlift"


def _description(session: Session) -> str:
    lines = [session.rationale, ""]
    for e in session.exercises:
        d = e.dose
        amount = (
            f"{d.reps} reps"
            if d.reps is not None
            else f"{d.duration_s} s"
            if d.duration_s is not None
            else f"{d.contacts} contacts"
        )
        side = " per side" if d.per_side else ""
        rpe = f" @ RPE {d.rpe:g}" if d.rpe is not None else ""
        lines.append(f"{e.order}. {e.exercise.name}: {d.sets} × {amount}{side}{rpe}")
    return "\n".join(lines)


MAX_ALARM_MIN = 1440


def _alarm(minutes: int, summary: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")  # DISPLAY needs a DESCRIPTION (RFC 5545 §3.6.6)
    alarm.add("description", summary)
    alarm.add("trigger", dt.timedelta(minutes=-minutes))
    return alarm


def render_plan_ics(plan: Plan, alarm_min: int | None = None) -> bytes:
    """The calendar; without a profile start time and ``alarm_min`` it is what it always was."""
    if alarm_min is not None and not 0 <= alarm_min <= MAX_ALARM_MIN:
        raise ValueError(f"alarm_min: expected 0 to {MAX_ALARM_MIN} minutes; got {alarm_min}")
    cal = Calendar()
    cal.add("prodid", f"-//runlift//{plan.generated_by}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"runlift: {plan.profile.name}")
    stamp = dt.datetime.combine(plan.profile.start_date, dt.time(), tzinfo=dt.UTC)
    for day in plan.days:
        if day.strength is None:
            continue
        event = Event()
        event.add("uid", session_uid(day.strength.id, plan.profile.name))
        event.add("dtstamp", stamp)
        start = plan.profile.session_times.get(day.weekday, plan.profile.session_time)
        if start is None:
            event.add("dtstart", day.date)
            event.add("dtend", day.date + dt.timedelta(days=1))
        else:
            begins = dt.datetime.combine(day.date, start)  # naive: a floating local time
            event.add("dtstart", begins)
            event.add("dtend", begins + dt.timedelta(minutes=day.strength.duration_min))
        summary = f"{day.strength.title} ({day.strength.duration_min} min)"
        event.add("summary", summary)
        event.add("description", _description(day.strength))
        event.add("categories", ["strength", day.phase])
        if alarm_min is not None:
            event.add_component(_alarm(alarm_min, summary))
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
