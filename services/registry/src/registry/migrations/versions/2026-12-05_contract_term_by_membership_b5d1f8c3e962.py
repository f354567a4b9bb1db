"""Contract terms follow 两委 membership (issue 13 item 2, SS 二(四)5 「社区“两委”成员聘期5年，专职工作人员聘期3年」):
worker.committee_member (every committee post, and a 两委脱产委员 on the staff pay post, SS 三.1) and the rule
document contract.term @150404 {committee_member_years: 5, staff_years: 3}. Existing workers on committee posts
become members; staff-post 脱产委员 are entered by an officer.

Revision ID: b5d1f8c3e962
Revises: a3c9e5f17b40
Create Date: 2026-12-05 13:00:00
"""
from datetime import date

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'b5d1f8c3e962'
down_revision = 'a3c9e5f17b40'
branch_labels = None
depends_on = None

RULE = ("contract.term", "150404", "2022-01-01", "SS 二(四)5", {"committee_member_years": 5, "staff_years": 3},
        {"committee_member_years": "「社区“两委”成员聘期5年」 (两委脱产委员 on the staff pay post included, SS 三.1)",
         "staff_years": "「专职工作人员聘期3年」"})


def upgrade() -> None:
    op.add_column('worker', sa.Column('committee_member', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.execute("UPDATE worker SET committee_member = true FROM post_definition "
               "WHERE post_definition.code = worker.post AND post_definition.committee")
    kind, prefix, effective, source, params, clauses = RULE
    bind = op.get_bind()
    exists = bind.execute(sa.text("SELECT 1 FROM management_rule WHERE kind = :k AND region_prefix = :p "
                                  "AND effective_from = :d"),
                          {"k": kind, "p": prefix, "d": date.fromisoformat(effective)}).first()
    if exists is None:
        table = sa.table('management_rule', sa.column('kind', sa.String), sa.column('region_prefix', sa.String),
                         sa.column('effective_from', sa.Date), sa.column('source', sa.String),
                         sa.column('params', postgresql.JSONB), sa.column('clauses', postgresql.JSONB))
        bind.execute(table.insert().values(kind=kind, region_prefix=prefix, effective_from=date.fromisoformat(
            effective), source=source, params=params, clauses=clauses))


def downgrade() -> None:
    op.execute("DELETE FROM management_rule WHERE kind = 'contract.term' AND region_prefix = '150404' "
               "AND effective_from = DATE '2022-01-01' AND source = 'SS 二(四)5'")
    op.drop_column('worker', 'committee_member')
