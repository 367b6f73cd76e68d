"""`runlift serve` (the REST API under uvicorn) and `runlift users add`."""

from __future__ import annotations

import sys
from typing import Annotated

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
) -> None:
    """Serve the REST API (/api/v1) with uvicorn."""
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
    uvicorn.run(create_app(settings), host=host, port=port)


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
