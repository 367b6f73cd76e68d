"""`runlift history`: what is stored, as a table or the history contract."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from runlift.app.history import history as history_doc
from runlift.cli.console import stdout
from runlift.cli.errors import cli_errors
from runlift.cli.options import DbOption, open_store, parse_date


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("history")(history)


@cli_errors
def history(
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date, inclusive.")] = None,
    fmt: Annotated[HistoryFormat, typer.Option("--format")] = HistoryFormat.table,
    db: DbOption = None,
) -> None:
    """Runs and strength sessions, oldest first."""
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
