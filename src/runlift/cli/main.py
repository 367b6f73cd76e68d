"""The `runlift` command: a Typer app that registers each command group."""

from __future__ import annotations

from typing import Annotated

import typer

from runlift import __version__
from runlift.cli import (
    athlete_cmds,
    backup_cmds,
    catalog_cmds,
    export_cmds,
    form_cmds,
    history_cmds,
    import_cmds,
    log_cmds,
    plan_cmds,
    report_cmds,
    today_cmds,
    web_cmds,
)

app = typer.Typer(
    name="runlift",
    help="Strength training built around your running: a periodised plan to race day.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"runlift {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Strength training built around your running: a periodised plan to race day."""


for module in (
    catalog_cmds,
    plan_cmds,
    athlete_cmds,
    today_cmds,
    log_cmds,
    history_cmds,
    import_cmds,
    backup_cmds,
    export_cmds,
    report_cmds,
    web_cmds,
    form_cmds,
):
    module.register(app)


def run() -> None:
    """Console-script entry point."""
    app()
