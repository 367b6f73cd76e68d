"""`runlift export --all FILE.json` and `runlift restore FILE.json`: a complete backup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from runlift import __version__
from runlift.app.planning import read_bytes
from runlift.cli.errors import cli_errors
from runlift.cli.options import DbOption, open_store
from runlift.errors import BadInput

export_app = typer.Typer(
    help="Take the plan and your data along: workouts for a watch, a printable plan, CSV, and "
    "a full backup (--all)."
)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.command("restore")(restore_cmd)


@export_app.callback(invoke_without_command=True)
@cli_errors
def export(
    ctx: typer.Context,
    all_to: Annotated[
        Path | None, typer.Option("--all", metavar="FILE.json", help="Back up everything.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export data. `--all FILE.json` writes a complete backup that `runlift restore` reads."""
    if ctx.invoked_subcommand is not None:
        return
    from runlift.store.backup import export_all

    if all_to is None:
        raise BadInput("say what to export, e.g. runlift export --all backup.json")
    doc = export_all(open_store(db), f"runlift {__version__}")
    try:
        all_to.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"cannot write: {exc.strerror}", str(all_to)) from None
    rows = sum(len(v) for v in doc["tables"].values())
    typer.echo(f"wrote {all_to}: {rows} rows from {len(doc['tables'])} tables")


@cli_errors
def restore_cmd(
    backup: Annotated[Path, typer.Argument(metavar="FILE.json", help="A runlift backup.")],
    db: DbOption = None,
) -> None:
    """Restore a backup into an empty database."""
    from runlift.store.backup import restore

    try:
        doc = json.loads(read_bytes(backup, "backup"))
    except json.JSONDecodeError as exc:
        raise BadInput(f"not valid JSON: {exc}", str(backup)) from None
    if not isinstance(doc, dict):
        raise BadInput("expected a JSON object", str(backup))
    counts = restore(open_store(db), doc)
    typer.echo(f"restored {sum(counts.values())} rows into {len(counts)} tables")
