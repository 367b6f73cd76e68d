"""Initial schema: athletes, profile history, plans and their sessions, logged sessions, sets,
runs and body mass.

Revision ID: 0001
Revises:
Create Date: 2026-11-28 17:44:57.569790
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "athletes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "body_mass",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("mass_kg", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athletes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("athlete_id", "on"),
    )
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("profile_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athletes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("profiles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_profiles_athlete_id"), ["athlete_id"], unique=False)

    op.create_table(
        "runs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sport", sa.String(length=30), nullable=False),
        sa.Column("distance_m", sa.Float(), nullable=False),
        sa.Column("timer_s", sa.Float(), nullable=False),
        sa.Column("elapsed_s", sa.Float(), nullable=True),
        sa.Column("avg_hr_bpm", sa.Float(), nullable=True),
        sa.Column("max_hr_bpm", sa.Float(), nullable=True),
        sa.Column("srpe", sa.Float(), nullable=True),
        sa.Column("source_format", sa.String(length=20), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athletes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_runs_athlete_id"), ["athlete_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_runs_source_sha256"), ["source_sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_runs_start_at"), ["start_at"], unique=False)

    op.create_table(
        "strength_sessions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("planned_session_id", sa.String(length=40), nullable=True),
        sa.Column("duration_min", sa.Float(), nullable=True),
        sa.Column("srpe", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athletes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("strength_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_strength_sessions_athlete_id"), ["athlete_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_strength_sessions_on"), ["on"], unique=False)

    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("plan_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athletes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["profile_id"], ["profiles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plans_athlete_id"), ["athlete_id"], unique=False)

    op.create_table(
        "sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=80), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("contacts", sa.Integer(), nullable=True),
        sa.Column("load_kg", sa.Float(), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("side", sa.String(length=5), nullable=False),
        sa.Column("warmup", sa.Boolean(), nullable=False),
        sa.Column("technique", sa.Integer(), nullable=True),
        sa.CheckConstraint("side IN ('both', 'left', 'right')", name="side_known"),
        sa.CheckConstraint(
            "(CASE WHEN reps IS NULL THEN 0 ELSE 1 END) + "
            "(CASE WHEN duration_s IS NULL THEN 0 ELSE 1 END) + "
            "(CASE WHEN contacts IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_dose",
        ),
        sa.CheckConstraint("load_kg IS NULL OR load_kg >= 0", name="load_not_negative"),
        sa.CheckConstraint("technique IS NULL OR technique BETWEEN 1 AND 5", name="technique_1_5"),
        sa.ForeignKeyConstraint(["session_id"], ["strength_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sets_exercise_id"), ["exercise_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sets_session_id"), ["session_id"], unique=False)

    op.create_table(
        "planned_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=40), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("phase", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("session_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "session_id"),
    )
    with op.batch_alter_table("planned_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_planned_sessions_on"), ["on"], unique=False)
        batch_op.create_index(batch_op.f("ix_planned_sessions_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("planned_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_planned_sessions_plan_id"))
        batch_op.drop_index(batch_op.f("ix_planned_sessions_on"))

    op.drop_table("planned_sessions")
    with op.batch_alter_table("sets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sets_session_id"))
        batch_op.drop_index(batch_op.f("ix_sets_exercise_id"))

    op.drop_table("sets")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plans_athlete_id"))

    op.drop_table("plans")
    with op.batch_alter_table("strength_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strength_sessions_on"))
        batch_op.drop_index(batch_op.f("ix_strength_sessions_athlete_id"))

    op.drop_table("strength_sessions")
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_runs_start_at"))
        batch_op.drop_index(batch_op.f("ix_runs_source_sha256"))
        batch_op.drop_index(batch_op.f("ix_runs_athlete_id"))

    op.drop_table("runs")
    with op.batch_alter_table("profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_profiles_athlete_id"))

    op.drop_table("profiles")
    op.drop_table("body_mass")
    op.drop_table("athletes")
