"""Probation cases: an assessment without a cycle, opened when a probation ends (whatever the month), with
its own frozen plan and the probation's last day

Revision ID: 8c3f5a2d9e61
Revises: 5b8d2e7c4a19
Create Date: 2026-12-02 11:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '8c3f5a2d9e61'
down_revision = '5b8d2e7c4a19'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("assessment", sa.Column("plan", postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column("assessment", sa.Column("due_on", sa.Date(), nullable=True))
    op.create_index("uq_assessment_probation_case", "assessment", ["worker_id", "due_on"], unique=True,
                    postgresql_where=sa.text("cycle_id IS NULL AND kind = 'probation'"))


def downgrade() -> None:
    op.drop_index("uq_assessment_probation_case", table_name="assessment")
    op.drop_column("assessment", "due_on")
    op.drop_column("assessment", "plan")
