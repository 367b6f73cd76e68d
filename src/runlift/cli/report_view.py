"""Rich renderings of the report and of `runlift status`: tables, sparklines and bars."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from runlift.cli.sparkline import bar, sparkline
from runlift.units import M_PER_MI

if TYPE_CHECKING:
    from runlift.analytics.model import DayMetrics, Flag, Report
    from runlift.app.report import Status

ACWR_CAVEAT = "ACWR is a descriptive trend of how fast load changes, not an injury probability."


def distance_text(distance_m: float, units: str) -> str:
    if units == "imperial":
        return f"{distance_m / M_PER_MI:.1f} mi"
    return f"{distance_m / 1000:.1f} km"


def _num(value: float | None, fmt: str = "{:.2f}") -> str:
    return "—" if value is None else fmt.format(value)


def form_words(tsb: float) -> str:
    """Plain words for TSB [practice]: the bands coaches use with the PMC."""
    if tsb > 10:
        return "fresh"
    if tsb >= -10:
        return "balanced"
    if tsb >= -30:
        return "training hard"
    return "very fatigued"


def form_line(day: DayMetrics) -> Text:
    line = Text()
    line.append(f"Fitness (CTL) {day.ctl:.0f}", style="bold")
    line.append(f" · fatigue (ATL) {day.atl:.0f} · form (TSB) {day.tsb:+.0f}")
    line.append(f", {form_words(day.tsb)}", style="italic")
    line.append(f" · ACWR {_num(day.acwr)} · monotony {_num(day.monotony, '{:.1f}')}")
    return line


def flags_table(flags: Sequence[Flag]) -> RenderableType:
    if not flags:
        return Text("No flags: nothing in the numbers needs action.", style="green")
    table = Table(title="Flags", title_justify="left", show_lines=True)
    for col in ("flag", "what", "suggested action"):
        table.add_column(col, overflow="fold")
    for f in flags:
        style = "yellow" if f.severity == "warn" else ""
        table.add_row(f"{f.kind}\n{f.on}", Text(f.message, style=style), f.action)
    accept = [
        Text(f"To apply: runlift flags accept {f.id}", style="bold") for f in flags if f.adjustment
    ]
    return Group(table, *accept)


def load_table(days: Sequence[DayMetrics]) -> RenderableType:
    table = Table(title="Load by week (session RPE × minutes, AU)", title_justify="left")
    for col in ("week", "run", "strength", "daily load", "CTL", "ATL", "TSB", "ACWR", "monotony"):
        table.add_column(col, justify="left" if col in ("week", "daily load") else "right")
    weeks: dict[dt.date, list[DayMetrics]] = {}
    for d in days:
        weeks.setdefault(d.on - dt.timedelta(days=d.on.weekday()), []).append(d)
    for monday, week in weeks.items():
        last = week[-1]
        estimated = "*" if any(d.estimated for d in week) else ""
        table.add_row(
            str(monday),
            f"{sum(d.load_run for d in week):.0f}{estimated}",
            f"{sum(d.load_strength for d in week):.0f}",
            sparkline([d.load for d in week]),
            f"{last.ctl:.0f}",
            f"{last.atl:.0f}",
            f"{last.tsb:+.0f}",
            _num(last.acwr),
            _num(last.monotony, "{:.1f}"),
        )
    return table


def balance_table(report: Report) -> RenderableType:
    table = Table(title="Balance from what was done (hard sets)", title_justify="left")
    for col in ("week", "sessions", "push:pull", "knee:hip", "adherence", "most trained"):
        table.add_column(col, justify="left" if col in ("week", "most trained") else "right")
    for w in report.weekly:
        top = sorted(w.muscle_sets.items(), key=lambda kv: -kv[1])[:3]
        table.add_row(
            str(w.week_start),
            str(w.strength_sessions),
            f"{w.push_sets:g}:{w.pull_sets:g}",
            f"{w.knee_dominant_sets:g}:{w.hip_dominant_sets:g}",
            "—" if w.adherence is None else f"{w.adherence:.0%}",
            ", ".join(f"{m} {n:g}" for m, n in top if n > 0),
        )
    return table


def muscles_table(report: Report) -> RenderableType:
    weeks = [w for w in report.weekly if w.strength_sessions]
    if not weeks:
        return Text("No strength sets in this window.")
    totals: dict[str, float] = {}
    for w in weeks:
        for muscle, n in w.muscle_sets.items():
            totals[muscle] = totals.get(muscle, 0.0) + n
    top = max(totals.values()) / len(weeks) if totals else 0.0
    table = Table(title="Hard sets per muscle per week (mean)", title_justify="left")
    table.add_column("muscle")
    table.add_column("sets", justify="right")
    table.add_column("")
    for muscle, total in sorted(totals.items(), key=lambda kv: -kv[1]):
        mean = total / len(weeks)
        table.add_row(muscle, f"{mean:.1f}", bar(mean, top) or "[red]none[/red]")
    return table


def asymmetry_table(report: Report) -> RenderableType:
    if not report.asymmetry:
        return Text("Left/right: no exercise was logged per side in this window.")
    table = Table(title="Left/right (limb symmetry index)", title_justify="left")
    for col in ("exercise", "LSI", "weaker", "sessions", "own noise", ""):
        table.add_column(col, justify="left" if col in ("exercise", "") else "right")
    for a in report.asymmetry:
        table.add_row(
            a.exercise_id,
            f"{a.lsi:.0%}",
            a.weaker_side,
            str(a.sessions),
            _num(a.noise, "{:.0%}"),
            "[yellow]below 90%[/yellow]" if a.flag else "ok",
        )
    return table


def trends_table(report: Report) -> RenderableType:
    rows = [t for t in report.trends if t.e1rm or t.longest_hold_s or t.contacts]
    if not rows:
        return Text("Progress: nothing logged in this window.")
    table = Table(title="Progress", title_justify="left")
    for col in ("exercise", "sessions", "e1RM trend", "best", "change", "hold", "contacts"):
        table.add_column(col, justify="left" if col in ("exercise", "e1RM trend") else "right")
    for t in rows[:12]:
        table.add_row(
            t.name,
            str(t.sessions),
            sparkline([p.e1rm_kg for p in t.e1rm]),
            _num(t.best_e1rm_kg, "{:.1f} kg"),
            _num(t.change_pct, "{:+.0f}%"),
            _num(t.longest_hold_s, "{:g} s"),
            str(t.contacts) if t.contacts else "—",
        )
    return table


def running_table(report: Report, units: str) -> RenderableType:
    table = Table(title="Running", title_justify="left")
    for col in ("week", "runs", "distance", "", "easy pace", "easy HR", "m per beat"):
        table.add_column(col, justify="left" if col in ("week", "") else "right")
    top = max((r.distance_m for r in report.running), default=0.0)
    for r in report.running:
        pace = "—"
        if r.easy_pace_s_per_km is not None:
            per = r.easy_pace_s_per_km * (M_PER_MI / 1000 if units == "imperial" else 1)
            pace = f"{int(per // 60)}:{int(per % 60):02d}/{'mi' if units == 'imperial' else 'km'}"
        table.add_row(
            str(r.week_start),
            str(r.runs),
            distance_text(r.distance_m, units),
            bar(r.distance_m, top, 16),
            pace,
            _num(r.easy_hr_bpm, "{:.0f}"),
            _num(r.m_per_beat, "{:.2f}"),
        )
    return table


def report_renderable(report: Report, athlete: str, units: str) -> RenderableType:
    parts: list[RenderableType] = [
        Text(f"{athlete}: {report.start} to {report.end}", style="bold"),
    ]
    if report.daily:
        parts.append(form_line(report.daily[-1]))
    parts += [
        flags_table(report.flags),
        load_table(report.daily),
        balance_table(report),
        muscles_table(report),
        asymmetry_table(report),
        trends_table(report),
        running_table(report, units),
    ]
    if report.skipped:
        parts.append(
            Text("Skipped most: " + ", ".join(f"{e} ({n}×)" for e, n in report.skipped[:5]))
        )
    parts += [Text("* includes estimated load", style="dim")]
    parts += [Text(f"Note: {n}", style="dim") for n in report.notes]
    return Group(*parts)


def _session_lines(session: dict[str, Any]) -> list[str]:
    return [
        f"  {e['name']}: {e['sets']}×"
        + (
            f"{e['reps']}"
            if e["reps"] is not None
            else f"{e['duration_s']}s"
            if e["duration_s"] is not None
            else f"{e['contacts']}c"
        )
        + (" each side" if e["per_side"] else "")
        for e in session["exercises"]
        if e["block"] != "warmup"
    ]


def status_renderable(status: Status) -> RenderableType:
    days = status.report.daily
    today = days[-1] if days else None
    body: list[RenderableType] = []
    if today is not None:
        body.append(form_line(today))
        body.append(Text(f"Daily load, last {len(days)} days: {sparkline([d.load for d in days])}"))
        body.append(Text(f"Fitness (CTL) trend:        {sparkline([d.ctl for d in days])}"))
    body.append(flags_table(status.current_flags))
    if status.next_session:
        s = status.next_session
        tag = f" [adjusted: {', '.join(s['adjusted'])}]" if s.get("adjusted") else ""
        body.append(Text(f"Next session: {s['date']} {s['title']} ({s['duration_min']} min){tag}"))
        body.append(Text("\n".join(_session_lines(s))))
    else:
        body.append(Text("No strength session left in the plan."))
    if status.accepted:
        last = status.accepted[-1]
        body.append(Text(f"Accepted on {last['accepted_on']}: {last['kind']}", style="dim"))
    body.append(Text(ACWR_CAVEAT, style="dim"))
    title = f"{status.athlete} · {status.today}"
    return Panel(Group(*body), title=title, title_align="left")
