"""Imports by content hash, custom exercises, run details and each set's name in its app.

SQLite ignores VARCHAR lengths, so the wider exercise_id is altered only where it matters: copying
the sets table in batch mode on SQLite would risk its CHECK constraints for nothing.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 18:09:48.104232
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "custom_exercises",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athletes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("athlete_id", "exercise_id"),
    )
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.Column("strength_sessions", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athletes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("athlete_id", "sha256"),
    )
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sub_sport", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("total_ascent_m", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("hr_histogram", sa.Text(), nullable=True))

    op.add_column("sets", sa.Column("source_name", sa.String(length=200), nullable=True))
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "sets",
            "exercise_id",
            existing_type=sa.VARCHAR(length=80),
            type_=sa.String(length=120),
            existing_nullable=False,
        )

    with op.batch_alter_table("strength_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_sha256", sa.String(length=64), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_strength_sessions_source_sha256"), ["source_sha256"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("strength_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strength_sessions_source_sha256"))
        batch_op.drop_column("source_sha256")

    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "sets",
            "exercise_id",
            existing_type=sa.String(length=120),
            type_=sa.VARCHAR(length=80),
            existing_nullable=False,
        )
    with op.batch_alter_table("sets", schema=None) as batch_op:
        batch_op.drop_column("source_name")

    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_column("hr_histogram")
        batch_op.drop_column("name")
        batch_op.drop_column("total_ascent_m")
        batch_op.drop_column("sub_sport")

    op.drop_table("imports")
    op.drop_table("custom_exercises")
