"""Repositories: rows in, domain values out. They add and query; they never commit."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Collection
from dataclasses import fields
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from runlift.store.tables import (
    AthleteRow,
    BodyMassRow,
    PlannedSessionRow,
    PlanRow,
    ProfileRow,
    RunRow,
    SetRow,
    StrengthSessionRow,
)
from runlift.training.model import LoggedSet, Run, StrengthSession

# The fields a logged set and its row share, mapped one to one in both directions.
SET_FIELDS = tuple(f.name for f in fields(LoggedSet))
# What ``_run`` reads.
RUN_COLUMNS = (
    RunRow.id,
    RunRow.start_at,
    RunRow.distance_m,
    RunRow.timer_s,
    RunRow.elapsed_s,
    RunRow.avg_hr_bpm,
    RunRow.max_hr_bpm,
    RunRow.srpe,
    RunRow.sport,
    RunRow.source_format,
    RunRow.source_sha256,
    RunRow.name,
    RunRow.sub_sport,
    RunRow.total_ascent_m,
    RunRow.hr_histogram,
)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class AthleteRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def the_athlete(self) -> AthleteRow | None:
        """The command line's athlete: the first one made (``runlift init``)."""
        return self.s.scalars(select(AthleteRow).order_by(AthleteRow.id).limit(1)).first()

    def get(self, athlete_id: int) -> AthleteRow | None:
        return self.s.get(AthleteRow, athlete_id)

    def add(self, name: str) -> AthleteRow:
        row = AthleteRow(name=name, created_at=utc_now())
        self.s.add(row)
        self.s.flush()
        return row

    def add_profile(self, athlete_id: int, profile: dict[str, Any]) -> ProfileRow:
        row = ProfileRow(
            athlete_id=athlete_id,
            created_at=utc_now(),
            profile_json=json.dumps(profile, ensure_ascii=False),
        )
        self.s.add(row)
        self.s.flush()
        return row

    def current_profile(self, athlete_id: int) -> dict[str, Any] | None:
        row = self.s.scalars(
            select(ProfileRow)
            .where(ProfileRow.athlete_id == athlete_id)
            .order_by(ProfileRow.id.desc())
            .limit(1)
        ).first()
        return json.loads(row.profile_json) if row else None

    def profiles(self, athlete_id: int) -> list[ProfileRow]:
        return list(
            self.s.scalars(
                select(ProfileRow)
                .where(ProfileRow.athlete_id == athlete_id)
                .order_by(ProfileRow.id)
            )
        )

    def set_body_mass(self, athlete_id: int, on: dt.date, mass_kg: float) -> None:
        self.s.execute(
            delete(BodyMassRow).where(BodyMassRow.athlete_id == athlete_id, BodyMassRow.on == on)
        )
        self.s.add(BodyMassRow(athlete_id=athlete_id, on=on, mass_kg=mass_kg))

    def body_mass(self, athlete_id: int) -> list[tuple[dt.date, float]]:
        rows = self.s.scalars(
            select(BodyMassRow).where(BodyMassRow.athlete_id == athlete_id).order_by(BodyMassRow.on)
        )
        return [(r.on, r.mass_kg) for r in rows]


class PlanRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, athlete_id: int, profile_id: int, plan: dict[str, Any]) -> PlanRow:
        """Store a plan as the athlete's active one, with its sessions."""
        self.s.execute(update(PlanRow).where(PlanRow.athlete_id == athlete_id).values(active=False))
        row = PlanRow(
            athlete_id=athlete_id,
            profile_id=profile_id,
            created_at=utc_now(),
            active=True,
            plan_json=json.dumps(plan, ensure_ascii=False),
        )
        for day in plan["days"]:
            session = day.get("strength")
            if session:
                row.sessions.append(
                    PlannedSessionRow(
                        session_id=session["id"],
                        on=dt.date.fromisoformat(day["date"]),
                        phase=day["phase"],
                        title=session["title"],
                        session_json=json.dumps(session, ensure_ascii=False),
                    )
                )
        self.s.add(row)
        self.s.flush()
        return row

    def active(self, athlete_id: int) -> PlanRow | None:
        return self.s.scalars(
            select(PlanRow).where(PlanRow.athlete_id == athlete_id, PlanRow.active.is_(True))
        ).first()

    def active_json(self, athlete_id: int) -> str | None:
        """The active plan's stored JSON text, without loading the row."""
        return self.s.scalars(
            select(PlanRow.plan_json).where(
                PlanRow.athlete_id == athlete_id, PlanRow.active.is_(True)
            )
        ).first()

    def active_session_id_on(self, athlete_id: int, on: dt.date) -> str | None:
        """The active plan's session id on that date, if it has one (one small query)."""
        return self.s.scalars(
            select(PlannedSessionRow.session_id)
            .join(PlanRow, PlannedSessionRow.plan_id == PlanRow.id)
            .where(
                PlanRow.athlete_id == athlete_id,
                PlanRow.active.is_(True),
                PlannedSessionRow.on == on,
            )
            .order_by(PlannedSessionRow.on)
            .limit(1)
        ).first()

    def all(self, athlete_id: int) -> list[PlanRow]:
        return list(
            self.s.scalars(
                select(PlanRow).where(PlanRow.athlete_id == athlete_id).order_by(PlanRow.id)
            )
        )


class LogRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add_strength(
        self,
        athlete_id: int,
        session: StrengthSession,
        source: str = "manual",
        source_sha256: str | None = None,
    ) -> str:
        session_id = session.id or uuid.uuid4().hex
        row = StrengthSessionRow(
            id=session_id,
            athlete_id=athlete_id,
            on=session.on,
            planned_session_id=session.planned_session_id,
            duration_min=session.duration_min,
            srpe=session.srpe,
            notes=session.notes,
            source=source,
            created_at=utc_now(),
            source_sha256=source_sha256,
        )
        row.sets = [SetRow(**{f: getattr(s, f) for f in SET_FIELDS}) for s in session.sets]
        self.s.add(row)
        self.s.flush()
        return session_id

    def append_sets(self, athlete_id: int, session_id: str, sets: list[LoggedSet]) -> bool:
        """Add sets to the end of a stored session (one tap per set); False if it is not there."""
        row = self.s.get(StrengthSessionRow, session_id)
        if row is None or row.athlete_id != athlete_id:
            return False
        first = max((r.order for r in row.sets), default=0) + 1
        for n, s in enumerate(sets):
            values = {f: getattr(s, f) for f in SET_FIELDS}
            row.sets.append(SetRow(**{**values, "order": first + n}))
        self.s.flush()
        return True

    def add_run(self, athlete_id: int, run: Run) -> str:
        run_id = run.id or uuid.uuid4().hex
        histogram = (
            json.dumps({str(k): round(v, 1) for k, v in sorted(run.hr_histogram.items())})
            if run.hr_histogram
            else None
        )
        self.s.add(
            RunRow(
                id=run_id,
                athlete_id=athlete_id,
                start_at=run.start_at,
                sport=run.sport,
                distance_m=run.distance_m,
                timer_s=run.timer_s,
                elapsed_s=run.elapsed_s,
                avg_hr_bpm=run.avg_hr_bpm,
                max_hr_bpm=run.max_hr_bpm,
                srpe=run.srpe,
                source_format=run.source_format,
                source_sha256=run.source_sha256,
                created_at=utc_now(),
                name=run.name,
                sub_sport=run.sub_sport,
                total_ascent_m=run.total_ascent_m,
                hr_histogram=histogram,
            )
        )
        self.s.flush()
        return run_id

    def strength_sessions(
        self,
        athlete_id: int,
        since: dt.date | None = None,
        until: dt.date | None = None,
        exercise_ids: Collection[str] | None = None,
    ) -> list[StrengthSession]:
        """The sessions in the range, oldest first, each with its sets in order.

        Two Core queries (sessions, then their sets) and no ORM instances: this is on the hot
        path of the API's today, history and logging routes. ``exercise_ids`` keeps only the
        sets of those exercises (every session is still returned, perhaps with no sets)."""
        where = [StrengthSessionRow.athlete_id == athlete_id]
        if since:
            where.append(StrengthSessionRow.on >= since)
        if until:
            where.append(StrengthSessionRow.on <= until)
        rows = self.s.execute(
            select(
                StrengthSessionRow.id,
                StrengthSessionRow.on,
                StrengthSessionRow.duration_min,
                StrengthSessionRow.srpe,
                StrengthSessionRow.planned_session_id,
                StrengthSessionRow.notes,
            )
            .where(*where)
            .order_by(StrengthSessionRow.on, StrengthSessionRow.created_at, StrengthSessionRow.id)
        ).all()
        if not rows:
            return []
        columns = [getattr(SetRow, f) for f in SET_FIELDS]
        sets_query = (
            select(SetRow.session_id, *columns)
            .join(StrengthSessionRow, SetRow.session_id == StrengthSessionRow.id)
            .where(*where)
            .order_by(SetRow.session_id, SetRow.order, SetRow.id)
        )
        if exercise_ids is not None:
            sets_query = sets_query.where(SetRow.exercise_id.in_(list(exercise_ids)))
        by_session: dict[str, list[LoggedSet]] = {}
        for session_id, *values in self.s.execute(sets_query):
            by_session.setdefault(session_id, []).append(LoggedSet(*values))
        return [
            StrengthSession(
                id=r.id,
                on=r.on,
                duration_min=r.duration_min,
                srpe=r.srpe,
                planned_session_id=r.planned_session_id,
                notes=r.notes,
                sets=tuple(by_session.get(r.id, ())),
            )
            for r in rows
        ]

    def runs(
        self, athlete_id: int, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Run]:
        query = (
            select(*RUN_COLUMNS)  # Core rows, not ORM instances: the history route's hot path
            .where(RunRow.athlete_id == athlete_id)
            .order_by(RunRow.start_at, RunRow.id)
        )
        if since:
            query = query.where(
                RunRow.start_at >= dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC)
            )
        if until:
            query = query.where(
                RunRow.start_at
                < dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
            )
        return [_run(row) for row in self.s.execute(query)]

    def runs_starting_between(
        self, athlete_id: int, earliest: dt.datetime, latest: dt.datetime
    ) -> list[Run]:
        query = select(RunRow).where(
            RunRow.athlete_id == athlete_id, RunRow.start_at >= earliest, RunRow.start_at <= latest
        )
        return [_run(row) for row in self.s.scalars(query)]

    def source_names(self, athlete_id: int) -> list[str]:
        """Every app exercise name the athlete's imported sets carry."""
        ids = select(StrengthSessionRow.id).where(StrengthSessionRow.athlete_id == athlete_id)
        query = (
            select(SetRow.source_name)
            .where(SetRow.session_id.in_(ids), SetRow.source_name.is_not(None))
            .distinct()
        )
        return [name for name in self.s.scalars(query) if name is not None]

    def remap(self, athlete_id: int, source_names: list[str], exercise_id: str) -> int:
        """Point every imported set carrying one of these app names at another exercise."""
        if not source_names:
            return 0
        ids = select(StrengthSessionRow.id).where(StrengthSessionRow.athlete_id == athlete_id)
        result = self.s.execute(
            update(SetRow)
            .where(
                SetRow.session_id.in_(ids),
                SetRow.source_name.in_(source_names),
            )
            .values(exercise_id=exercise_id)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def delete_strength(self, athlete_id: int, session_id: str) -> bool:
        result = self.s.execute(
            delete(StrengthSessionRow).where(
                StrengthSessionRow.athlete_id == athlete_id, StrengthSessionRow.id == session_id
            )
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def delete_run(self, athlete_id: int, run_id: str) -> bool:
        result = self.s.execute(
            delete(RunRow).where(RunRow.athlete_id == athlete_id, RunRow.id == run_id)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


def _run(row: Any) -> Run:
    """A run from a ``RunRow`` or a Core row of ``RUN_COLUMNS``."""
    histogram = (
        {int(k): float(v) for k, v in json.loads(row.hr_histogram).items()}
        if row.hr_histogram
        else {}
    )
    return Run(
        id=row.id,
        start_at=_utc(row.start_at),
        distance_m=row.distance_m,
        timer_s=row.timer_s,
        elapsed_s=row.elapsed_s,
        avg_hr_bpm=row.avg_hr_bpm,
        max_hr_bpm=row.max_hr_bpm,
        srpe=row.srpe,
        sport=row.sport,
        source_format=row.source_format,
        source_sha256=row.source_sha256,
        name=row.name,
        sub_sport=row.sub_sport,
        total_ascent_m=row.total_ascent_m,
        hr_histogram=histogram,
    )
