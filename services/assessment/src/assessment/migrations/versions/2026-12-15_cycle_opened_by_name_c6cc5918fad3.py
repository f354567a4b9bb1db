"""cycle.opened_by_name: the opener's name from their token, so every officer who sees a cycle sees who opened it
(the account itself is not readable below the county); earlier cycles take the name their cycle.open audit
entry carries

Revision ID: c6cc5918fad3
Revises: b3e8d1f6a2c4
Create Date: 2026-12-15 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'c6cc5918fad3'
down_revision = 'b3e8d1f6a2c4'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cycle", sa.Column("opened_by_name", sa.String(length=64), nullable=True))
    op.execute("UPDATE cycle SET opened_by_name = a.actor_name FROM audit_log a "
               "WHERE a.action = 'cycle.open' AND a.entity = 'cycle' AND a.entity_id = cycle.id::text "
               "AND a.actor_name IS NOT NULL")


def downgrade() -> None:
    op.drop_column("cycle", "opened_by_name")
