"""Export planned sessions as FIT workout files, one per session, with today's target loads.

Loads come from the same progression engine as ``runlift today`` (:mod:`runlift.app.today`), so
the watch shows what the day view shows. Files are named ``YYYY-MM-DD-<slug-of-title>.fit`` and
their ``time_created`` is the session's date, so exporting the same plan and log twice gives the
same bytes. Sessions are taken where the plan puts them; a missed session moved by the day view
is not moved here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from runlift.app.catalog import catalog
from runlift.app.today import PlanContext, load_context, targets_for
from runlift.errors import BadInput
from runlift.formats.fit_workout import encode_workout
from runlift.store.uow import Store


def workout_file_name(on: dt.date, title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "strength"
    return f"{on.isoformat()}-{slug}.fit"


def _sessions(ctx: PlanContext) -> list[tuple[dt.date, dict[str, Any]]]:
    return [
        (dt.date.fromisoformat(day["date"]), day["strength"])
        for day in ctx.plan["days"]
        if day.get("strength")
    ]


def _encode(
    ctx: PlanContext, on: dt.date, session: dict[str, Any], notes: list[str] | None
) -> bytes:
    targets = {
        int(t.planned["order"]): t.target.load_kg if t.target else None
        for t in targets_for(ctx, session, on)
    }
    data, said = encode_workout(
        session,
        name=str(session["title"]),
        targets_kg=targets,
        catalog=catalog(),
        created_at=dt.datetime.combine(on, dt.time(), tzinfo=dt.UTC),
        weight_unit="lb" if ctx.profile.units == "imperial" else "kg",
    )
    if notes is not None:
        notes.extend(f"{on}: {note}" for note in said)
    return data


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise BadInput(f"{path}: cannot write the workout file ({exc.strerror or exc})") from exc


def _ready_dir(out_dir: Path) -> Path:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(f"{out_dir}: cannot create the folder ({exc.strerror or exc})") from exc
    if not out_dir.is_dir():
        raise BadInput(f"{out_dir}: not a folder")
    return out_dir


def _nearest(dates: list[dt.date], on: dt.date) -> str:
    before = [d for d in dates if d < on]
    after = [d for d in dates if d > on]
    near = ([before[-1]] if before else []) + ([after[0]] if after else [])
    if not near:
        return "the plan has no strength sessions"
    return "the nearest are " + " and ".join(f"{d:%a} {d}" for d in near)


def export_workouts(
    store: Store,
    out_dir: Path,
    today: dt.date,
    first: dt.date | None = None,
    weeks: int | None = None,
    *,
    notes: list[str] | None = None,
) -> list[Path]:
    """Write a file for every planned session from ``first`` (default today) for ``weeks`` weeks
    (default: to the plan's end); the paths in date order. ``notes`` collects the encoder's notes.
    """
    if weeks is not None and weeks < 1:
        raise BadInput(f"--weeks: expected 1 or more; got {weeks}")
    start = first or today
    end = start + dt.timedelta(weeks=weeks) if weeks is not None else dt.date.max
    ctx = load_context(store, today)
    chosen = [(on, s) for on, s in _sessions(ctx) if start <= on < end]
    if not chosen:
        until = "the plan's end" if weeks is None else str(end - dt.timedelta(days=1))
        dates = [on for on, _ in _sessions(ctx)]
        raise BadInput(
            f"no strength session is planned from {start} to {until}; {_nearest(dates, start)}"
        )
    folder = _ready_dir(out_dir)
    paths: list[Path] = []
    for on, session in chosen:
        path = folder / workout_file_name(on, str(session["title"]))
        _write(path, _encode(ctx, on, session, notes))
        paths.append(path)
    return paths


def export_workout(
    store: Store, on: dt.date, out: Path | None = None, *, notes: list[str] | None = None
) -> Path:
    """Write the session planned on ``on`` to ``out`` (a file, or a folder for the usual name;
    default: the current folder) and return its path.
    """
    ctx = load_context(store, on)
    sessions = _sessions(ctx)
    session = next((s for d, s in sessions if d == on), None)
    if session is None:
        raise BadInput(
            f"no strength session is planned on {on:%a} {on}; "
            f"{_nearest([d for d, _ in sessions], on)}"
        )
    name = workout_file_name(on, str(session["title"]))
    if out is None:
        path = Path.cwd() / name
    elif out.is_dir():
        path = out / name
    else:
        _ready_dir(out.parent)
        path = out
    _write(path, _encode(ctx, on, session, notes))
    return path
