"""`runlift exercises` and `runlift exercise ID`: browse the catalog."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from runlift.app.catalog import catalog, exercise_by_id, validated_query
from runlift.cli.catalog_view import exercise_panel, exercises_table
from runlift.cli.console import stdout
from runlift.cli.errors import cli_errors


class ListFormat(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("exercises")(exercises)
    app.command("exercise")(exercise)


@cli_errors
def exercises(
    pattern: Annotated[str | None, typer.Option(help="Movement pattern, e.g. lunge.")] = None,
    muscle: Annotated[
        str | None, typer.Option(help="Primary muscle; 'calves' also finds soleus work.")
    ] = None,
    equipment: Annotated[
        list[str] | None,
        typer.Option(
            help="Equipment you own (repeat or comma-separate); shows only what it allows. "
            "Bodyweight is always included."
        ),
    ] = None,
    level: Annotated[
        str | None, typer.Option(help="Your level: shows exercises up to and including it.")
    ] = None,
    search: Annotated[str | None, typer.Option(help="Words to look for in name and tags.")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,
) -> None:
    """List exercises, filtered by pattern, muscle, equipment, level or text."""
    owned = [item.strip() for raw in equipment or [] for item in raw.split(",") if item.strip()]
    query = validated_query(pattern, muscle, owned if equipment else None, level, search)
    found = catalog().find(query)
    if fmt is ListFormat.json:
        doc = {"schema": "runlift.catalog/1", "exercises": [ex.to_contract() for ex in found]}
        typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    stdout().print(exercises_table(found))


@cli_errors
def exercise(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="A catalog id or name.")],
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,
) -> None:
    """Show one exercise in full: cues, faults, easier and harder versions, runner benefits."""
    ex = exercise_by_id(exercise_id)
    if fmt is ListFormat.json:
        typer.echo(json.dumps(ex.to_contract(), indent=2, ensure_ascii=False))
        return
    stdout().print(exercise_panel(ex, catalog()))
