"""Rule documents `service.counting`: which years of community service count, from which date (issue 10)

Revision ID: a3c81d5e2b47
Revises: f7a6e92ff902
Create Date: 2026-11-30 12:00:00
"""
from datetime import date

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'a3c81d5e2b47'
down_revision = 'f7a6e92ff902'
branch_labels = None
depends_on = None

# A copy of the shipped documents (registry.quota.rule_defaults), frozen here as migrations must be.
ROWS = [
    ("", "1978-01-01", "CENTRAL §4", {"scope_digits": 2, "bridge_breaks": False}),
    ("150404", "2022-01-01", "SS 三.1, 三.4(1)", {"scope_digits": 6, "bridge_breaks": False}),
    ("15", "2024-08-21", "IM art.23", {"scope_digits": 2, "bridge_breaks": False}),
    ("150404", "2024-08-21", "IM art.23 (over SS 三.1)", {"scope_digits": 2, "bridge_breaks": False}),
]


def upgrade() -> None:
    rule = sa.table('management_rule', sa.column('kind', sa.String), sa.column('region_prefix', sa.String),
                    sa.column('effective_from', sa.Date), sa.column('source', sa.String),
                    sa.column('params', postgresql.JSONB))
    op.bulk_insert(rule, [{'kind': 'service.counting', 'region_prefix': p, 'effective_from': date.fromisoformat(d),
                           'source': s, 'params': params} for p, d, s, params in ROWS])


def downgrade() -> None:
    op.execute("DELETE FROM management_rule WHERE kind = 'service.counting'")
