"""`runlift init`, `runlift replan` and `runlift profile`: the athlete and their plan in storage."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import tomli_w
import typer

from runlift.cli.console import stdout
from runlift.cli.errors import cli_errors
from runlift.cli.options import DbOption, open_store
from runlift.config import today
from runlift.errors import BadInput

if TYPE_CHECKING:
    from runlift.app.athlete import Planned

profile_app = typer.Typer(help="Show or edit the stored profile.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("replan")(replan)
    app.add_typer(profile_app, name="profile")


def _summary(planned: Planned) -> str:
    plan = planned.plan
    sessions = sum(1 for d in plan.days if d.strength)
    first = next((d for d in plan.days if d.strength), None)
    start = (
        f"; first session {first.date} ({first.strength.title})" if first and first.strength else ""
    )
    return (
        f"{planned.athlete}: plan of {len(plan.days) // 7} weeks, {sessions} sessions, focus "
        f"{plan.focus}{start}. See it with 'runlift week' or 'runlift today'."
    )


@cli_errors
def init(
    profile: Annotated[Path, typer.Argument(help="The athlete profile (TOML).")],
    db: DbOption = None,
) -> None:
    """Store the athlete and their plan, ready for logging."""
    from runlift.app import athlete

    planned = athlete.init(open_store(db), profile, today())
    typer.echo(_summary(planned))


@cli_errors
def replan(
    profile: Annotated[
        Path | None, typer.Argument(help="A changed profile (TOML); default: the stored one.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Rebuild the plan from today, for example after the race moved. History is kept."""
    from runlift.app import athlete

    typer.echo(_summary(athlete.replan(open_store(db), today(), path=profile)))


@profile_app.command("show")
@cli_errors
def show(db: DbOption = None) -> None:
    """Print the stored profile as TOML."""
    from runlift.app import athlete

    typer.echo(tomli_w.dumps(athlete.stored_profile(open_store(db)).to_contract()), nl=False)


@profile_app.command("edit")
@cli_errors
def edit(db: DbOption = None) -> None:
    """Edit the stored profile in $EDITOR, check it, store it and replan from today."""
    from runlift.app import athlete

    store = open_store(db)
    text = tomli_w.dumps(athlete.stored_profile(store).to_contract())
    with tempfile.NamedTemporaryFile(
        "w", suffix=".toml", prefix="runlift-profile-", delete=False, encoding="utf-8"
    ) as handle:
        handle.write(text)
        path = Path(handle.name)
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    if subprocess.call([*shlex.split(editor), str(path)]) != 0:
        raise BadInput(f"the editor exited with an error; your edit is kept in {path}")
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        planned = athlete.replan(store, today(), profile_doc=doc)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"not valid TOML: {exc}; your edit is kept in {path}") from None
    except BadInput as exc:
        raise BadInput(
            [*exc.problems, f"nothing was changed; your edit is kept in {path}"], exc.source
        ) from None
    path.unlink()
    stdout().print(_summary(planned))
