"""audit_log.actor_name: the actor's name from the token at write time, so an entry names a person

Revision ID: c2a7f0d41e85
Revises: b91d4e7a3c20
Create Date: 2026-12-01 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'c2a7f0d41e85'
down_revision = 'b91d4e7a3c20'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("actor_name", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("audit_log", "actor_name")
