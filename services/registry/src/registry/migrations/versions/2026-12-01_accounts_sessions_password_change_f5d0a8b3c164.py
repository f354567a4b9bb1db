"""Accounts administered in the system (issue 11): login by phone for workers, first-login password change,
who created them, deactivation time; login sessions (sid) and the revoked-session list (ADR 0004)

Revision ID: f5d0a8b3c164
Revises: 7b2e9c41d0a6
Create Date: 2026-12-01 11:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'f5d0a8b3c164'
down_revision = '7b2e9c41d0a6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("account", sa.Column("phone", sa.String(length=20), nullable=True))
    op.create_unique_constraint("uq_account_phone", "account", ["phone"])
    op.add_column("account", sa.Column("must_change_password", sa.Boolean(), nullable=False,
                                       server_default=sa.text("false")))
    op.add_column("account", sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("account", sa.Column("created_by", sa.String(length=64), nullable=True))
    op.add_column("account", sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("account", sa.Column("deactivated_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("refresh_token", sa.Column("sid", sa.String(length=64), nullable=True))
    op.create_index("ix_refresh_token_sid", "refresh_token", ["sid"])
    op.create_table(
        "revoked_session",
        sa.Column("sid", sa.String(length=64), nullable=False),
        sa.Column("account_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("sid", name=op.f("pk_revoked_session")),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE",
                                name=op.f("fk_revoked_session_account_id_account")),
    )
    op.create_index("ix_revoked_session_account_id", "revoked_session", ["account_id"])
    op.create_index("ix_revoked_session_revoked_at", "revoked_session", ["revoked_at"])


def downgrade() -> None:
    op.drop_table("revoked_session")
    op.drop_index("ix_refresh_token_sid", "refresh_token")
    op.drop_column("refresh_token", "sid")
    for column in ("deactivated_at", "updated_at", "created_by", "password_changed_at", "must_change_password"):
        op.drop_column("account", column)
    op.drop_constraint("uq_account_phone", "account")
    op.drop_column("account", "phone")
