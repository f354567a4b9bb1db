"""Rule document `exit.assessment` (version of 2024-08-21): only 不合格 fails probation (IM art.37(一), NX
「试用期满考核不合格」), not 基本合格 (issue 10)

Revision ID: 3e6a9c1f7d52
Revises: f5d0a8b3c164
Create Date: 2026-12-02 10:00:00
"""
from datetime import date

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '3e6a9c1f7d52'
down_revision = 'f5d0a8b3c164'
branch_labels = None
depends_on = None

# A copy of the shipped document (registry.quota.rule_defaults), frozen here as migrations must be.
PARAMS = {"consecutive_incompetent_years": 2, "probation_fail_results": ["incompetent"]}
SOURCE = "IM art.37(一) 「试用期满考核不合格」; NX 退出机制; SS"


def upgrade() -> None:
    rule = sa.table('management_rule', sa.column('kind', sa.String), sa.column('region_prefix', sa.String),
                    sa.column('effective_from', sa.Date), sa.column('source', sa.String),
                    sa.column('params', postgresql.JSONB))
    op.bulk_insert(rule, [{'kind': 'exit.assessment', 'region_prefix': '', 'effective_from': date(2024, 8, 21),
                           'source': SOURCE, 'params': PARAMS}])


def downgrade() -> None:
    op.execute("DELETE FROM management_rule WHERE kind = 'exit.assessment' AND region_prefix = '' "
               "AND effective_from = '2024-08-21'")
