"""audit_log.actor_name: the actor's name from the token at write time, so an entry names a person

Revision ID: d3b8e1f52a96
Revises: 5e1c0a7d2b91
Create Date: 2026-12-01 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'd3b8e1f52a96'
down_revision = '5e1c0a7d2b91'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("actor_name", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("audit_log", "actor_name")
