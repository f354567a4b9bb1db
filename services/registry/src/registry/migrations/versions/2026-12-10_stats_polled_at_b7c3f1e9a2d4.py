"""Dashboard statistics: when a snapshot's scope was last polled, so the refresher in its own process knows
which scopes to keep fresh (ADR 0006).

Revision ID: b7c3f1e9a2d4
Revises: d5b2e7a914c3
Create Date: 2026-12-10 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'b7c3f1e9a2d4'
down_revision = 'd5b2e7a914c3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stats_snapshot", sa.Column("polled_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("stats_snapshot", "polled_at")
