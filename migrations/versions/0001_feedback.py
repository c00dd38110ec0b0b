"""The feedback table: an answer, the rules and the kind of case, a masked text; nothing personal.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("answer", sa.String(16), nullable=False),
        sa.Column("rule_ids", sa.Text, nullable=False),
        sa.Column("verdict", sa.String(16)),
        sa.Column("visit_month", sa.String(7)),
        sa.Column("insurance", sa.String(16)),
        sa.Column("age_band", sa.String(8)),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("rules_as_of", sa.Date),
        sa.Column("text", sa.String(500)),
    )
    # The report reads a period, newest first.
    op.create_index("ix_feedback_received_on", "feedback", ["received_on"])


def downgrade() -> None:
    op.drop_index("ix_feedback_received_on", table_name="feedback")
    op.drop_table("feedback")
