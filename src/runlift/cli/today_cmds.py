"""`runlift today` and `runlift week`: what to do, with target loads from the log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from runlift.cli.console import stdout
from runlift.cli.errors import cli_errors
from runlift.cli.options import DbOption, open_store, parse_date
from runlift.config import today as today_date
from runlift.units import LB_PER_KG

if TYPE_CHECKING:
    from runlift.app.today import DayView, Targeted


def register(app: typer.Typer) -> None:
    app.command("today")(today)
    app.command("week")(week)


def load_text(load_kg: float | None, units: str) -> str:
    if load_kg is None:
        return "bodyweight"
    if units == "imperial":
        return f"{load_kg * LB_PER_KG:.1f} lb"
    return f"{load_kg:g} kg"


def dose_text(t: Targeted, units: str) -> str:
    p, target = t.planned, t.target
    reps = target.reps if target else p.get("reps")
    hold = target.duration_s if target else p.get("duration_s")
    contacts = target.contacts if target else p.get("contacts")
    sets = target.sets if target else p["sets"]
    amount = (
        f"{reps}"
        if reps is not None
        else (f"{hold} s" if hold is not None else f"{contacts} contacts")
    )
    side = " per side" if p.get("per_side") else ""
    text = f"{sets} × {amount}{side}"
    if target is not None and t.exercise.externally_loaded:
        text += (
            f" @ {load_text(target.load_kg, units)}"
            if target.load_kg is not None
            else " @ ? (no history: pick a load you could lift 3–4 more times)"
        )
    rpe = target.rpe if target else p.get("rpe")
    return text + (f", RPE {rpe:g}" if rpe is not None else "")


def day_table(view: DayView) -> RenderableType:
    if view.session is None:
        text = f"{view.on:%a %d %b}: {view.run} run, no strength session"
        return Text(text + (" (logged one anyway)" if view.done else "") + ".")
    s = view.session
    moved = f" (moved from {view.moved_from:%a %d %b})" if view.moved_from else ""
    done = " ✔ logged" if view.done else ""
    head = Text.assemble(
        (f"{view.on:%a %d %b}: ", "bold"),
        f"{view.run} run, then ",
        (s["title"], "bold"),
        f"{moved} — {s['intensity']}, about {s['duration_min']} min{done}",
    )
    table = Table(show_lines=False)
    for col in ("#", "exercise", "target", "rest", "why this load"):
        table.add_column(col, overflow="fold")
    for t in view.exercises:
        reason = t.target.reason if t.target else "warm-up"
        if t.target and t.target.suggested_regression:
            reason += f" Try {t.target.suggested_regression} instead."
        table.add_row(
            str(t.planned["order"]),
            t.exercise.name,
            dose_text(t, view.units),
            f"{t.planned.get('rest_s') or 0} s",
            reason,
        )
    return Group(head, table)


@cli_errors
def today(
    date: Annotated[str | None, typer.Option(help="Show another day (YYYY-MM-DD).")] = None,
    db: DbOption = None,
) -> None:
    """Today's run and strength session, with a target for every set."""
    from runlift.app.today import day_view

    now = today_date()
    view = day_view(open_store(db), parse_date(date, "--date") or now, now)
    console = stdout()
    console.print(day_table(view))
    if view.session and not view.done:
        console.print(
            Text(
                "Log it set by set: runlift log strength   (or give the sets: "
                "runlift log strength 'squat 3x5@60kg rpe8' …)",
                style="dim",
            )
        )


@cli_errors
def week(
    date: Annotated[str | None, typer.Option(help="A day in the week to show.")] = None,
    db: DbOption = None,
) -> None:
    """This week's runs and sessions, what is done, and any missed session moved or dropped."""
    from runlift.app.today import week_view

    now = today_date()
    view = week_view(open_store(db), parse_date(date, "--date") or now)
    console = stdout()
    for day in view.days:
        console.print(day_table(day))
        console.print()
    if view.adherence is not None:
        a = view.adherence
        ratio = "—" if a.ratio is None else f"{a.ratio:.0%}"
        console.print(
            f"Adherence: {a.done} of {a.planned} planned sessions done ({ratio})"
            + (f", {a.extra} extra" if a.extra else "")
        )
    for note in view.notes:
        console.print(f"• {note}")
