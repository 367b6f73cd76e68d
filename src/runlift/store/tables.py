"""The database tables (SQLAlchemy 2, typed ``Mapped`` columns).

Rows stay in the store: repositories turn them into the domain values of ``runlift.training`` and
``runlift.planning``. Plans and profiles are kept whole as their contract JSON, because the JSON
*is* the stable, versioned form; the columns beside it exist only for querying.
Every change to this file needs an Alembic migration in ``store/migrations/versions``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class AthleteRow(Base):
    __tablename__ = "athletes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ProfileRow(Base):
    """One version of an athlete's profile; the newest is the current one."""

    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    profile_json: Mapped[str] = mapped_column(Text)


class PlanRow(Base):
    """A plan with the profile that made it. Replanning adds a row and deactivates the old one."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    plan_json: Mapped[str] = mapped_column(Text)
    sessions: Mapped[list[PlannedSessionRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlannedSessionRow.on"
    )


class PlannedSessionRow(Base):
    __tablename__ = "planned_sessions"
    __table_args__ = (UniqueConstraint("plan_id", "session_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[str] = mapped_column(String(40))
    on: Mapped[dt.date] = mapped_column(Date, index=True)
    phase: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    session_json: Mapped[str] = mapped_column(Text)
    plan: Mapped[PlanRow] = relationship(back_populates="sessions")


class StrengthSessionRow(Base):
    __tablename__ = "strength_sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    on: Mapped[dt.date] = mapped_column(Date, index=True)
    planned_session_id: Mapped[str | None] = mapped_column(String(40))
    duration_min: Mapped[float | None] = mapped_column(Float)
    srpe: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20), default="manual")
    source_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    sets: Mapped[list[SetRow]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SetRow.order"
    )


class SetRow(Base):
    __tablename__ = "sets"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN reps IS NULL THEN 0 ELSE 1 END) + "
            "(CASE WHEN duration_s IS NULL THEN 0 ELSE 1 END) + "
            "(CASE WHEN contacts IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_dose",
        ),
        CheckConstraint("load_kg IS NULL OR load_kg >= 0", name="load_not_negative"),
        CheckConstraint("side IN ('both', 'left', 'right')", name="side_known"),
        CheckConstraint("technique IS NULL OR technique BETWEEN 1 AND 5", name="technique_1_5"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("strength_sessions.id", ondelete="CASCADE"), index=True
    )
    order: Mapped[int] = mapped_column("position", Integer)
    exercise_id: Mapped[str] = mapped_column(String(120), index=True)
    reps: Mapped[int | None] = mapped_column(Integer)
    duration_s: Mapped[float | None] = mapped_column(Float)
    contacts: Mapped[int | None] = mapped_column(Integer)
    load_kg: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    side: Mapped[str] = mapped_column(String(5), default="both")
    warmup: Mapped[bool] = mapped_column(Boolean, default=False)
    technique: Mapped[int | None] = mapped_column(Integer)
    # The exercise's name in the app it came from ("Squat (Barbell)"), so a mapping can be
    # corrected after the import; None for sets logged in runlift.
    source_name: Mapped[str | None] = mapped_column(String(200))
    session: Mapped[StrengthSessionRow] = relationship(back_populates="sets")


class RunRow(Base):
    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    start_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    sport: Mapped[str] = mapped_column(String(30), default="running")
    distance_m: Mapped[float] = mapped_column(Float)
    timer_s: Mapped[float] = mapped_column(Float)
    elapsed_s: Mapped[float | None] = mapped_column(Float)
    avg_hr_bpm: Mapped[float | None] = mapped_column(Float)
    max_hr_bpm: Mapped[float | None] = mapped_column(Float)
    srpe: Mapped[float | None] = mapped_column(Float)
    source_format: Mapped[str] = mapped_column(String(20), default="manual")
    source_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    sub_sport: Mapped[str | None] = mapped_column(String(40))
    total_ascent_m: Mapped[float | None] = mapped_column(Float)
    name: Mapped[str | None] = mapped_column(String(200))
    # Seconds spent at each heart rate, as JSON {"bpm": seconds}: enough for TRIMP and time in
    # zones without keeping every sample.
    hr_histogram: Mapped[str | None] = mapped_column(Text)


class ImportRow(Base):
    """One file that was imported, by content hash, so importing it again changes nothing."""

    __tablename__ = "imports"
    __table_args__ = (UniqueConstraint("athlete_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))  # imported | repaired
    message: Mapped[str] = mapped_column(Text, default="")
    runs: Mapped[int] = mapped_column(Integer, default=0)
    strength_sessions: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class CustomExerciseRow(Base):
    """An exercise an import named that the catalog does not have: kept, never dropped."""

    __tablename__ = "custom_exercises"
    __table_args__ = (UniqueConstraint("athlete_id", "exercise_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    exercise_id: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20))


class BodyMassRow(Base):
    __tablename__ = "body_mass"
    __table_args__ = (UniqueConstraint("athlete_id", "on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    on: Mapped[dt.date] = mapped_column(Date)
    mass_kg: Mapped[float] = mapped_column(Float)


class UserRow(Base):
    """A person who signs in: an athlete (linked to their athlete row) or a coach."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('athlete', 'coach')", name="role_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-cased
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, PHC string
    athlete_id: Mapped[int | None] = mapped_column(
        ForeignKey("athletes.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ApiTokenRow(Base):
    """A bearer token; only its SHA-256 is kept, so a leaked database leaks no tokens."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class CoachLinkRow(Base):
    """A coach may see an athlete: made when the athlete accepts the coach's invite."""

    __tablename__ = "coach_links"
    __table_args__ = (UniqueConstraint("coach_user_id", "athlete_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    coach_user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    accepted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class InviteRow(Base):
    """A coach's one-use invite code, kept as its SHA-256 like the tokens."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    coach_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class LoginLinkRow(Base):
    """A one-time, short-lived web login link; only its SHA-256 is kept."""

    __tablename__ = "login_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class DeletedEntryRow(Base):
    """A run or strength session deleted from the web pages, kept whole so it can be undone.

    ``payload`` is the deleted rows as JSON (the entry's row and, for a session, its sets);
    undo puts them back with the same ids. Entries older than the undo window are purged.
    """

    __tablename__ = "deleted_entries"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    payload: Mapped[str] = mapped_column(Text)
    deleted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class ImportJobRow(Base):
    """A web upload being imported: any server worker can answer a poll, and one takes the job.

    ``files_json`` holds the per-file outcomes (name, outcome, message) as they finish;
    ``folder`` is where the upload waits, on storage every worker sees.
    """

    __tablename__ = "import_jobs"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(20), index=True)
    folder: Mapped[str] = mapped_column(Text)
    files_json: Mapped[str] = mapped_column(Text, default="[]")
    total_files: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class CalendarFeedRow(Base):
    """An athlete's calendar subscription: a secret URL token, kept as its SHA-256.

    One live feed per athlete; revoking deletes the row, and a new link replaces it.
    """

    __tablename__ = "calendar_feeds"

    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class FormCheckRow(Base):
    """A form check attached to a logged set (``runlift form --log``): its ``runlift.form/1``
    JSON whole, and the rating it gave the set. Deleting the set keeps the check, unlinked."""

    __tablename__ = "form_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    set_id: Mapped[int | None] = mapped_column(
        ForeignKey("sets.id", ondelete="SET NULL"), index=True, nullable=True
    )
    on: Mapped[dt.date] = mapped_column(Date)
    exercise_id: Mapped[str] = mapped_column(String(120))
    technique: Mapped[int] = mapped_column(Integer)
    result_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
