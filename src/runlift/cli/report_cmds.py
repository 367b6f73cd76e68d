"""`runlift report`, `runlift status` and `runlift flags`: load, balance and progress."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from runlift.cli.console import stdout
from runlift.cli.errors import cli_errors
from runlift.cli.options import DbOption, open_store, parse_date
from runlift.config import today
from runlift.errors import BadInput


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    html = "html"


flags_app = typer.Typer(
    help="Current flags and their suggested actions; accept one to change the plan.",
    invoke_without_command=True,
    no_args_is_help=False,
)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
    app.command("status")(status)
    app.add_typer(flags_app, name="flags")


@cli_errors
def report(
    weeks: Annotated[
        int | None, typer.Option(help="The last N weeks, Monday to Sunday (default 8).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (default today).")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not the screen.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Running and strength load (CTL/ATL/TSB, ACWR, monotony), balance, asymmetry and progress."""
    from runlift.app.report import report as make_report

    view = make_report(
        open_store(db), today(), parse_date(since, "--since"), parse_date(until, "--until"), weeks
    )
    if fmt is ReportFormat.table:
        from runlift.cli.report_view import report_renderable

        if output is not None:
            raise BadInput("--output: the table goes to the screen; use --format json or html")
        stdout().print(report_renderable(view.report, view.athlete, view.profile.units))
        return
    if fmt is ReportFormat.json:
        from runlift.formats.report_json import report_contract

        text = json.dumps(report_contract(view.report), indent=2, ensure_ascii=False) + "\n"
    else:
        from runlift.formats.report_html import render_html

        text = render_html(
            view.report, athlete=view.athlete, generated_on=today(), units=view.profile.units
        )
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"{output}: cannot write the report: {exc.strerror}") from None
    typer.echo(f"Wrote {output}")


@cli_errors
def status(db: DbOption = None) -> None:
    """Where you stand today: form, flags and the next session."""
    from runlift.app.report import status as make_status
    from runlift.cli.report_view import status_renderable

    stdout().print(status_renderable(make_status(open_store(db), today())))


@flags_app.callback()
@cli_errors
def flags(ctx: typer.Context, db: DbOption = None) -> None:
    """List the flags of the last 7 days."""
    if ctx.invoked_subcommand is not None:
        return
    from runlift.app.report import status as make_status
    from runlift.cli.report_view import flags_table

    stdout().print(flags_table(make_status(open_store(db), today()).current_flags))


@flags_app.command("accept")
@cli_errors
def accept(
    flag_id: Annotated[str, typer.Argument(help="The flag's id, as `runlift flags` shows it.")],
    db: DbOption = None,
) -> None:
    """Apply a flag's suggested change to the upcoming plan (a new plan version; history stays)."""
    from runlift.app.adjust import accept as accept_flag

    done = accept_flag(open_store(db), flag_id, today())
    typer.echo(f"Accepted {done.flag_id}: {done.kind}")
    for line in done.changes:
        typer.echo(f"  {line}")
