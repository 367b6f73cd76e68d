"""`runlift log strength` and `runlift log run` (docs/contracts.md §6, "Logging from the command
line"). With no SET lines on a terminal, `log strength` walks today's planned session."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from runlift.cli.errors import cli_errors
from runlift.cli.options import DbOption, open_store, parse_date
from runlift.config import today
from runlift.formats.set_syntax import parse_distance_m, parse_duration_s

log_app = typer.Typer(help="Log training: strength sets or a run.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(log_app, name="log")


@log_app.command("strength")
@cli_errors
def strength(
    sets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SET...",
            help="Quoted set lines, e.g. 'squat 3x5@60kg rpe8'. "
            "None: walk today's planned session interactively.",
        ),
    ] = None,
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD; default today.")] = None,
    minutes: Annotated[float | None, typer.Option(help="How long the session took.")] = None,
    srpe: Annotated[float | None, typer.Option(help="Session RPE, 0–10 (CR-10).")] = None,
    interactive: Annotated[
        bool, typer.Option("--interactive", help="Walk the planned session set by set.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Log a strength session: every SET line, in one go, or nothing if one is wrong."""
    from runlift.app import log

    on = parse_date(date, "--date") or today()
    store = open_store(db)
    if interactive or not sets:
        from runlift.cli.log_interactive import walk

        walk(store, on, today(), minutes, srpe, sys.stdin, sys.stdout)
        return
    logged = log.log_strength(store, sets, on, today(), minutes, srpe)
    planned = (
        f", as planned session {logged.planned_session_id}" if logged.planned_session_id else ""
    )
    typer.echo(f"logged {logged.sets} set(s) on {on}{planned} (id {logged.id})")


@log_app.command("run")
@cli_errors
def run(
    distance: Annotated[str, typer.Option(help="10km, 6.2mi or 800m.")],
    time: Annotated[str, typer.Option(help="Moving time: SS, MM:SS or H:MM:SS.")],
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD; default today.")] = None,
    hr: Annotated[float | None, typer.Option(help="Average heart rate, bpm.")] = None,
    rpe: Annotated[float | None, typer.Option(help="Session RPE, 0–10 (CR-10).")] = None,
    db: DbOption = None,
) -> None:
    """Log a run by hand."""
    from runlift.app import log

    on = parse_date(date, "--date") or today()
    distance_m, timer_s = parse_distance_m(distance), parse_duration_s(time)
    run_id = log.log_run(open_store(db), on, today(), distance_m, timer_s, hr, rpe)
    pace = timer_s / (distance_m / 1000)
    typer.echo(
        f"logged a run on {on}: {distance_m / 1000:.2f} km in {time} "
        f"({int(pace // 60)}:{int(pace % 60):02d}/km) (id {run_id})"
    )
