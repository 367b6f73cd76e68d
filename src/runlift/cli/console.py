"""The consoles every command prints to, made on demand so tests can capture output."""

from __future__ import annotations

from rich.console import Console


def stdout() -> Console:
    return Console(highlight=False, soft_wrap=False)
