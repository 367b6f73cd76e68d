"""The command line's logging forms (``docs/contracts.md`` §6): set lines, distances and times.

A set line is ``EXERCISE SETSxDOSE[@LOAD] [rpe N | rir N] [left|right] [warmup] [tech N]``, for
example ``squat 3x5@60kg rpe8`` or ``side-plank 2x30s right``. Parsing returns plain values and
never guesses: anything it cannot read is refused with the token and what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from runlift.errors import BadInput
from runlift.units import KG_PER_LB, M_PER_MI

_SETS_DOSE = re.compile(
    r"^(?P<sets>\d+)x(?P<dose>\d+(?:\.\d+)?)(?P<unit>s|c)?"
    r"(?:@(?P<load>.+))?$",
    re.IGNORECASE,
)
_LOAD = re.compile(r"^(?P<value>\d+(?:\.\d+)?)(?P<unit>kg|lb|lbs)$", re.IGNORECASE)
_EFFORT = re.compile(r"^(?P<kind>rpe|rir|tech)(?P<value>\d+(?:\.\d+)?)?$", re.IGNORECASE)
MAX_SETS, MAX_REPS, MAX_HOLD_S, MAX_CONTACTS, MAX_LOAD_KG = 20, 100, 3600, 500, 500.0


@dataclass(frozen=True)
class SetLine:
    """One parsed set line; ``exercise`` is the text still to be resolved against the catalog."""

    exercise: str
    sets: int
    reps: int | None
    duration_s: float | None
    contacts: int | None
    load_kg: float | None
    rpe: float | None
    side: str
    warmup: bool
    technique: int | None


def _number(text: str, what: str, line: str, low: float, high: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise BadInput(f"{line!r}: {what} expects a number; got {text!r}") from None
    if not low <= value <= high:
        raise BadInput(f"{line!r}: {what} must be {low:g} to {high:g}; got {text}")
    return value


def parse_load(text: str, line: str) -> float | None:
    """``60kg``, ``135lb`` or ``bw`` (bodyweight: None) → kg."""
    if text.lower() in ("bw", "bodyweight"):
        return None
    match = _LOAD.match(text)
    if not match:
        raise BadInput(
            f"{line!r}: load {text!r} is not understood; expected e.g. 60kg, 135lb or bw"
        )
    value = float(match["value"])
    kg = value * KG_PER_LB if match["unit"].lower().startswith("lb") else value
    if not 0 < kg <= MAX_LOAD_KG:
        raise BadInput(f"{line!r}: load must be above 0 and at most {MAX_LOAD_KG:g} kg")
    return round(kg, 3)


def parse_set_line(line: str) -> SetLine:
    """Parse one set line; BadInput names the token that is wrong and what was expected."""
    tokens = line.split()
    at = next((i for i, t in enumerate(tokens) if re.match(r"^\d+x", t, re.IGNORECASE)), None)
    if at is None or at == 0:
        raise BadInput(
            f"{line!r}: expected 'EXERCISE SETSxDOSE[@LOAD] …', e.g. 'squat 3x5@60kg rpe8'"
        )
    exercise = " ".join(tokens[:at])
    match = _SETS_DOSE.match(tokens[at])
    if not match:
        raise BadInput(
            f"{line!r}: {tokens[at]!r} is not SETSxDOSE[@LOAD]; expected e.g. 3x5, "
            "2x30s, 2x20c, 3x5@60kg"
        )
    sets = int(_number(match["sets"], "sets", line, 1, MAX_SETS))
    unit = (match["unit"] or "").lower()
    reps = duration = contacts = None
    if unit == "s":
        duration = _number(match["dose"], "a hold in seconds", line, 1, MAX_HOLD_S)
    elif unit == "c":
        contacts = int(_number(match["dose"], "foot contacts", line, 1, MAX_CONTACTS))
    else:
        if "." in match["dose"]:
            raise BadInput(f"{line!r}: reps must be a whole number; got {match['dose']}")
        reps = int(_number(match["dose"], "reps", line, 1, MAX_REPS))
    load = parse_load(match["load"], line) if match["load"] else None

    rpe: float | None = None
    side, warmup, technique = "both", False, None
    rest = tokens[at + 1 :]
    i = 0
    while i < len(rest):
        token = rest[i].lower()
        effort = _EFFORT.match(token)
        if token in ("left", "right"):
            side = token
        elif token == "warmup":
            warmup = True
        elif effort:
            value = effort["value"]
            if value is None:
                if i + 1 >= len(rest):
                    raise BadInput(f"{line!r}: {token} needs a number, e.g. {token} 8")
                i += 1
                value = rest[i]
            kind = effort["kind"].lower()
            if kind == "tech":
                technique = int(_number(value, "tech", line, 1, 5))
            elif kind == "rpe":
                if rpe is not None:
                    raise BadInput(f"{line!r}: give rpe or rir once")
                rpe = _number(value, "rpe", line, 1, 10)
            else:
                if rpe is not None:
                    raise BadInput(f"{line!r}: give rpe or rir once")
                rpe = 10.0 - _number(value, "rir", line, 0, 9)
        else:
            raise BadInput(
                f"{line!r}: {rest[i]!r} is not understood; expected rpe N, rir N, "
                "left, right, warmup or tech N"
            )
        i += 1
    return SetLine(exercise, sets, reps, duration, contacts, load, rpe, side, warmup, technique)


def parse_distance_m(text: str) -> float:
    """``10km``, ``6.2mi``, ``800m`` → metres."""
    match = re.match(r"^(\d+(?:\.\d+)?)(km|mi|m)$", text.strip().lower())
    if not match:
        raise BadInput(f"--distance: {text!r} is not understood; expected e.g. 10km, 6.2mi or 800m")
    value = float(match[1]) * {"km": 1000.0, "mi": M_PER_MI, "m": 1.0}[match[2]]
    if not 0 < value <= 1_000_000:
        raise BadInput(f"--distance: expected more than 0 and at most 1000 km; got {text}")
    return value


def parse_duration_s(text: str) -> float:
    """``SS``, ``MM:SS`` or ``H:MM:SS`` → seconds."""
    parts = text.strip().split(":")
    if not 1 <= len(parts) <= 3 or not all(re.fullmatch(r"\d+(\.\d+)?", p) for p in parts):
        raise BadInput(f"--time: {text!r} is not understood; expected SS, MM:SS or H:MM:SS")
    if any(float(p) >= 60 for p in parts[1:]):
        raise BadInput(f"--time: {text!r} has minutes or seconds of 60 or more")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    if not 0 < seconds <= 7 * 24 * 3600:
        raise BadInput(f"--time: expected more than 0 and at most a week; got {text}")
    return seconds
