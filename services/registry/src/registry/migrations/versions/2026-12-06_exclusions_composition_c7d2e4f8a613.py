"""Who may be a community worker and the 两委 composition (issue 13, missing duties part A): worker.other_status /
other_status_since (retired, civil servant, public-institution or enterprise staff, toll-station transferee),
worker.party_affairs (专职党务工作者) and worker.lives_locally (属地化); the rule documents eligibility.exclusions
@"" (CENTRAL §12: none) and @150404 (SS 二(一)), and community.composition @150404 (SS 二(三)1).

Revision ID: c7d2e4f8a613
Revises: c7e1a94d2b58
Create Date: 2026-12-06 10:00:00
"""
from datetime import date

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'c7d2e4f8a613'
down_revision = 'c7e1a94d2b58'
branch_labels = None
depends_on = None

RULES = [
    ("eligibility.exclusions", "", "2024-03-28", "CENTRAL §12",
     {"excluded": [], "excluded_on_committee": []},
     {"excluded": "§12 「除具有公务员、事业单位工作人员身份的外…签订劳动合同」 — names the status, excludes no one",
      "excluded_on_committee": "§12 (as above)"}),
    ("eligibility.exclusions", "150404", "2022-01-01", "SS 二(一)",
     {"excluded": ["retired", "toll_station_transferee"],
      "excluded_on_committee": ["civil_servant", "public_institution", "enterprise"]},
     {"excluded": "「退休社区工作者…原收费站撤站后分流到社区人员不纳入本方案范围」",
      "excluded_on_committee": "「机关企事业单位在职人员在社区“两委”任职的…不纳入本方案范围」"}),
    ("community.composition", "150404", "2022-01-01", "SS 二(三)1",
     {"leadership_posts": ["ss_head", "ss_deputy"], "max_leadership_posts": 3, "party_affairs_min": 1,
      "local_members_min": 1},
     {"leadership_posts": "reading: 领导职数 are the 正职 and 副职 posts of the SS catalogue",
      "max_leadership_posts": "「社区“两委”领导职数原则上不超过3人」",
      "party_affairs_min": "「每个社区原则上要配备1名专职党务工作者负责党建日常工作」",
      "local_members_min": "「在保证1名专职成员属地化的基础上」"}),
]


def upgrade() -> None:
    op.add_column('worker', sa.Column('other_status', sa.String(32), nullable=True))
    op.add_column('worker', sa.Column('other_status_since', sa.Date(), nullable=True))
    op.add_column('worker', sa.Column('party_affairs', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('worker', sa.Column('lives_locally', sa.Boolean(), server_default=sa.false(), nullable=False))
    bind = op.get_bind()
    table = sa.table('management_rule', sa.column('kind', sa.String), sa.column('region_prefix', sa.String),
                     sa.column('effective_from', sa.Date), sa.column('source', sa.String),
                     sa.column('params', postgresql.JSONB), sa.column('clauses', postgresql.JSONB))
    for kind, prefix, effective, source, params, clauses in RULES:
        exists = bind.execute(sa.text("SELECT 1 FROM management_rule WHERE kind = :k AND region_prefix = :p "
                                      "AND effective_from = :d"),
                              {"k": kind, "p": prefix, "d": date.fromisoformat(effective)}).first()
        if exists is None:
            bind.execute(table.insert().values(kind=kind, region_prefix=prefix,
                                               effective_from=date.fromisoformat(effective), source=source,
                                               params=params, clauses=clauses))


def downgrade() -> None:
    for kind, prefix, effective, source, _params, _clauses in RULES:
        op.execute(sa.text("DELETE FROM management_rule WHERE kind = :k AND region_prefix = :p "
                           "AND effective_from = :d AND source = :s").bindparams(
            k=kind, p=prefix, d=date.fromisoformat(effective), s=source))
    for column in ('lives_locally', 'party_affairs', 'other_status_since', 'other_status'):
        op.drop_column('worker', column)
