"""Settings from the environment, read when asked (nothing is built at import).

- ``RUNLIFT_DATABASE_URL``: the database; ``--db`` overrides it. By default a SQLite file in the
  user data directory (platformdirs), e.g. ``~/.local/share/runlift/runlift.db`` on Linux.
- ``RUNLIFT_TODAY``: pretend today is this date (YYYY-MM-DD). For demos and tests; the pure core
  never reads the clock, the edges pass "today" in.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from platformdirs import user_data_dir

from runlift.errors import BadInput


def database_url(explicit: str | None = None) -> str:
    if explicit:
        return explicit
    from_env = os.environ.get("RUNLIFT_DATABASE_URL")
    if from_env:
        return from_env
    return f"sqlite:///{Path(user_data_dir('runlift', appauthor=False)) / 'runlift.db'}"


def today() -> dt.date:
    forced = os.environ.get("RUNLIFT_TODAY")
    if forced:
        try:
            return dt.date.fromisoformat(forced)
        except ValueError:
            raise BadInput(
                f"RUNLIFT_TODAY: expected a date like 2027-01-31; got {forced!r}"
            ) from None
    return dt.date.today()
