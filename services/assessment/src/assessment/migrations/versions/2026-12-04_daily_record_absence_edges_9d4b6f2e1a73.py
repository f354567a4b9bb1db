"""Daily records keep the absence streaks touching their period's edges, so a streak across two periods counts
whole (SS 「连续旷工15天」)

Revision ID: 9d4b6f2e1a73
Revises: e7b1d5a3c9f2
Create Date: 2026-12-04 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '9d4b6f2e1a73'
down_revision = 'e7b1d5a3c9f2'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("daily_record", sa.Column("absent_at_start", sa.Integer(), server_default="0", nullable=False))
    op.add_column("daily_record", sa.Column("absent_at_end", sa.Integer(), server_default="0", nullable=False))
    op.create_check_constraint(op.f("ck_daily_record_edges_non_negative"), "daily_record",
                               "absent_at_start >= 0 AND absent_at_end >= 0")
    op.create_check_constraint(
        op.f("ck_daily_record_edges_within_streak"), "daily_record",
        "absent_at_start <= longest_absence_streak AND absent_at_end <= longest_absence_streak")


def downgrade() -> None:
    op.drop_constraint(op.f("ck_daily_record_edges_within_streak"), "daily_record")
    op.drop_constraint(op.f("ck_daily_record_edges_non_negative"), "daily_record")
    op.drop_column("daily_record", "absent_at_end")
    op.drop_column("daily_record", "absent_at_start")
