"""`runlift history`: what is stored, as a table or the history contract."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from runlift.cli.console import stdout
from runlift.cli.errors import cli_errors
from runlift.cli.options import DbOption, open_store, parse_date
from runlift.cli.sparkline import sparkline


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("history")(history)
    app.command("progress")(progress)


@cli_errors
def history(
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date, inclusive.")] = None,
    fmt: Annotated[HistoryFormat, typer.Option("--format")] = HistoryFormat.table,
    db: DbOption = None,
) -> None:
    """Runs and strength sessions, oldest first."""
    from runlift.app.history import history as history_doc

    doc = history_doc(open_store(db), parse_date(since, "--since"), parse_date(until, "--until"))
    if fmt is HistoryFormat.json:
        typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    table = Table(title="History", title_justify="left")
    for col in ("date", "what", "details"):
        table.add_column(col)
    rows = [
        (
            r["start_at"][:10],
            "run",
            f"{r['distance_m'] / 1000:.2f} km in "
            f"{r['timer_s'] / 60:.0f} min"
            + (f", HR {r['avg_hr_bpm']}" if r["avg_hr_bpm"] else "")
            + (f", RPE {r['srpe']:g}" if r["srpe"] is not None else ""),
        )
        for r in doc["runs"]
    ]
    for s in doc["strength_sessions"]:
        by_ex: dict[str, list[str]] = {}
        for st in s["sets"]:
            dose = (
                f"{st['reps']}"
                if st["reps"] is not None
                else f"{st['duration_s']:g}s"
                if st["duration_s"] is not None
                else f"{st['contacts']}c"
            )
            load = f"@{st['load_kg']:g}kg" if st["load_kg"] else ""
            by_ex.setdefault(st["exercise_id"], []).append(dose + load)
        details = "; ".join(f"{ex} {', '.join(v)}" for ex, v in by_ex.items())
        rows.append((s["date"], "strength", details))
    for row in sorted(rows, key=lambda r: r[0]):
        table.add_row(*row)
    stdout().print(table if rows else "Nothing logged yet.")


@cli_errors
def progress(
    exercise: Annotated[str, typer.Argument(help="A catalog id or name, e.g. squat.")],
    db: DbOption = None,
) -> None:
    """One exercise's estimated 1RM over time, and its personal records."""
    from runlift.app.progress import progress as progress_of

    result = progress_of(open_store(db), exercise)
    console = stdout()
    if not result.points:
        console.print(f"No sets of {result.exercise.name} logged yet.")
        return
    e1rms = [p.best_e1rm_kg for p in result.points if p.best_e1rm_kg is not None]
    table = Table(title=f"{result.exercise.name}: progress", title_justify="left")
    for col in ("date", "sets", "e1RM", "top load", "best reps", "hold", "contacts"):
        table.add_column(col, justify="right" if col != "date" else "left")

    def show(value: float | None, fmt: str) -> str:
        return "—" if value is None else fmt.format(value)

    for p in result.points:
        table.add_row(
            str(p.on),
            str(p.working_sets),
            show(p.best_e1rm_kg, "{:.1f} kg"),
            show(p.top_load_kg, "{:g} kg"),
            show(p.best_reps, "{}"),
            show(p.longest_hold_s, "{:g} s"),
            show(p.most_contacts, "{}"),
        )
    console.print(table)
    if e1rms:
        console.print(f"e1RM trend {sparkline(e1rms)}  {e1rms[0]:.1f} → {e1rms[-1]:.1f} kg")
    for r in result.records:
        console.print(f"PR {r.what}: [bold]{r.value}[/bold] on {r.on}")
