"""Read an athlete profile (``docs/contracts.md`` §1) from TOML bytes."""

from __future__ import annotations

import tomllib

from runlift.errors import BadInput
from runlift.planning.profile import Profile, profile_from_dict


def parse_profile(data: bytes, source: str = "profile") -> Profile:
    """Parse and validate a TOML profile; BadInput names the line or key that is wrong."""
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BadInput(f"not UTF-8 text ({exc.reason} at byte {exc.start})", source) from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"not valid TOML: {exc}", source) from None
    return profile_from_dict(doc, source)
