"""audit_log.worker_id on earlier entries about one worker that were written without it (a secondment, a leave
request or decision, a discipline or health record ...): the worker their after/before names, or the hired
worker of a recruitment hire, so the per-worker audit trail (issue 14) shows them

Revision ID: e2a6c9f4b7d1
Revises: b5d1f8a3c6e2
Create Date: 2026-12-14 09:00:00
"""
from alembic import op

revision = 'e2a6c9f4b7d1'
down_revision = 'b5d1f8a3c6e2'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE audit_log SET worker_id = COALESCE(after->>'worker_id', before->>'worker_id') "
               "WHERE worker_id IS NULL AND COALESCE(after->>'worker_id', before->>'worker_id') IS NOT NULL")
    op.execute("UPDATE audit_log SET worker_id = after->>'hired_worker_id' "
               "WHERE worker_id IS NULL AND action = 'recruitment.applicant.hire' "
               "AND after->>'hired_worker_id' IS NOT NULL")


def downgrade() -> None:
    pass  # the worker an entry concerns stays known
