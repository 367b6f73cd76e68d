"""Import use case: years of activity files and app exports, every core parsing, each file stored
whole or not at all.

Parsing runs in worker processes (CPU-bound, and one crash-prone file cannot take the batch
down); storing runs here, one unit of work per file, so a file lands whole or not at all and the
rest of the batch goes on. Importing is idempotent: a file whose content hash is known is skipped
before it is parsed, and an activity already stored from another file (the same run as FIT and
as GPX: same sport, starts within a minute, distances within 5%) is recognised as one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from runlift.app.athlete import require_athlete
from runlift.app.catalog import catalog
from runlift.app.discover import Source, StravaHint, discover, read_source, strava_root
from runlift.app.run_records import hr_histogram, run_of
from runlift.errors import BadInput
from runlift.formats.activity import Activity, ParsedFile
from runlift.formats.sniff import sniff
from runlift.store.uow import Store, UnitOfWork
from runlift.training.model import Run, StrengthSession

SAME_START = dt.timedelta(seconds=60)
SAME_DISTANCE = 0.05


@dataclass(frozen=True)
class Options:
    user_map: Mapping[str, str] = field(default_factory=dict)
    default_unit: str = "kg"  # Strong's comma dialect without a unit column
    known: frozenset[str] = frozenset()  # content hashes already imported


@dataclass(frozen=True)
class Parsed:
    """A worker's answer for one source."""

    source: Source
    sha256: str | None
    outcome: str  # parsed | duplicate | skipped | rejected
    message: str = ""
    result: ParsedFile | None = None  # activities without their sample streams (see _compact)
    histograms: tuple[dict[int, float], ...] = ()  # per activity: seconds at each bpm


@dataclass
class FileOutcome:
    name: str
    outcome: str  # imported | repaired | duplicate | rejected | skipped
    message: str = ""
    format: str | None = None
    runs: int = 0
    strength_sessions: int = 0


@dataclass
class Summary:
    files: list[FileOutcome] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # app exercise name -> exercise id

    def count(self, outcome: str) -> int:
        return sum(1 for f in self.files if f.outcome == outcome)


def parse_bytes(fmt: str, data: bytes, options: Options) -> ParsedFile:
    """Choose the parser for a sniffed format."""
    if fmt == "fit":
        from runlift.formats.fit import parse_fit

        return parse_fit(data, catalog())
    if fmt == "gpx":
        from runlift.formats.gpx import parse_gpx

        return parse_gpx(data)
    if fmt == "tcx":
        from runlift.formats.tcx import parse_tcx

        return parse_tcx(data)
    if fmt == "strong":
        from runlift.formats.strong_csv import parse_strong

        return parse_strong(data, catalog(), options.user_map, default_unit=options.default_unit)
    if fmt == "hevy":
        from runlift.formats.hevy_csv import parse_hevy

        return parse_hevy(data, catalog(), options.user_map)
    raise BadInput(f"no importer for {fmt}")


def parse_source(job: tuple[Source, Options]) -> Parsed:
    """Read, hash, sniff and parse one source; runs in a worker process. Never raises."""
    source, options = job
    try:
        data = read_source(source)
    except (OSError, BadInput, KeyError) as exc:
        return Parsed(source, None, "rejected", f"cannot read: {exc}")
    sha = hashlib.sha256(data).hexdigest()
    if sha in options.known:
        return Parsed(source, sha, "duplicate", "already imported (same content)")
    fmt = sniff(source.name, data[:8192])
    if fmt is None or fmt in ("zip", "strava-csv"):
        return Parsed(source, sha, "skipped", "not an activity file")
    try:
        return _compact(Parsed(source, sha, "parsed", result=parse_bytes(fmt, data, options)))
    except BadInput as exc:
        return Parsed(source, sha, "rejected", "; ".join(exc.problems))
    except Exception as exc:  # a parser bug must not stop the batch; say so plainly
        return Parsed(source, sha, "rejected", f"importer error ({type(exc).__name__}: {exc})")


def _compact(parsed: Parsed) -> Parsed:
    """Reduce each activity's samples to a heart-rate histogram in the worker, so millions of
    sample tuples are not pickled back to the main process."""
    assert parsed.result is not None
    activities = parsed.result.activities
    return replace(
        parsed,
        histograms=tuple(hr_histogram(a.hr_samples) if a.hr_samples else {} for a in activities),
        result=replace(
            parsed.result,
            activities=tuple(replace(a, hr_samples=(), distance_samples=()) for a in activities),
        ),
    )


def _same_run(a: Run, b: Run) -> bool:
    if a.sport != b.sport or abs(a.start_at - b.start_at) > SAME_START:
        return False
    longest = max(a.distance_m, b.distance_m)
    return longest == 0 or abs(a.distance_m - b.distance_m) <= SAME_DISTANCE * longest


def _signature(session: StrengthSession) -> tuple[object, ...]:
    return (
        session.on,
        tuple(
            (
                s.exercise_id,
                s.reps,
                s.duration_s,
                s.contacts,
                None if s.load_kg is None else round(s.load_kg, 1),
            )
            for s in session.sets
        ),
    )


def _store_file(uow: UnitOfWork, athlete_id: int, parsed: Parsed, fmt: str) -> FileOutcome:
    """Add one parsed file's activities and sessions; the caller commits."""
    result = parsed.result
    assert result is not None
    assert parsed.sha256 is not None
    outcome = FileOutcome(parsed.source.name, "imported", format=fmt)
    duplicates = 0
    histograms = parsed.histograms or tuple({} for _ in result.activities)
    for activity, histogram in zip(result.activities, histograms, strict=True):
        run = run_of(activity, fmt, parsed.sha256, parsed.source.hint, histogram)
        near = uow.log.runs_starting_between(
            athlete_id, run.start_at - SAME_START, run.start_at + SAME_START
        )
        if any(_same_run(run, other) for other in near):
            duplicates += 1
            continue
        uow.log.add_run(athlete_id, run)
        outcome.runs += 1
    for session in result.strength_sessions:
        existing = {
            _signature(s) for s in uow.log.strength_sessions(athlete_id, session.on, session.on)
        }
        if _signature(session) in existing:
            duplicates += 1
            continue
        uow.log.add_strength(athlete_id, session, source=fmt, source_sha256=parsed.sha256)
        outcome.strength_sessions += 1
    for exercise_id, name in result.custom_exercises:
        uow.imports.add_custom_exercise(athlete_id, exercise_id, name, fmt)
    notes = list(result.repaired)
    if result.repaired:
        outcome.outcome = "repaired"
    if duplicates:
        notes.append(f"{duplicates} already stored from another file")
    if not outcome.runs and not outcome.strength_sessions:
        outcome.outcome = "duplicate" if duplicates else "skipped"
        if not duplicates:
            notes.extend(result.skipped or ("no activity or strength session in it",))
    outcome.message = "; ".join(notes)
    uow.imports.add(
        athlete_id,
        parsed.sha256,
        parsed.source.name,
        fmt,
        outcome.outcome,
        outcome.message,
        outcome.runs,
        outcome.strength_sessions,
    )
    return outcome


def _strava_sources(
    found_csvs: list[Source], sources: list[Source], summary: Summary
) -> tuple[list[Source], list[tuple[Source, Activity]]]:
    """Attach activities.csv rows to their files; manual rows become activities."""
    from runlift.formats.strava_csv import parse_strava_activities, strava_row_activity

    by_name = {s.name: s for s in sources}
    manual: list[tuple[Source, Activity]] = []
    for csv in found_csvs:
        try:
            rows = parse_strava_activities(read_source(csv))
        except BadInput as exc:
            summary.files.append(FileOutcome(csv.name, "rejected", "; ".join(exc.problems)))
            continue
        root = strava_root(csv)
        for row in rows:
            hint = StravaHint(row.activity_id, row.name, row.srpe)
            if not row.filename:
                manual.append((replace(csv, hint=hint), strava_row_activity(row)))
                continue
            key = (
                f"{csv.path}!{root + '/' if root else ''}{row.filename}"
                if csv.member
                else os.path.join(root, row.filename)
            )
            if key in by_name:
                by_name[key] = replace(by_name[key], hint=hint)
            else:
                summary.files.append(
                    FileOutcome(
                        key,
                        "rejected",
                        f"activities.csv row {row.activity_id} names a "
                        "file that is not in the export",
                    )
                )
    return list(by_name.values()), manual


@dataclass
class Batch:
    """An import's work, known before any file is parsed (so progress can say "n of N"):
    files refused up front, the sources to parse, and Strava's manual activities."""

    athlete_id: int
    options: Options
    refused: list[FileOutcome]
    sources: list[Source]
    manual: list[tuple[Source, Activity]]

    def names(self) -> list[str]:
        manual = [
            f"{s.name} (manual activity {s.hint.activity_id})" for s, _ in self.manual if s.hint
        ]
        return [f.name for f in self.refused] + [s.name for s in self.sources] + manual


def prepare(
    store: Store, paths: list[os.PathLike[str] | str], options: Options, athlete_id: int | None
) -> Batch:
    """Find the files under ``paths`` and what is already imported, for one athlete."""
    refused = Summary()
    found = discover([Path(p) for p in paths])
    refused.files.extend(FileOutcome(name, "rejected", why) for name, why in found.problems)
    sources, manual = _strava_sources(found.strava_csvs, found.sources, refused)
    with store.unit_of_work() as uow:
        athlete_id = require_athlete(uow, athlete_id).id
        known = frozenset(uow.imports.known_hashes(athlete_id))
    return Batch(athlete_id, replace(options, known=known), refused.files, sources, manual)


def land_each(
    store: Store, batch: Batch, workers: int | None = None
) -> Iterator[tuple[FileOutcome, Parsed | None]]:
    """Each file's outcome as it is stored (with its parse, for sources), in the batch's order."""
    for outcome in batch.refused:
        yield outcome, None
    for parsed in _parse_all(batch.sources, batch.options, workers):
        yield _land(store, batch.athlete_id, parsed), parsed
    for source, activity in batch.manual:
        yield _land_manual(store, batch.athlete_id, source, activity), None


def import_paths(
    store: Store,
    paths: list[os.PathLike[str] | str],
    options: Options,
    workers: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    athlete_id: int | None = None,
) -> Summary:
    """Import everything under ``paths`` for one athlete (the web names them; the command
    line has only one); returns what happened to each file."""
    batch = prepare(store, paths, options, athlete_id)
    summary, done = Summary(), 0
    for outcome, parsed in land_each(store, batch, workers):
        summary.files.append(outcome)
        if parsed is None:
            continue
        if parsed.result is not None:
            for session in parsed.result.strength_sessions:
                summary.mapping.update(
                    {s.source_name: s.exercise_id for s in session.sets if s.source_name}
                )
        done += 1
        if progress:
            progress(done, len(batch.sources), parsed.source.name)
    return summary


def _parse_all(sources: list[Source], options: Options, workers: int | None) -> Iterator[Parsed]:
    jobs = [(s, options) for s in sources]
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(jobs) < 4:
        yield from map(parse_source, jobs)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        yield from pool.map(
            parse_source, jobs, chunksize=max(1, min(32, len(jobs) // (4 * workers)))
        )


def _land(store: Store, athlete_id: int, parsed: Parsed) -> FileOutcome:
    if parsed.outcome != "parsed" or parsed.result is None:
        return FileOutcome(parsed.source.name, parsed.outcome, parsed.message)
    try:
        with store.unit_of_work() as uow:
            if uow.imports.known(athlete_id, parsed.sha256 or ""):
                return FileOutcome(
                    parsed.source.name,
                    "duplicate",
                    "same content as a file imported earlier in this batch",
                )
            outcome = _store_file(uow, athlete_id, parsed, parsed.result.format)
            uow.commit()
            return outcome
    except Exception as exc:  # nothing of this file is stored; the batch goes on
        return FileOutcome(parsed.source.name, "rejected", f"could not be stored: {exc}")


def _manual_name(source: Source) -> str:
    assert source.hint is not None
    return f"{source.name} (manual activity {source.hint.activity_id})"


def _land_manual(store: Store, athlete_id: int, source: Source, activity: Activity) -> FileOutcome:
    hint = source.hint
    assert hint is not None
    name = _manual_name(source)
    key = hashlib.sha256(
        f"strava-manual:{hint.activity_id}:{activity.start_at}".encode()
    ).hexdigest()
    parsed = Parsed(source, key, "parsed", result=ParsedFile("strava-csv", (activity,)))
    outcome = _land(store, athlete_id, parsed)
    outcome.name = name
    return outcome
