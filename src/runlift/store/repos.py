"""Repositories: rows in, domain values out. They add and query; they never commit."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Collection
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from runlift.store.statements import (
    RUN_COLUMNS as RUN_COLUMNS,  # re-exported: other repositories read runs and sets the same way
)
from runlift.store.statements import (
    SESSION_COLUMNS,
    active_plan_ref,
    active_plan_ref_and_profile,
    runs_query,
    sessions_query,
)
from runlift.store.statements import SET_FIELDS as SET_FIELDS
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

    # Plan rows are never changed, only added (replanning, a coach's note and an accepted
    # adjustment each add a plan and deactivate the old one): a plan's (id, created_at) names
    # the same JSON for good, so callers may cache the text by it and skip reading 300 kB.

    def active_ref(self, athlete_id: int) -> tuple[int, dt.datetime] | None:
        """The active plan's (id, created_at): one small indexed query."""
        row = self.s.connection().execute(active_plan_ref(), {"athlete_id": athlete_id}).first()
        return None if row is None else (row[0], row[1])

    def active_ref_and_profile(self, athlete_id: int) -> tuple[int, dt.datetime, str] | None:
        """The active plan's (id, created_at) and the athlete's current profile JSON, in one
        query; None when either is missing."""
        query = active_plan_ref_and_profile()
        row = self.s.connection().execute(query, {"athlete_id": athlete_id}).first()
        return None if row is None else (row[0], row[1], row[2])

    def json_of(self, plan_id: int) -> str | None:
        """A plan's stored JSON text, by id."""
        return (
            self.s.connection()
            .execute(select(PlanRow.plan_json).where(PlanRow.id == plan_id))
            .scalar()
        )

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

        One Core query (sessions left-joined to their sets) and no ORM instances: this is on the
        hot path of the API's today, history and logging routes. ``exercise_ids`` keeps only the
        sets of those exercises (every session is still returned, perhaps with no sets)."""
        self.s.flush()  # what autoflush would do: the Core connection bypasses it
        query = sessions_query(since is not None, until is not None, exercise_ids is not None)
        params: dict[str, Any] = {"athlete_id": athlete_id, "since": since, "until": until}
        if exercise_ids is not None:
            params["exercise_ids"] = list(exercise_ids)
        # One query, sessions left-joined to their sets, on the Core connection: no ORM
        # result machinery per row (this is the hot path of today, history and logging).
        out: list[StrengthSession] = []
        head: tuple[Any, ...] | None = None
        sets: list[LoggedSet] = []
        width = len(SESSION_COLUMNS)
        for row in self.s.connection().execute(query, params).all():
            if head is None or row[0] != head[0]:
                if head is not None:
                    out.append(_session(head, sets))
                head, sets = tuple(row[:width]), []
            if row[width] is not None:  # exercise_id: None when the session has no such sets
                sets.append(LoggedSet(*row[width:]))
        if head is not None:
            out.append(_session(head, sets))
        return out

    def runs(
        self, athlete_id: int, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Run]:
        self.s.flush()  # what autoflush would do: the Core connection bypasses it
        params: dict[str, Any] = {"athlete_id": athlete_id}
        if since:
            params["since"] = dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC)
        if until:
            next_day = until + dt.timedelta(days=1)
            params["until"] = dt.datetime.combine(next_day, dt.time(), tzinfo=dt.UTC)
        query = runs_query(since is not None, until is not None)
        return [_run(row) for row in self.s.connection().execute(query, params).all()]

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


def _session(head: tuple[Any, ...], sets: list[LoggedSet]) -> StrengthSession:
    """A session from its ``SESSION_COLUMNS`` values and its sets."""
    session_id, on, duration_min, srpe, planned_session_id, notes = head
    return StrengthSession(
        id=session_id,
        on=on,
        duration_min=duration_min,
        srpe=srpe,
        planned_session_id=planned_session_id,
        notes=notes,
        sets=tuple(sets),
    )


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
