"""IM art.20 / SS: the 24 initial hours count only when done before starting work

Revision ID: f7a6e92ff902
Revises: f374e1dd35a8
Create Date: 2026-11-25 16:45:00
"""
from alembic import op

revision = 'f7a6e92ff902'
down_revision = 'f374e1dd35a8'
branch_labels = None
depends_on = None

# The shipped documents for Inner Mongolia and Songshan gain the timing rule (registry.quota.rule_defaults).
WHERE = "kind = 'training.requirement' AND region_prefix IN ('15', '150404') AND source IN ('IM art.20', 'SS')"


def upgrade() -> None:
    op.execute(f"UPDATE management_rule SET params = params || '{{\"initial_before_start\": true}}'::jsonb WHERE {WHERE}")


def downgrade() -> None:
    op.execute(f"UPDATE management_rule SET params = params - 'initial_before_start' WHERE {WHERE}")
