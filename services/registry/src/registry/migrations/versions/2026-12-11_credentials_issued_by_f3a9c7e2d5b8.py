"""Accounts keep who issued their password (created the account or last reset it), and audit rows name
who issued the actor's password (maker–checker: the issuer counts as the account's holder)

Revision ID: f3a9c7e2d5b8
Revises: b7c3f1e9a2d4
Create Date: 2026-12-11 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'f3a9c7e2d5b8'
down_revision = 'b7c3f1e9a2d4'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Who issued the actor's password (cwm_kit.audit): maker–checker treats them as the actor too.
    op.add_column("audit_log", sa.Column("actor_credentials_by", sa.String(length=64), nullable=True))
    op.add_column("account", sa.Column("credentials_issued_by", sa.String(length=64), nullable=True))
    # An account whose initial password was never changed is still in its creator's hands; one changed since
    # may have been changed by the creator too: either way its creator knew a password of it.
    op.execute("UPDATE account SET credentials_issued_by = created_by WHERE created_by IS NOT NULL")


def downgrade() -> None:
    op.drop_column("account", "credentials_issued_by")
    op.drop_column("audit_log", "actor_credentials_by")
