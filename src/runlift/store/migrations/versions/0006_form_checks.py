"""Form checks attached to logged sets (``runlift form --log``).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 23:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=True),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("exercise_id", sa.String(length=120), nullable=False),
        sa.Column("technique", sa.Integer(), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athletes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["set_id"], ["sets.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_form_checks_athlete_id", "form_checks", ["athlete_id"])
    op.create_index("ix_form_checks_set_id", "form_checks", ["set_id"])


def downgrade() -> None:
    op.drop_index("ix_form_checks_set_id", table_name="form_checks")
    op.drop_index("ix_form_checks_athlete_id", table_name="form_checks")
    op.drop_table("form_checks")
