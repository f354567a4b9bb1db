"""audit_log.worker_id: the worker an audit entry concerns (a one-off item, a tax declaration ...), so the audit
trail is filterable per worker (issue 14); earlier entries take the worker their after/before names

Revision ID: a7c2e9d4f1b3
Revises: d7b2e5a9c3f1
Create Date: 2026-12-14 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'a7c2e9d4f1b3'
down_revision = 'd7b2e5a9c3f1'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("worker_id", sa.String(length=64), nullable=True))
    op.create_index("ix_audit_log_worker_id", "audit_log", ["worker_id"], unique=False)
    op.execute("UPDATE audit_log SET worker_id = COALESCE(after->>'worker_id', before->>'worker_id') "
               "WHERE COALESCE(after->>'worker_id', before->>'worker_id') IS NOT NULL")


def downgrade() -> None:
    op.drop_index("ix_audit_log_worker_id", table_name="audit_log")
    op.drop_column("audit_log", "worker_id")
