"""The edit forms of a logged run and strength session: stored values as the text a person
sees (in their units), and that text back to SI values, refused field by field.

The rules are the command line's and the API's: the same distance and time syntax
(``10km``, ``50:00``), the same ranges and the same messages, with the field's own name in
place of the command-line flag. A field whose text is what the form showed is left alone, so
saving a form never nudges a value that was only rounded for display (10012.5 m shown as
10.01 km, 60 kg as 132.3 lb).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from runlift.errors import BadInput
from runlift.formats.set_syntax import parse_distance_m, parse_duration_s
from runlift.store.edit_repo import EditableSession
from runlift.training.model import SIDES, LoggedSet, Run
from runlift.units import LB_PER_KG, M_PER_MI

# The API's limits (web/schemas.py SetCreate, RunCreate) and the CLI's for the session.
MAX_DISTANCE_M = 1_000_000.0
MAX_LOAD_KG = 1000.0
MAX_REPS = MAX_CONTACTS = 1000
MAX_HOLD_S = 3600.0
DOSES = (("reps", "reps"), ("duration_s", "hold"), ("contacts", "contacts"))
_PLAIN_NUMBER = re.compile(r"^\d+(\.\d+)?$")


class FieldErrors(BadInput):
    """Input refused, with each message keyed by the form field it belongs beside."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(list(self.errors.values()))


def _text(value: float | None, places: int) -> str:
    """``60.0`` → ``60``, ``62.50`` → ``62.5``: what a person would type."""
    if value is None:
        return ""
    out = f"{value:.{places}f}"
    return out.rstrip("0").rstrip(".") if "." in out else out


def clock(seconds: float) -> str:
    """Seconds as ``M:SS`` or ``H:MM:SS``, the way ``--time`` takes them."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def dose_field(one: LoggedSet) -> str:
    """The form's name for the set's dose: ``reps``, ``hold`` or ``contacts``."""
    return next((name for attr, name in DOSES if getattr(one, attr) is not None), "reps")


def run_values(run: Run, imperial: bool) -> dict[str, str]:
    per_unit = M_PER_MI if imperial else 1000.0
    return {
        "distance": _text(run.distance_m / per_unit, 2),
        "time": clock(run.timer_s),
        "hr": _text(run.avg_hr_bpm, 0),
        "rpe": _text(run.srpe, 1),
    }


def session_values(entry: EditableSession, imperial: bool) -> dict[str, str]:
    s = entry.session
    out = {"minutes": _text(s.duration_min, 1), "srpe": _text(s.srpe, 1)}
    for set_id, one in zip(entry.set_ids, s.sets, strict=True):
        dose = dose_field(one)
        amount = {"reps": one.reps, "hold": one.duration_s, "contacts": one.contacts}[dose]
        load = None if one.load_kg is None else one.load_kg * (LB_PER_KG if imperial else 1)
        out[f"{dose}-{set_id}"] = _text(amount, 1)
        out[f"load-{set_id}"] = _text(load, 1 if imperial else 2)
        out[f"rpe-{set_id}"] = _text(one.rpe, 1)
        out[f"side-{set_id}"] = one.side
        out[f"tech-{set_id}"] = _text(one.technique, 0)
    return out


def number(
    text: str, name: str, low: float, high: float, unit: str = "", whole: bool = False
) -> float | None:
    """A typed number in ``[low, high]``, or None for a blank field."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise BadInput(f"{name}: expected a number; got {text!r}") from None
    if whole and not value.is_integer():
        raise BadInput(f"{name}: expected a whole number from {low:g} to {high:g}; got {text}")
    if not low <= value <= high:
        raise BadInput(f"{name}: expected {low:g} to {high:g}{unit}; got {value:g}")
    return value


def _renamed(exc: BadInput, flag: str, name: str) -> BadInput:
    return BadInput([p.replace(f"{flag}:", f"{name}:", 1) for p in exc.problems])


def distance_m(text: str, imperial: bool) -> float:
    """A plain number in the athlete's unit (km or mi), or the CLI's ``10km``, ``6.2mi``."""
    text = text.strip()
    if not text:
        raise BadInput("distance: required")
    if not _PLAIN_NUMBER.match(text):
        try:
            return parse_distance_m(text)
        except BadInput as exc:
            raise _renamed(exc, "--distance", "distance") from None
    per_unit, unit = (M_PER_MI, "mi") if imperial else (1000.0, "km")
    value = float(text) * per_unit
    if not 0 < value <= MAX_DISTANCE_M:
        most = _text(MAX_DISTANCE_M / per_unit, 1)
        raise BadInput(f"distance: expected more than 0 and at most {most} {unit}; got {text}")
    return value


def timer_s(text: str) -> float:
    if not text.strip():
        raise BadInput("time: required")
    try:
        return parse_duration_s(text)
    except BadInput as exc:
        raise _renamed(exc, "--time", "time") from None


class _Collector:
    """Runs each field's parser, keeping the value or the field's message; nothing is half-done."""

    def __init__(self, form: Mapping[str, str], shown: Mapping[str, str]) -> None:
        self.form, self.shown = form, shown
        self.errors: dict[str, str] = {}

    def changed(self, field: str) -> bool:
        return field in self.form and self.form[field].strip() != self.shown.get(field, "")

    def take(self, field: str, parse: Any, into: dict[str, Any], key: str) -> None:
        if not self.changed(field):
            return
        try:
            into[key] = parse(self.form[field])
        except BadInput as exc:
            self.errors[field] = exc.problems[0]

    def done(self) -> None:
        if self.errors:
            raise FieldErrors(self.errors)


def run_changes(form: Mapping[str, str], run: Run, imperial: bool) -> dict[str, Any]:
    """The columns to change from the run form; ``FieldErrors`` names every bad field."""
    c = _Collector(form, run_values(run, imperial))
    out: dict[str, Any] = {}
    c.take("distance", lambda t: distance_m(t, imperial), out, "distance_m")
    c.take("time", timer_s, out, "timer_s")
    c.take("hr", lambda t: number(t, "hr", 30, 250, " bpm"), out, "avg_hr_bpm")
    c.take("rpe", lambda t: number(t, "rpe", 0, 10, " (CR-10)"), out, "srpe")
    c.done()
    if "timer_s" in out and (
        run.elapsed_s is None or run.elapsed_s <= out["timer_s"] or run.elapsed_s == run.timer_s
    ):
        # A typed-in run's elapsed time is its moving time; an elapsed time shorter than the
        # moving time cannot be, so it follows.
        out["elapsed_s"] = out["timer_s"]
    return out


def _dose(name: str, text: str) -> float:
    if not text.strip():
        raise BadInput(f"{name}: required")
    if name == "hold":
        value = number(text, "hold", 0, MAX_HOLD_S, " s")
        if not value:
            raise BadInput(f"hold: expected more than 0 and at most {MAX_HOLD_S:g} s; got {text}")
        return value
    most = MAX_REPS if name == "reps" else MAX_CONTACTS
    value = number(text, name, 1, most, whole=True)
    assert value is not None
    return int(value)


def _side(text: str) -> str:
    if text not in SIDES:
        raise BadInput(f"side: expected both, left or right; got {text!r}")
    return text


def session_changes(
    form: Mapping[str, str], entry: EditableSession, imperial: bool
) -> tuple[dict[str, Any], dict[int, dict[str, Any]], list[int]]:
    """From the session form: the session's columns to change, each set's, and the sets to
    delete (``delete-ID`` ticked). ``FieldErrors`` names every bad field."""
    c = _Collector(form, session_values(entry, imperial))
    session: dict[str, Any] = {}
    c.take("minutes", lambda t: number(t, "minutes", 1, 600), session, "duration_min")
    c.take("srpe", lambda t: number(t, "srpe", 0, 10, " (CR-10)"), session, "srpe")
    factor, unit = (LB_PER_KG, "lb") if imperial else (1.0, "kg")
    most = float(_text(MAX_LOAD_KG * factor, 1))

    def load(t: str) -> float | None:
        value = number(t, "load", 0, most, f" {unit}")
        return None if value is None else value / factor

    def tech(t: str) -> int | None:
        value = number(t, "technique", 1, 5, whole=True)
        return None if value is None else int(value)

    sets: dict[int, dict[str, Any]] = {}
    deleted: list[int] = []
    for set_id, one in zip(entry.set_ids, entry.session.sets, strict=True):
        if form.get(f"delete-{set_id}"):
            deleted.append(set_id)
            continue
        values: dict[str, Any] = {}
        dose = dose_field(one)
        column = next(attr for attr, name in DOSES if name == dose)
        c.take(f"{dose}-{set_id}", lambda t, d=dose: _dose(d, t), values, column)
        c.take(f"load-{set_id}", load, values, "load_kg")
        c.take(f"rpe-{set_id}", lambda t: number(t, "rpe", 0, 10, " (CR-10)"), values, "rpe")
        c.take(f"side-{set_id}", _side, values, "side")
        c.take(f"tech-{set_id}", tech, values, "technique")
        if values:
            sets[set_id] = values
    if entry.set_ids and len(deleted) == len(entry.set_ids):
        c.errors["sets"] = "sets: a session keeps at least one set; delete the session instead"
    c.done()
    return session, sets, deleted
