"""Rich views of a plan: the week-by-week calendar, one day in full, and the audit."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from runlift.catalog.vocab import WEEKDAYS
from runlift.formats.plan_markdown import dose_text
from runlift.planning import Plan, PlanDay
from runlift.units import M_PER_MI

RUN_STYLE = {
    "rest": "dim",
    "easy": "green",
    "quality": "bold yellow",
    "long": "bold blue",
    "race": "bold magenta",
}
INTENSITY_STYLE = {"light": "cyan", "moderate": "yellow", "heavy": "bold red"}
SHORT = {"A": "A", "B": "B", "C": "C", "F": "Full", "R": "Activ."}


def _cell(day: PlanDay) -> Text:
    text = Text(day.run, style=RUN_STYLE.get(day.run, ""))
    if day.strength:
        s = day.strength
        text.append(
            f"\n▲ {SHORT.get(s.template, s.template)} {s.intensity}",
            style=INTENSITY_STYLE[s.intensity],
        )
        text.append(f" {s.duration_min}′", style="dim")
    return text


def plan_calendar(plan: Plan) -> RenderableType:
    p = plan.profile
    distance = (
        f"{p.weekly_distance_m / M_PER_MI:.0f} mi"
        if p.units == "imperial"
        else f"{p.weekly_distance_m / 1000:.0f} km"
    )
    race = f"{p.race} on {p.race_date:%a %d %b %Y}" if p.race_date else "no race"
    head = Text.assemble(
        (f"{p.name}", "bold"),
        f": {race}, {distance} a week, focus ",
        (plan.focus, "bold"),
        "\n",
        (plan.focus_reason, "dim"),
    )
    last = plan.days[-1].date
    header = [WEEKDAYS[(last - dt.timedelta(days=6 - i)).weekday()] for i in range(7)]
    table = Table(show_lines=True, title="Week by week", title_justify="left")
    # The week and phase must stay readable on an 80-column terminal: the days wrap instead.
    table.add_column("wk", justify="right", no_wrap=True, min_width=2)
    table.add_column("phase", no_wrap=True, min_width=9)
    for name in header:
        table.add_column(name)
    for week, days_iter in groupby(plan.days, key=lambda d: d.week):
        days = list(days_iter)
        cells: list[RenderableType] = [Text("")] * 7
        end = days[-1].date if len(days) == 7 else days[0].date + dt.timedelta(days=6)
        if len(days) < 7 and days[0].week == 0:
            end = days[-1].date
        for d in days:
            cells[6 - (end - d.date).days] = _cell(d)
        phase = days[0].phase + (" (deload)" if days[0].deload else "")
        table.add_row(str(week + 1), f"{phase}\n{days[0].date:%d %b}", *cells)
    failed = [c for c in plan.checks if not c["ok"]]
    verdict = (
        Text(f"All {len(plan.checks)} checks pass.", style="green")
        if not failed
        else Text(
            f"{len(failed)} check(s) fail: " + ", ".join(c["rule"] for c in failed),
            style="bold red",
        )
    )
    notes = Text("\n".join(f"• {n}" for n in plan.notes), style="default")
    hint = Text("See any day in full: runlift plan PROFILE --explain YYYY-MM-DD", style="dim")
    return Group(
        head, Text(), table, Panel(notes, title="Notes", title_align="left"), verdict, hint
    )


def day_panel(day: PlanDay, plan: Plan) -> RenderableType:
    title = f"{day.date:%A %d %B %Y}: {day.run} run, {day.phase} phase"
    s = day.strength
    if s is None:
        upcoming = next((d for d in plan.days if d.date > day.date and d.strength), None)
        after = (
            f" Next session: {upcoming.date:%a %d %b} ({upcoming.strength.title})."
            if upcoming and upcoming.strength
            else ""
        )
        return Panel(Text(f"No strength session this day.{after}"), title=title)
    table = Table(show_lines=True)
    for col in ("#", "block", "exercise", "dose", "cues", "why"):
        table.add_column(col, overflow="fold")
    for e in s.exercises:
        table.add_row(
            str(e.order),
            e.block,
            f"{e.exercise.name}\n[dim]{e.exercise.id}[/dim]",
            dose_text(e),
            "\n".join(f"• {c}" for c in e.exercise.cues),
            e.rationale,
        )
    head = Text.assemble(
        (s.title, "bold"),
        f"  ({s.intensity}, about {s.duration_min} min, {s.timing}, id {s.id})\n",
        (s.rationale, "dim"),
    )
    return Panel(Group(head, table), title=title, title_align="left")


def checks_table(checks: list[dict[str, Any]]) -> RenderableType:
    table = Table(title="Plan audit", title_justify="left")
    table.add_column("")
    table.add_column("rule")
    table.add_column("detail", overflow="fold")
    for c in checks:
        mark = Text("✔", style="green") if c["ok"] else Text("✘", style="bold red")
        table.add_row(mark, c["rule"], c["detail"])
    return table
