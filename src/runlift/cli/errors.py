"""Turn runlift's exceptions into the exit statuses of ``docs/contracts.md`` §6.

Every command is wrapped with :func:`cli_errors`: bad input prints one line per problem on standard
error and exits 2; any other failure prints a one-line message and exits 1 (``RUNLIFT_DEBUG=1``
shows the traceback for bug reports). A traceback is never the whole message.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from runlift.errors import BadInput

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``message`` on standard error and return the Exit to raise."""
    for line in message.splitlines():
        print(f"runlift: {line}", file=sys.stderr)
    return typer.Exit(code)


def cli_errors(func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BadInput as exc:
            raise fail(str(exc), 2) from None
        except Exception as exc:
            if os.environ.get("RUNLIFT_DEBUG"):
                raise
            raise fail(
                f"unexpected error: {type(exc).__name__}: {exc}\n"
                "(set RUNLIFT_DEBUG=1 to see the traceback, and please report it)",
                1,
            ) from None

    return wrapper
