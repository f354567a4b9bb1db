"""Optional second factor (issue 11): a TOTP seed per account, and the rule document auth.second_factor
(which roles must use one, per region prefix; nationally none)

Revision ID: b7f2c9e0a318
Revises: 5c2e8d1a9f03
Create Date: 2026-12-04 09:00:00
"""
from datetime import date

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'b7f2c9e0a318'
down_revision = '5c2e8d1a9f03'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("account", sa.Column("totp_secret", sa.String(length=64), nullable=True))
    op.add_column("account", sa.Column("totp_enabled", sa.Boolean(), nullable=False, server_default=sa.text("false")))
    rule = sa.table('management_rule', sa.column('kind', sa.String), sa.column('region_prefix', sa.String),
                    sa.column('effective_from', sa.Date), sa.column('source', sa.String),
                    sa.column('params', postgresql.JSONB))
    op.bulk_insert(rule, [{'kind': 'auth.second_factor', 'region_prefix': '', 'effective_from': date(2000, 1, 1),
                           'source': 'issue 11 (optional; a province lists the roles that must)',
                           'params': {'required_roles': []}}])


def downgrade() -> None:
    op.execute("DELETE FROM management_rule WHERE kind = 'auth.second_factor'")
    op.drop_column("account", "totp_enabled")
    op.drop_column("account", "totp_secret")
