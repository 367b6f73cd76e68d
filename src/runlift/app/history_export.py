"""Export use case: the stored history as files the runner takes to a spreadsheet or another app.

``csv`` writes ``runs.csv`` and ``sets.csv`` (:mod:`runlift.formats.history_csv`); ``strong``
and ``hevy`` write one CSV in that app's dialect (:mod:`runlift.formats.app_csv_export`), which
runlift's importers read back to the same sets. Units come from the stored profile, so an
imperial runner gets miles and pounds; storage stays SI.
"""

from __future__ import annotations

from pathlib import Path

from runlift.app.athlete import require_athlete, stored_profile
from runlift.app.catalog import catalog
from runlift.app.history import stored
from runlift.errors import BadInput
from runlift.store.uow import Store

FORMATS = ("csv", "strong", "hevy")


def exercise_names(store: Store) -> dict[str, str]:
    """Exercise id → name: the catalog's, and the athlete's custom (imported) exercises'."""
    names = {ex.id: ex.name for ex in catalog()}
    with store.unit_of_work() as uow:
        names.update(uow.imports.custom_exercises(require_athlete(uow).id))
    return names


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write(text)
    except OSError as exc:
        raise BadInput(f"cannot write: {exc.strerror or exc}", str(path)) from None


def _folder(out: Path) -> Path:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(f"cannot create the folder: {exc.strerror or exc}", str(out)) from None
    return out


def export_history(store: Store, fmt: str, out: Path) -> list[Path]:
    """Write the whole history as ``fmt`` (csv | strong | hevy) to ``out``; the files written.

    csv: ``out`` is a folder (created if missing) that gets ``runs.csv`` and ``sets.csv``.
    strong/hevy: ``out`` is the file, or an existing folder that gets ``strong.csv``/``hevy.csv``.
    BadInput names the path and the reason when it cannot be written, or the unknown format.
    """
    if fmt not in FORMATS:
        raise BadInput(f"--format: expected one of {', '.join(FORMATS)}; got {fmt!r}")
    imperial = stored_profile(store).units == "imperial"
    runs, sessions = stored(store)
    names = exercise_names(store)
    if fmt == "csv":
        from runlift.formats.history_csv import runs_csv, sets_csv

        folder = _folder(out)
        units = "imperial" if imperial else "metric"
        files = {
            folder / "runs.csv": runs_csv(runs, units),
            folder / "sets.csv": sets_csv(sessions, units, names=names),
        }
    else:
        from runlift.formats.app_csv_export import hevy_csv, strong_csv

        path = out / f"{fmt}.csv" if out.is_dir() else out
        write = strong_csv if fmt == "strong" else hevy_csv
        files = {path: write(sessions, names, "lb" if imperial else "kg")}
    for path, text in files.items():
        _write(path, text)
    return list(files)
