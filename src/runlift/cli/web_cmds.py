"""`runlift serve` (the REST API under uvicorn) and `runlift users add`."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer

from runlift.cli.errors import cli_errors
from runlift.cli.options import DbOption
from runlift.errors import BadInput

users_app = typer.Typer(help="Manage web accounts.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")


@cli_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbOption = None,
    workers: Annotated[
        int, typer.Option(help="Worker processes; they share import jobs through the database.")
    ] = 1,
) -> None:
    """Serve the web pages and the REST API (/api/v1) with uvicorn; prints a login link."""
    import uvicorn
    from pydantic import ValidationError

    from runlift.web.app import create_app
    from runlift.web.settings import Settings

    try:
        settings = Settings(database_url=db) if db else Settings()
    except ValidationError as exc:
        raise BadInput(
            [str(e["msg"]).removeprefix("Value error, ") for e in exc.errors()]
        ) from None
    if not 1 <= workers <= 64:
        raise BadInput(f"--workers: expected 1 to 64; got {workers}")
    app = create_app(settings)
    _print_login_link(app.state.store, host, port)
    if workers == 1:
        uvicorn.run(app, host=host, port=port)
        return
    # Workers import the app themselves and read the settings from the environment; the
    # database is already migrated above, so they do not race to migrate it.
    app.state.store.close()
    os.environ["RUNLIFT_DATABASE_URL"] = settings.database_url
    uvicorn.run("runlift.web.app:create_app", factory=True, host=host, port=port, workers=workers)


def _print_login_link(store: Any, host: str, port: int) -> None:
    """Like Jupyter: make the command line's athlete an owner account on first run, and print
    a one-time, short-lived link that signs the owner in."""
    from runlift.app import accounts

    owner = accounts.ensure_owner(store)
    if owner is None:
        typer.echo("No athlete yet: run 'runlift init' first, then sign in here.", err=True)
        return
    token = accounts.create_login_link(store, owner.id)
    shown = f"[{host}]" if ":" in host else host
    minutes = int(accounts.LOGIN_LINK_TTL.total_seconds() // 60)
    typer.echo(f"Open this link to sign in as {owner.email} (one use, {minutes} min):", err=True)
    typer.echo(f"    http://{shown}:{port}/login/once/{token}", err=True)


@users_app.command("add")
@cli_errors
def add_user(
    email: Annotated[str, typer.Argument(help="The e-mail address to sign in with.")],
    role: Annotated[str, typer.Option(help="athlete or coach.")],
    name: Annotated[str, typer.Option(help="The name to show.")] = "",
    db: DbOption = None,
) -> None:
    """Make an account; the password is read from standard input (one line)."""
    from runlift.app import accounts
    from runlift.cli.options import open_store

    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass("Password: ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    user = accounts.create_user(open_store(db), email, password, role, name)
    athlete = f", athlete {user.athlete_id}" if user.athlete_id else ""
    typer.echo(f"user {user.id} ({user.email}, {user.role}{athlete})")
