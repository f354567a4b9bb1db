"""audit_log.actor_name: the actor's name from the token at write time, so an entry names a person

Revision ID: e4c9f2a63b07
Revises: 2c4ea9fa2021
Create Date: 2026-12-01 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'e4c9f2a63b07'
down_revision = '2c4ea9fa2021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("actor_name", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("audit_log", "actor_name")
