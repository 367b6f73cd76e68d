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
from runlift.errors import BadInput
from runlift.formats.activity import Activity, ParsedFile
from runlift.formats.sniff import sniff
from runlift.store.uow import Store, UnitOfWork
from runlift.training.model import Run, StrengthSession

SAME_START = dt.timedelta(seconds=60)
SAME_DISTANCE = 0.05
HR_GAP_CAP_S = 10.0  # a gap between samples counts at most this long (pauses are not effort)


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


def hr_histogram(samples: tuple[tuple[float, float], ...]) -> dict[int, float]:
    """Seconds at each whole bpm: each sample holds until the next (at most HR_GAP_CAP_S)."""
    out: dict[int, float] = {}
    for (t0, bpm), (t1, _) in zip(
        samples, (*samples[1:], (samples[-1][0] + 1.0, 0.0)), strict=False
    ):
        if 20 <= bpm <= 250:
            out[round(bpm)] = out.get(round(bpm), 0.0) + min(max(t1 - t0, 0.0), HR_GAP_CAP_S)
    return out


def run_of(
    activity: Activity,
    fmt: str,
    sha: str | None,
    hint: StravaHint | None,
    histogram: dict[int, float] | None = None,
) -> Run:
    timer = activity.timer_s if activity.timer_s is not None else (activity.elapsed_s or 0.0)
    return Run(
        start_at=activity.start_at.astimezone(dt.UTC),
        distance_m=activity.distance_m or 0.0,
        timer_s=timer,
        elapsed_s=activity.elapsed_s,
        avg_hr_bpm=activity.avg_hr_bpm,
        max_hr_bpm=activity.max_hr_bpm,
        srpe=hint.srpe if hint else None,
        sport=activity.sport,
        source_format="strava" if fmt == "strava-csv" else fmt,
        source_sha256=sha,
        name=hint.name if hint else None,
        sub_sport=activity.sub_sport,
        total_ascent_m=activity.total_ascent_m,
        # The worker's histogram when it compacted the samples away, else one made here.
        hr_histogram=histogram
        or (hr_histogram(activity.hr_samples) if activity.hr_samples else {}),
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
    summary = Summary()
    found = discover([Path(p) for p in paths])
    summary.files.extend(FileOutcome(name, "rejected", why) for name, why in found.problems)
    sources, manual = _strava_sources(found.strava_csvs, found.sources, summary)
    with store.unit_of_work() as uow:
        athlete_id = require_athlete(uow, athlete_id).id
        known = frozenset(uow.imports.known_hashes(athlete_id))
    options = replace(options, known=known)
    total = len(sources)
    for n, parsed in enumerate(_parse_all(sources, options, workers)):
        summary.files.append(_land(store, athlete_id, parsed))
        if parsed.result is not None:
            for session in parsed.result.strength_sessions:
                summary.mapping.update(
                    {s.source_name: s.exercise_id for s in session.sets if s.source_name}
                )
        if progress:
            progress(n + 1, total, parsed.source.name)
    for source, activity in manual:
        summary.files.append(_land_manual(store, athlete_id, source, activity))
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


def _land_manual(store: Store, athlete_id: int, source: Source, activity: Activity) -> FileOutcome:
    hint = source.hint
    assert hint is not None
    name = f"{source.name} (manual activity {hint.activity_id})"
    key = hashlib.sha256(
        f"strava-manual:{hint.activity_id}:{activity.start_at}".encode()
    ).hexdigest()
    parsed = Parsed(source, key, "parsed", result=ParsedFile("strava-csv", (activity,)))
    outcome = _land(store, athlete_id, parsed)
    outcome.name = name
    return outcome


def user_mapping(pairs: list[str], mapping_file: os.PathLike[str] | None) -> dict[str, str]:
    """The user's exercise-name mapping from --map pairs and a mapping file (pairs win)."""
    from runlift.formats.exercise_names import load_mapping_file, parse_mapping_arg

    out: dict[str, str] = {}
    if mapping_file is not None:
        path = Path(mapping_file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BadInput(f"cannot read the mapping file: {exc.strerror}", str(path)) from None
        out.update(load_mapping_file(data, catalog()))
    for pair in pairs:
        name, exercise_id = parse_mapping_arg(pair, catalog())
        out[name] = exercise_id
    return out


def remap_existing(store: Store, user_map: Mapping[str, str]) -> int:
    """Apply the user's mapping to sets already imported under those names."""
    if not user_map:
        return 0
    from runlift.formats.exercise_names import name_key

    with store.unit_of_work() as uow:
        athlete_id = require_athlete(uow).id
        stored = uow.log.source_names(athlete_id)
        count = 0
        for name, exercise_id in user_map.items():
            same = [s for s in stored if name_key(s) == name_key(name)]
            count += uow.log.remap(athlete_id, same, exercise_id)
        uow.commit()
    return count
