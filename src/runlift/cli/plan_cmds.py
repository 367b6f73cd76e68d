"""`runlift plan` and `runlift check`: build a plan from a profile, audit a plan file."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from runlift.app.planning import check_plan_file, plan_for
from runlift.cli.console import stdout
from runlift.cli.errors import cli_errors
from runlift.cli.options import parse_date
from runlift.cli.plan_view import checks_table, day_panel, plan_calendar
from runlift.errors import BadInput
from runlift.formats.plan_json import render_plan_json
from runlift.formats.plan_markdown import render_plan_markdown


class PlanFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"
    ics = "ics"


class CheckFormat(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
    app.command("check")(check)


@cli_errors
def plan(
    profile: Annotated[Path, typer.Argument(help="The athlete profile (TOML).")],
    fmt: Annotated[PlanFormat, typer.Option("--format", help="Output format.")] = PlanFormat.table,
    weeks: Annotated[
        int | None, typer.Option(help="Race: show the first N weeks. No race: plan N weeks.")
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="Start on this date instead of the profile's.")
    ] = None,
    explain: Annotated[
        str | None, typer.Option(metavar="DATE", help="Show one day's session in full.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write to this file instead of standard output.")
    ] = None,
    alarm: Annotated[
        int | None,
        typer.Option(
            metavar="MINUTES",
            help="With --format ics: a reminder this many minutes (0-1440) before each session.",
        ),
    ] = None,
) -> None:
    """Build a periodised strength plan around the runner's week, to race day."""
    if alarm is not None and fmt is not PlanFormat.ics:
        raise BadInput(f"--alarm: reminders are for the calendar; add --format ics (not {fmt})")
    if alarm is not None and not 0 <= alarm <= 1440:
        raise BadInput(f"--alarm: expected 0 to 1440 minutes before the session; got {alarm}")
    result = plan_for(profile, weeks, parse_date(start, "--start"))
    explain_on = parse_date(explain, "--explain")
    if explain_on is not None:
        day = next((d for d in result.days if d.date == explain_on), None)
        if day is None:
            raise BadInput(
                f"--explain: {explain_on} is outside the plan "
                f"({result.days[0].date} to {result.days[-1].date})"
            )
        stdout().print(day_panel(day, result))
        return
    if fmt is PlanFormat.table:
        if out is not None:
            raise BadInput(
                "--out: the table is for the terminal; use --format markdown, json or ics"
            )
        stdout().print(plan_calendar(result))
        return
    text: bytes
    if fmt is PlanFormat.json:
        text = render_plan_json(result).encode("utf-8")
    elif fmt is PlanFormat.markdown:
        text = render_plan_markdown(result).encode("utf-8")
    else:
        from runlift.formats.plan_ics import render_plan_ics  # icalendar: ~0.2 s to import

        text = render_plan_ics(result, alarm_min=alarm)
    if out is None:
        sys.stdout.buffer.write(text)
        sys.stdout.flush()
        return
    try:
        out.write_bytes(text)
    except OSError as exc:
        raise BadInput(f"cannot write: {exc.strerror}", str(out)) from None
    typer.echo(f"wrote {out}", err=True)


@cli_errors
def check(
    plan_file: Annotated[Path, typer.Argument(metavar="PLAN.json", help="A plan in JSON.")],
    fmt: Annotated[
        CheckFormat, typer.Option("--format", help="Output format.")
    ] = CheckFormat.table,
) -> None:
    """Audit a plan (even one edited by hand) against the training rules; exit 1 if one fails."""
    _, checks = check_plan_file(plan_file)
    if fmt is CheckFormat.json:
        typer.echo(json.dumps({"checks": checks}, indent=2, ensure_ascii=False))
    else:
        stdout().print(checks_table(checks))
    if not all(c["ok"] for c in checks):
        raise typer.Exit(1)
