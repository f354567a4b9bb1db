"""A one-time code logs in once (RFC 6238 §5.2): the account remembers the last 30-second step whose code was
accepted at login, and a code of that step or an earlier one is refused.

Revision ID: a8d4e2c61b37
Revises: f1a6c3e8d920
Create Date: 2026-12-08 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'a8d4e2c61b37'
down_revision = 'f1a6c3e8d920'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("account", sa.Column("totp_last_step", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    op.drop_column("account", "totp_last_step")
