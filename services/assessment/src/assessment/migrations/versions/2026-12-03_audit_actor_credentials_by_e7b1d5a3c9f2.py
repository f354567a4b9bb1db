"""Audit rows name who issued the actor's password (maker–checker: the issuer counts as the actor)

Revision ID: e7b1d5a3c9f2
Revises: 8c3f5a2d9e61
Create Date: 2026-12-03 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'e7b1d5a3c9f2'
down_revision = '8c3f5a2d9e61'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Who issued the actor's password (cwm_kit.audit): maker–checker treats them as the actor too.
    op.add_column("audit_log", sa.Column("actor_credentials_by", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("audit_log", "actor_credentials_by")
