"""The printable plan's view model: plain dataclasses built from a plan document (contracts §2).

Templates (``runlift/templates/print``) only lay these out; every word and number they show is
decided here, so the web app can reuse the templates with the same view model. The plan is the
contract's JSON (a mapping), not the planner's objects, so a stored or hand-checked plan prints too.

Target loads come from the caller (``targets``: exercise id, or ``"<session id>#<order>"`` for one
slot, to text such as ``"62.5 kg"``); without one, a card shows the plan's RPE and %1RM and asks the
lifter to pick a load at that RPE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from runlift.errors import BadInput
from runlift.units import M_PER_MI

UNITS = ("metric", "imperial")
WEEKDAY_LABELS = {
    "mon": "Mon",
    "tue": "Tue",
    "wed": "Wed",
    "thu": "Thu",
    "fri": "Fri",
    "sat": "Sat",
    "sun": "Sun",
}
RUN_LABELS = {
    "rest": "Rest day",
    "easy": "Easy run",
    "quality": "Quality run",
    "long": "Long run",
    "race": "RACE",
}
INTENSITY_MARKS = {"light": "●○○", "moderate": "●●○", "heavy": "●●●"}
BLOCK_LABELS = {
    "warmup": "Warm-up",
    "power": "Power",
    "main": "Main",
    "accessory": "Accessory",
    "core": "Core",
    "prehab": "Prehab",
}


@dataclass(frozen=True)
class PhaseView:
    name: str
    dates: str  # "7 Dec 2026 – 27 Dec 2026"
    weeks: int
    goal: str


@dataclass(frozen=True)
class ExerciseLine:
    order: int
    block: str  # "Main", "Warm-up", …
    name: str
    dose: str  # "3 × 5", "2 × 30 s hold", "2 × 20 contacts"
    per_side: bool
    target: str  # "62.5 kg", or "pick a load at RPE 8 (~80% 1RM)"
    rest: str  # "90 s", "150 s", "3 min", "—"
    cue: str  # the first cue, or ""


@dataclass(frozen=True)
class SessionCard:
    id: str
    day: str  # "Tue 8 Dec"
    run: str  # the day's run, in words
    title: str
    intensity: str
    intensity_marks: str
    duration_min: int
    timing: str  # "after the run", "on its own day", …
    rationale: str
    exercises: list[ExerciseLine]


@dataclass(frozen=True)
class DayCell:
    weekday: str  # "Tue"
    date: str  # "8 Dec"
    run: str  # rest | easy | quality | long | race: the CSS class and pattern
    run_label: str  # "Quality run"
    session_title: str | None
    session_intensity: str | None
    session_minutes: int | None


@dataclass(frozen=True)
class WeekView:
    number: int  # 1-based plan week
    phase: str
    deload: bool
    dates: str
    days: list[DayCell]
    sessions: list[SessionCard]


@dataclass(frozen=True)
class PrintView:
    title: str
    athlete: str
    race: str  # "Half-marathon on Sun 18 Apr 2027", or "No race: rolling blocks"
    focus: str
    focus_reason: str
    plan_dates: str
    running: str  # "45 km a week" / "28 mi a week", or ""
    phases: list[PhaseView]
    coaching: list[str]  # the notes asking a new lifter to see a coach
    notes: list[str]  # every other note
    weeks: list[WeekView]
    one_week: bool  # the fridge page: one week, compact, no cover
    generated_by: str


def _day(on: dt.date) -> str:
    return f"{on:%a} {on.day} {on:%b}"


def _full(on: dt.date) -> str:
    return f"{on.day} {on:%b %Y}"


def _rest(seconds: int | None) -> str:
    if not seconds:
        return "—"
    if seconds < 120 or seconds % 60:
        return f"{seconds} s"
    return f"{seconds // 60} min"


def _dose(ex: Mapping[str, Any]) -> str:
    sets = ex["sets"]
    if ex.get("reps") is not None:
        return f"{sets} × {ex['reps']}"
    if ex.get("duration_s") is not None:
        return f"{sets} × {ex['duration_s']} s hold"
    return f"{sets} × {ex['contacts']} contacts"


def _target(ex: Mapping[str, Any], session_id: str, targets: Mapping[str, str] | None) -> str:
    if targets:
        given = targets.get(f"{session_id}#{ex['order']}") or targets.get(ex["exercise_id"])
        if given:
            return given
    rpe = ex.get("rpe")
    if rpe is None:
        return "easy, to warm up" if ex.get("block") == "warmup" else "—"
    pct = ex.get("pct_1rm")
    pct_text = f" (~{pct * 100:.0f}% 1RM)" if pct is not None else ""
    if ex.get("reps") is None:
        return f"effort RPE {rpe:g}"
    return f"pick a load at RPE {rpe:g}{pct_text}"


def _timing(timing: str, run: str) -> str:
    if timing == "after-run":
        return "after the run"
    if timing == "separate-day":
        return "on a day of its own" if run == "rest" else "apart from the run"
    return timing.replace("-", " ")


def _card(day: Mapping[str, Any], targets: Mapping[str, str] | None) -> SessionCard:
    s = day["strength"]
    on = dt.date.fromisoformat(day["date"])
    lines = [
        ExerciseLine(
            order=int(ex["order"]),
            block=BLOCK_LABELS.get(ex["block"], str(ex["block"])),
            name=str(ex["name"]),
            dose=_dose(ex),
            per_side=bool(ex.get("per_side")),
            target=_target(ex, str(s["id"]), targets),
            rest=_rest(ex.get("rest_s")),
            cue=str(ex["cues"][0]) if ex.get("cues") else "",
        )
        for ex in s["exercises"]
    ]
    return SessionCard(
        id=str(s["id"]),
        day=_day(on),
        run=RUN_LABELS.get(day["run"], str(day["run"])),
        title=str(s["title"]),
        intensity=str(s["intensity"]),
        intensity_marks=INTENSITY_MARKS.get(s["intensity"], ""),
        duration_min=int(s["duration_min"]),
        timing=_timing(str(s.get("timing") or ""), str(day["run"])),
        rationale=str(s.get("rationale") or ""),
        exercises=lines,
    )


def _cell(day: Mapping[str, Any]) -> DayCell:
    on = dt.date.fromisoformat(day["date"])
    s = day.get("strength")
    return DayCell(
        weekday=WEEKDAY_LABELS.get(day["weekday"], f"{on:%a}"),
        date=f"{on.day} {on:%b}",
        run=day["run"] if day["run"] in RUN_LABELS else "easy",
        run_label=RUN_LABELS.get(day["run"], str(day["run"])),
        session_title=str(s["title"]) if s else None,
        session_intensity=str(s["intensity"]) if s else None,
        session_minutes=int(s["duration_min"]) if s else None,
    )


def _week_groups(days: Sequence[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """The plan's weeks, by the days' ``week`` number (or seven days from the start)."""
    start = dt.date.fromisoformat(days[0]["date"])
    groups: dict[int, list[Mapping[str, Any]]] = {}
    for day in days:
        number = day.get("week")
        if not isinstance(number, int):
            number = (dt.date.fromisoformat(day["date"]) - start).days // 7 + 1
        groups.setdefault(number, []).append(day)
    return [groups[k] for k in sorted(groups)]


def _week(group: list[Mapping[str, Any]], targets: Mapping[str, str] | None) -> WeekView:
    first = dt.date.fromisoformat(group[0]["date"])
    last = dt.date.fromisoformat(group[-1]["date"])
    number = group[0].get("week")
    return WeekView(
        number=number if isinstance(number, int) else 0,
        phase=str(group[0]["phase"]),
        deload=any(bool(d.get("deload")) for d in group),
        dates=f"{_day(first)} – {_day(last)} {last:%Y}",
        days=[_cell(d) for d in group],
        sessions=[_card(d, targets) for d in group if d.get("strength")],
    )


def _race(plan: Mapping[str, Any]) -> str:
    race = plan.get("race")
    if not race:
        return "No race on the calendar: rolling training blocks"
    on = dt.date.fromisoformat(race["date"])
    distance = str(race["distance"]).replace("-", " ")
    name = {"5k": "5 km", "10k": "10 km"}.get(distance, distance)
    return f"{name[:1].upper()}{name[1:]} race on {on:%a} {_full(on)}"


def _running(plan: Mapping[str, Any], units: str) -> str:
    km = plan.get("profile", {}).get("running", {}).get("weekly_distance_km")
    if not isinstance(km, int | float):
        return ""
    if units == "imperial":
        return f"{km * 1000 / M_PER_MI:.0f} mi of running a week"
    return f"{km:.0f} km of running a week"


def _is_coaching(note: str) -> bool:
    text = note.lower()
    return "coach" in text and ("new to lifting" in text or "new lifter" in text)


def plan_view(
    plan: Mapping[str, Any],
    *,
    weeks: int | None,
    week: dt.date | None,
    targets: Mapping[str, str] | None = None,
    units: str = "metric",
) -> PrintView:
    """The printable view of ``plan``: the first ``weeks`` weeks (all when None), or with
    ``week`` only the plan week holding that date, for one page on the fridge."""
    if units not in UNITS:
        raise BadInput(f"units: expected one of {', '.join(UNITS)}; got {units!r}")
    if weeks is not None and weeks < 1:
        raise BadInput(f"weeks: expected 1 or more; got {weeks}")
    days = list(plan.get("days") or [])
    if not days:
        raise BadInput("the plan has no days to print")
    first = dt.date.fromisoformat(days[0]["date"])
    last = dt.date.fromisoformat(days[-1]["date"])
    groups = _week_groups(days)
    if week is not None:
        if not first <= week <= last:
            raise BadInput(f"week: {week} is outside the plan, which runs from {first} to {last}")
        groups = [g for g in groups if any(d["date"] == week.isoformat() for d in g)]
    elif weeks is not None:
        groups = groups[:weeks]
    athlete = str(plan.get("profile", {}).get("athlete", {}).get("name") or "")
    notes = [str(n) for n in plan.get("notes") or []]
    return PrintView(
        title=f"Strength plan for {athlete}" if athlete else "Strength plan",
        athlete=athlete,
        race=_race(plan),
        focus=str(plan.get("focus") or ""),
        focus_reason=str(plan.get("focus_reason") or ""),
        plan_dates=f"{_full(first)} – {_full(last)}",
        running=_running(plan, units),
        phases=[
            PhaseView(
                name=str(ph["name"]),
                dates=f"{_full(s)} – {_full(e)}",
                weeks=((e - s).days + 7) // 7,
                goal=str(ph.get("goal") or ""),
            )
            for ph in plan.get("phases") or []
            for s, e in [(dt.date.fromisoformat(ph["start"]), dt.date.fromisoformat(ph["end"]))]
        ],
        coaching=[n for n in notes if _is_coaching(n)],
        notes=[n for n in notes if not _is_coaching(n)],
        weeks=[_week(g, targets) for g in groups],
        one_week=week is not None,
        generated_by=str(plan.get("generated_by") or "runlift"),
    )
