"""Dashboard statistics answered from a snapshot per (jurisdiction, scope), refreshed in the background
(ADR 0006).

Revision ID: d5b2e7a914c3
Revises: a8d4e2c61b37
Create Date: 2026-12-09 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'd5b2e7a914c3'
down_revision = 'a8d4e2c61b37'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stats_snapshot",
        sa.Column("jurisdiction", sa.String(12), nullable=False),
        sa.Column("scope", sa.String(12), nullable=False),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("basis", sa.String(100), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("jurisdiction", "scope", name="pk_stats_snapshot"),
    )


def downgrade() -> None:
    op.drop_table("stats_snapshot")
