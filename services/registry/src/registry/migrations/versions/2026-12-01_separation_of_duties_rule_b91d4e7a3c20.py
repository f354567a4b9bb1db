"""Rule document `duties.separation`: maker–checker rules, on nationally, relaxable per prefix (issue 11)

Revision ID: b91d4e7a3c20
Revises: a3c81d5e2b47
Create Date: 2026-12-01 09:00:00
"""
from datetime import date

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'b91d4e7a3c20'
down_revision = 'a3c81d5e2b47'
branch_labels = None
depends_on = None

# A copy of the shipped document (registry.quota.rule_defaults), frozen here as migrations must be.
PARAMS = {"run_preparer_not_approver": True, "run_approver_not_payer": True, "scheme_drafter_not_publisher": True,
          "assessment_proposer_not_decider": True}


def upgrade() -> None:
    rule = sa.table('management_rule', sa.column('kind', sa.String), sa.column('region_prefix', sa.String),
                    sa.column('effective_from', sa.Date), sa.column('source', sa.String),
                    sa.column('params', postgresql.JSONB))
    op.bulk_insert(rule, [{'kind': 'duties.separation', 'region_prefix': '', 'effective_from': date(2000, 1, 1),
                           'source': 'issue 11 (internal control; no policy text sets these)', 'params': PARAMS}])


def downgrade() -> None:
    op.execute("DELETE FROM management_rule WHERE kind = 'duties.separation'")
