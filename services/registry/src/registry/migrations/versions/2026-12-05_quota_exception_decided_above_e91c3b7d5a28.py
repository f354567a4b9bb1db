"""Quota exceptions requested and decided (issue 13 item 2, IM art.6): status pending / approved / rejected,
requested_by/at, decided_by/at and a note; only approved ones count. Existing rows were approved when written:
they stay approved, their approver recorded as both requester and decider. Rule document quota.approval: which
levels decide a county's total and a community's number (CENTRAL §3 county or city; IM art.6 the city for the
county total).

Revision ID: e91c3b7d5a28
Revises: d4a7e2b913c6
Create Date: 2026-12-05 10:00:00
"""
from datetime import date

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'e91c3b7d5a28'
down_revision = 'd4a7e2b913c6'
branch_labels = None
depends_on = None

# A frozen copy of the quota.approval rows of registry.quota.rule_defaults as of this revision.
RULES = [
    ("quota.approval", "", "2024-03-28", "CENTRAL §3",
     {"county_total_approver_levels": ["county", "city", "province"],
      "community_number_approver_levels": ["county", "city", "province"]},
     {"county_total_approver_levels": "§3 「市地级或县级层面实行总量控制」 (either level)",
      "community_number_approver_levels": "none states it: the county or above (operational)"}),
    ("quota.approval", "15", "2024-08-21", "IM art.6",
     {"county_total_approver_levels": ["city", "province"],
      "community_number_approver_levels": ["county", "city", "province"]},
     {"county_total_approver_levels": "art.6 「盟市党委社会工作部门负责核定所辖每个旗县(市、区)配备社区工作者的总量」",
      "community_number_approver_levels": "art.6 「每个社区配备社区工作者的人数,由旗县(市、区)党委社会工作部门提出,"
                                          "报旗县(市、区)党委和政府批准,并报盟市党委社会工作部门备案」 — reading: "
                                          "decided at county level by another officer than the proposer, listed "
                                          "to the city (备案)"}),
]


def upgrade() -> None:
    op.alter_column('quota_exception', 'approved_by', new_column_name='decided_by', nullable=True)
    op.alter_column('quota_exception', 'approved_at', new_column_name='decided_at', nullable=True, server_default=None)
    op.add_column('quota_exception', sa.Column('status', sa.String(16), nullable=False, server_default='approved'))
    op.alter_column('quota_exception', 'status', server_default=None)
    op.add_column('quota_exception', sa.Column('requested_by', sa.String(64), nullable=True))
    op.add_column('quota_exception', sa.Column('requested_at', sa.DateTime(timezone=True),
                                               server_default=sa.func.now(), nullable=False))
    op.add_column('quota_exception', sa.Column('decision_note', sa.String(500), nullable=True))
    op.execute("UPDATE quota_exception SET requested_by = decided_by, requested_at = COALESCE(decided_at, now())")
    op.alter_column('quota_exception', 'requested_by', nullable=False)
    op.create_check_constraint(op.f('ck_quota_exception_status_known'), 'quota_exception', "status IN ('pending', 'approved', 'rejected')")
    op.create_check_constraint(op.f('ck_quota_exception_decided_unless_pending'), 'quota_exception',
                               "(status = 'pending') = (decided_by IS NULL)")
    table = sa.table('management_rule', sa.column('kind', sa.String), sa.column('region_prefix', sa.String),
                     sa.column('effective_from', sa.Date), sa.column('source', sa.String),
                     sa.column('params', postgresql.JSONB), sa.column('clauses', postgresql.JSONB))
    bind = op.get_bind()
    for kind, prefix, effective, source, params, clauses in RULES:
        exists = bind.execute(sa.text("SELECT 1 FROM management_rule WHERE kind = :k AND region_prefix = :p "
                                      "AND effective_from = :d"),
                              {"k": kind, "p": prefix, "d": date.fromisoformat(effective)}).first()
        if exists is None:
            bind.execute(table.insert().values(kind=kind, region_prefix=prefix, effective_from=date.fromisoformat(
                effective), source=source, params=params, clauses=clauses))


def downgrade() -> None:
    op.execute("DELETE FROM management_rule WHERE kind = 'quota.approval'")
    op.execute("DELETE FROM quota_exception WHERE status <> 'approved'")
    op.drop_constraint(op.f('ck_quota_exception_decided_unless_pending'), 'quota_exception', type_='check')
    op.drop_constraint(op.f('ck_quota_exception_status_known'), 'quota_exception', type_='check')
    op.drop_column('quota_exception', 'decision_note')
    op.drop_column('quota_exception', 'requested_at')
    op.drop_column('quota_exception', 'requested_by')
    op.drop_column('quota_exception', 'status')
    op.alter_column('quota_exception', 'decided_at', new_column_name='approved_at', nullable=False,
                    server_default=sa.func.now())
    op.alter_column('quota_exception', 'decided_by', new_column_name='approved_by', nullable=False)
