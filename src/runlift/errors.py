"""runlift's one exception hierarchy.

The CLI maps these to exit statuses (``docs/contracts.md`` §6): :class:`BadInput` is status 2 with
its message on standard error; anything else is status 1. Raise ``BadInput`` for anything the user
can fix by changing what they typed or wrote.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class RunliftError(Exception):
    """Base of every error runlift raises on purpose."""


class BadInput(RunliftError, ValueError):
    """The user's input is wrong. ``problems`` holds one message per fault, each naming a place."""

    def __init__(self, problems: str | list[str], source: str | None = None) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__("\n".join(prefix + p for p in self.problems))


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest known value, or an empty string."""
    match = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


class Conflict(BadInput):
    """The request clashes with what is stored (an e-mail already taken); HTTP 409."""
