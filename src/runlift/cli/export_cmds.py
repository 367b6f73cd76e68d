"""`runlift export workouts|workout|plan|history`: the plan on the watch and on paper, data out."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from runlift.cli.backup_cmds import export_app
from runlift.cli.errors import cli_errors
from runlift.cli.options import DbOption, open_store, parse_date
from runlift.config import today
from runlift.errors import BadInput


class PrintFormat(StrEnum):
    pdf = "pdf"
    html = "html"


class Paper(StrEnum):
    a4 = "A4"
    letter = "Letter"


class HistoryFormat(StrEnum):
    csv = "csv"
    strong = "strong"
    hevy = "hevy"


def register(app: typer.Typer) -> None:
    """The subcommands join `runlift export` (whose `--all` backup lives in backup_cmds)."""
    export_app.command("workouts")(workouts)
    export_app.command("workout")(workout)
    export_app.command("plan")(plan)
    export_app.command("history")(history)


@cli_errors
def workouts(
    out: Annotated[Path, typer.Option("--out", help="The folder to write the .fit files to.")],
    start: Annotated[str | None, typer.Option("--from", help="First date (default today).")] = None,
    weeks: Annotated[int | None, typer.Option(help="How many weeks (default: to the end).")] = None,
    db: DbOption = None,
) -> None:
    """One FIT workout file per planned session, for a watch to follow."""
    from runlift.app.workouts import export_workouts

    notes: list[str] = []
    paths = export_workouts(
        open_store(db), out, today(), parse_date(start, "--from"), weeks, notes=notes
    )
    typer.echo(f"wrote {len(paths)} workout file(s) to {out}")
    for note in notes:
        typer.echo(f"  note: {note}")


@cli_errors
def workout(
    date: Annotated[str, typer.Argument(help="The session's date (YYYY-MM-DD).")],
    out: Annotated[
        Path | None, typer.Option("--out", help="A file or folder (default: here).")
    ] = None,
    db: DbOption = None,
) -> None:
    """The FIT workout file of one planned session."""
    from runlift.app.workouts import export_workout

    on = parse_date(date, "DATE")
    assert on is not None
    notes: list[str] = []
    path = export_workout(open_store(db), on, out, notes=notes)
    typer.echo(f"wrote {path}")
    for note in notes:
        typer.echo(f"  note: {note}")


@cli_errors
def plan(
    out: Annotated[Path, typer.Option("--out", help="The file to write.")],
    fmt: Annotated[PrintFormat, typer.Option("--format")] = PrintFormat.pdf,
    weeks: Annotated[int | None, typer.Option(help="Only the first N weeks.")] = None,
    week: Annotated[
        str | None, typer.Option(help="One week on one page: the week of this date.")
    ] = None,
    paper: Annotated[Paper, typer.Option(help="Paper size.")] = Paper.a4,
    db: DbOption = None,
) -> None:
    """The plan to print: a cover, a page a week, a card a session (or one week on one page)."""
    from runlift.app.print_plan import printable

    data = printable(
        open_store(db), today(), fmt.value, paper.value, weeks, parse_date(week, "--week")
    )
    _write(out, data)
    typer.echo(f"wrote {out}")


@cli_errors
def history(
    out: Annotated[Path, typer.Option("--out", help="A folder (csv) or a file (strong, hevy).")],
    fmt: Annotated[HistoryFormat, typer.Option("--format")] = HistoryFormat.csv,
    db: DbOption = None,
) -> None:
    """Runs and sets as CSV for a spreadsheet, or as a Strong or Hevy export to move there."""
    from runlift.app.history_export import export_history

    for path in export_history(open_store(db), fmt.value, out):
        typer.echo(f"wrote {path}")


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise BadInput(f"{path}: cannot write ({exc.strerror or exc})") from None
