"""The plan as an iCalendar file (RFC 5545): one all-day event per strength session.

Each event's UID comes from the session's stable id and the athlete, so importing a newer export
updates events instead of duplicating them; DTSTAMP is fixed to the plan's start for the same
reason, so the same plan always gives the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Calendar, Event

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


def render_plan_ics(plan: Plan) -> bytes:
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
        event.add("dtstart", day.date)
        event.add("dtend", day.date + dt.timedelta(days=1))
        event.add("summary", f"{day.strength.title} ({day.strength.duration_min} min)")
        event.add("description", _description(day.strength))
        event.add("categories", ["strength", day.phase])
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
