"""`runlift form VIDEO --exercise NAME`: reps, depth and faults of a filmed set, with cues.

The pose model (MediaPipe, the optional ``form`` extra) is imported only when the command runs.
The progress bar goes to standard error, so ``--format json`` output stays clean for scripts.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from runlift.cli.console import stdout
from runlift.cli.errors import cli_errors
from runlift.cli.options import DbOption

if TYPE_CHECKING:
    from runlift.formcheck.result import FormResult


class View(StrEnum):
    auto = "auto"
    side = "side"
    front = "front"


class FormFormat(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("form")(form)


@cli_errors
def form(
    video: Annotated[Path, typer.Argument(help="The filmed set: mp4, mov, webm or gif.")],
    exercise: Annotated[
        str,
        typer.Option(
            help="squat, lunge, single-leg-deadlift, push-up or plank, or a catalog id of one."
        ),
    ],
    view: Annotated[View, typer.Option(help="Where the camera was; auto detects it.")] = View.auto,
    fmt: Annotated[FormFormat, typer.Option("--format")] = FormFormat.table,
    annotate: Annotated[
        Path | None,
        typer.Option(help="Also write the video with the skeleton, angle and rep count on it."),
    ] = None,
    max_fps: Annotated[
        float, typer.Option(help="Analyse at most this many frames a second.", min=1.0)
    ] = 30.0,
    log: Annotated[
        bool,
        typer.Option(
            "--log", help="Rate today's last logged set of this exercise with the result."
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Count the reps and catch the faults of one filmed set, offline, with a cue for each."""
    from runlift.app.form_check import check_video

    err = Console(stderr=True, highlight=False)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        auto_refresh=False,  # drawn between frames: stderr is muted while the model runs
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task(f"Reading {video.name[:40]}", total=None)

        def tick(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)
            bar.refresh()

        checked = check_video(
            video, exercise, view.value, max_fps=max_fps, annotate=annotate, progress=tick
        )
    logged = None
    if log:
        from runlift.app.form_log import attach_to_todays_set
        from runlift.cli.options import open_store
        from runlift.config import today

        logged = attach_to_todays_set(open_store(db), today(), exercise, checked.result)
    console = stdout()
    if fmt is FormFormat.json:
        doc = checked.result.to_contract()
        if logged is not None:
            doc["logged_set"] = logged.contract()
        console.print_json(json.dumps(doc))
        return
    _print_table(console, checked.result)
    if checked.annotated is not None:
        console.print(f"Annotated video: {checked.annotated}")
    if logged is not None:
        console.print(logged.sentence())


def _print_table(console: Console, r: FormResult) -> None:
    from rich.markup import escape
    from rich.table import Table

    from runlift.formcheck import words

    console.print(f"[bold]{escape(words.title(r))}[/bold] · {words.frames_seen(r)}")
    console.print(f"[bold]{words.count(r)}[/bold]")
    if r.reps:
        table = Table(show_edge=False, pad_edge=False)
        for col in words.rep_columns(r):
            table.add_column(col)
        for row in words.rep_rows(r):
            table.add_row(*row)
        console.print(table)
    for f in r.faults:
        console.print(f"[bold]{escape(words.fault_head(f))}[/bold]{words.fault_where(f)}")
        console.print(f"  {escape(words.cue(f))}")
    if words.says_no_faults(r):
        console.print(words.NO_FAULTS)
    console.print(f"{words.RATING}: [bold]{r.technique}[/bold] of 5")
    for reason in r.technique_reasons:
        console.print(f"  {escape(reason)}")
    for w in r.warnings:
        console.print(f"[dim]{escape(words.note(w))}[/dim]")
