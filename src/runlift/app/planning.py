"""Planning use cases: read a profile file, build its plan, audit a plan file."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from runlift import __version__
from runlift.app.catalog import catalog
from runlift.errors import BadInput
from runlift.formats.plan_json import parse_plan_json
from runlift.formats.profile_toml import parse_profile
from runlift.planning import Plan, Profile, audit, build_plan, profile_from_dict


def read_bytes(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BadInput(f"{what} file not found", str(path)) from None
    except IsADirectoryError:
        raise BadInput(f"expected a {what} file, got a folder", str(path)) from None
    except OSError as exc:
        raise BadInput(f"cannot read the {what} file: {exc.strerror}", str(path)) from None


def load_profile(path: Path, start: dt.date | None = None) -> Profile:
    profile = parse_profile(read_bytes(path, "profile"), str(path))
    if start is not None:
        if profile.race_date is not None and start >= profile.race_date:
            raise BadInput(f"--start {start} is not before the race on {profile.race_date}")
        profile = dataclasses.replace(profile, start_date=start)
    return profile


def plan_for(path: Path, weeks: int | None = None, start: dt.date | None = None) -> Plan:
    """The plan for the profile at ``path``; ``start`` overrides its start date."""
    if weeks is not None and not 1 <= weeks <= 104:
        raise BadInput(f"--weeks: expected 1 to 104; got {weeks}")
    return build_plan(load_profile(path, start), catalog(), weeks=weeks, version=__version__)


def check_plan_file(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The plan document at ``path`` and the audit's verdicts on it."""
    doc = parse_plan_json(read_bytes(path, "plan"), str(path))
    profile = profile_from_dict(doc["profile"], f"{path}: profile")
    return doc, audit(doc, profile, catalog())
