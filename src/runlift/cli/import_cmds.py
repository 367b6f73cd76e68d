"""`runlift import PATH...`: activity files, folders, zips and app exports, with a summary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from runlift.cli.console import stdout
from runlift.cli.errors import cli_errors
from runlift.cli.options import DbOption, open_store
from runlift.errors import BadInput

OUTCOME_STYLE = {
    "imported": "green",
    "repaired": "yellow",
    "duplicate": "dim",
    "rejected": "bold red",
    "skipped": "dim",
}


def register(app: typer.Typer) -> None:
    app.command("import")(import_cmd)


@cli_errors
def import_cmd(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Files, folders or zips.")],
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="'NAME=ID'",
            help="Map an app's exercise name to a catalog "
            "id; also corrects sets already imported under that name. Repeatable.",
        ),
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option(help="A mapping file: lines of 'App name = catalog-id'.")
    ] = None,
    unit: Annotated[
        str, typer.Option(help="Weight unit of a Strong export without a unit column: kg or lb.")
    ] = "kg",
    jobs: Annotated[
        int | None, typer.Option(help="Parser processes (default: every core).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Import runs (FIT, GPX, TCX, Strava exports) and lifting (Strong, Hevy, FIT sets).

    Exits 0 when every file was imported, skipped as a duplicate or repaired, and 2 when any file
    was rejected (the others are imported all the same).
    """
    from runlift.app.exercise_mapping import remap_existing, user_mapping
    from runlift.app.imports import Options, import_paths

    if unit not in ("kg", "lb"):
        raise BadInput(f"--unit: expected kg or lb; got {unit!r}")
    if jobs is not None and not 1 <= jobs <= 64:
        raise BadInput(f"--jobs: expected 1 to 64; got {jobs}")
    user_map = user_mapping(map_ or [], mapping)
    store = open_store(db)
    console = stdout()
    remapped = remap_existing(store, user_map)
    if remapped:
        console.print(f"Remapped {remapped} set(s) already imported, as --map says.")
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("Importing", total=None)

        def tick(done: int, total: int, name: str) -> None:
            bar.update(
                task, completed=done, total=total, description=f"Importing {Path(name).name[:40]}"
            )

        summary = import_paths(store, list(paths), Options(user_map, unit), jobs, tick)
    _print_summary(console, summary)
    if summary.count("rejected"):
        # Everything else was imported; status 2 tells a script that some input was bad.
        raise typer.Exit(2)


def _print_summary(console, summary) -> None:  # type: ignore[no-untyped-def]
    runs = sum(f.runs for f in summary.files)
    sessions = sum(f.strength_sessions for f in summary.files)
    console.print(
        f"[bold]{summary.count('imported')} imported[/bold] ({runs} activities, {sessions} "
        f"strength sessions) · {summary.count('duplicate')} duplicates skipped · "
        f"{summary.count('repaired')} repaired · {summary.count('rejected')} rejected · "
        f"{summary.count('skipped')} not activity files"
    )
    notable = [f for f in summary.files if f.outcome in ("rejected", "repaired")]
    if notable:
        table = Table(title="Files that need a look", title_justify="left")
        for col in ("file", "outcome", "why"):
            table.add_column(col, overflow="fold")
        for f in notable:
            table.add_row(f.name, f"[{OUTCOME_STYLE[f.outcome]}]{f.outcome}", f.message)
        console.print(table)
    if summary.mapping:
        table = Table(
            title="Exercise names → runlift ids (correct with --map 'Name=id')",
            title_justify="left",
        )
        table.add_column("name in the app")
        table.add_column("runlift id")
        for name, exercise_id in sorted(summary.mapping.items()):
            style = "yellow" if exercise_id.startswith("custom-") else ""
            table.add_row(name, f"[{style}]{exercise_id}" if style else exercise_id)
        console.print(table)
