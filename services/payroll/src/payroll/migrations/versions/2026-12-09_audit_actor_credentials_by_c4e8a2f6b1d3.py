"""Audit rows name who issued the actor's password (maker–checker: the issuer counts as the actor)

Revision ID: c4e8a2f6b1d3
Revises: a9d3e6f1c2b7
Create Date: 2026-12-09 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'c4e8a2f6b1d3'
down_revision = 'a9d3e6f1c2b7'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Who issued the actor's password (cwm_kit.audit): maker–checker treats them as the actor too.
    op.add_column("audit_log", sa.Column("actor_credentials_by", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("audit_log", "actor_credentials_by")
