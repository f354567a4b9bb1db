"""Issue 13, missing duties (part B): dated discipline / criminal records (exit.discipline: NX 三, IM art.37(五),
SS 二(四)5), the party secretary's filing with the organisation department (secretary.filing: NX 三, SS 二(四)6),
yearly health checks (health.check: NX 四), leave requests and annual leave (leave.annual: 职工带薪年休假条例 art.3),
and the training rules training.split (NX 2:3:5) and training.rotation (CENTRAL §8: others every 3 years).

Revision ID: e3b8c61f4a27
Revises: c7d2e4f8a613
Create Date: 2026-12-06 14:00:00
"""
from datetime import date

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'e3b8c61f4a27'
down_revision = 'c7d2e4f8a613'
branch_labels = None
depends_on = None

DISCIPLINE_KINDS = ("party_warning", "party_post_revoked", "party_probation", "expelled_from_party", "gov_minor",
                    "gov_dismissal", "gov_expulsion", "serious_violation", "criminal_liability", "sentenced")
LEAVE_KINDS = ("annual", "sick", "personal", "marriage", "bereavement", "maternity", "other")

# (kind, region_prefix, effective_from, source, params, clauses), as in registry/rules/defaults.py.
RULES = [('exit.discipline',
  '64',
  '2024-12-27',
  'NX 三 完善退出机制',
  {'exit_kinds': ['party_post_revoked',
                  'party_probation',
                  'expelled_from_party',
                  'gov_dismissal',
                  'gov_expulsion',
                  'criminal_liability',
                  'sentenced']},
  {'exit_kinds': '「受撤销党内职务及以上党纪处分或者受撤职及以上政务处分的，被依法追究刑事责任…依法解除劳动合同」 (撤销党内职务、留党察看、开除党籍; 撤职、开除; 追究刑事责任, 判刑)'}),
 ('exit.discipline',
  '15',
  '2024-08-21',
  'IM art.37(五)',
  {'exit_kinds': ['serious_violation', 'expelled_from_party', 'gov_expulsion', 'criminal_liability', 'sentenced']},
  {'exit_kinds': 'art.37(五) 「有严重违纪违法行为或者被依法追究刑事责任」 — reading: a record the issuing body calls serious, an '
                 'expulsion, criminal liability or a sentence'}),
 ('exit.discipline',
  '150404',
  '2022-01-01',
  'SS 二(四)5',
  {'exit_kinds': ['expelled_from_party', 'sentenced']},
  {'exit_kinds': '「因违纪违法被开除党籍或被判刑的」'}),
 ('secretary.filing',
  '64',
  '2024-12-27',
  'NX 三 加强日常管理',
  {'filing_body': '县级党委组织部', 'secretary_posts': ['nx_head'], 'secretary_roles': ['secretary', 'both']},
  {'filing_body': '「社区党组织书记由县级党委组织部备案管理」',
   'secretary_posts': 'reading: the head post of the catalogue',
   'secretary_roles': 'reading: held as secretary (书记) or both (一肩挑)'}),
 ('secretary.filing',
  '150404',
  '2022-01-01',
  'SS 二(四)6',
  {'filing_body': '区委组织部', 'secretary_posts': ['ss_head'], 'secretary_roles': ['secretary', 'both']},
  {'filing_body': '「社区党组织书记档案实行区委组织部备案管理」',
   'secretary_posts': 'reading: the head post of the catalogue',
   'secretary_roles': 'reading: held as secretary (书记) or both (一肩挑)'}),
 ('health.check',
  '64',
  '2024-12-27',
  'NX 四 加强关心关爱',
  {'checks_per_year': 1},
  {'checks_per_year': '「将社区工作者体检经费纳入县级财政预算，每年组织1次体检」'}),
 ('leave.annual',
  '',
  '2008-01-01',
  '职工带薪年休假条例 art.3',
  {'days_by_service_years': [{'from_years': 1, 'days': 5},
                             {'from_years': 10, 'days': 10},
                             {'from_years': 20, 'days': 15}]},
  {'days_by_service_years': 'art.3 「职工累计工作已满1年不满10年的，年休假5天；已满10年不满20年的，年休假10天；已满20年的，年休假15天」 — reading: years of '
                            'counted community service (cwm_kit.service_years) completed on 1 January; days are '
                            'working days (Mon–Fri)'}),
 ('training.split',
  '64',
  '2024-12-27',
  'NX 二 健全培训机制',
  {'organiser_shares': {'province': 2, 'city': 3, 'county': 5}, 'head_posts': ['nx_head']},
  {'organiser_shares': '「自治区、市、县(区)每年按照2:3:5的比例对社区党组织书记、居民委员会主任全覆盖培训1次」',
   'head_posts': 'reading: the head post of the catalogue'}),
 ('training.rotation',
  '',
  '2024-03-28',
  'CENTRAL §8',
  {'every_years': 3,
   'exempt_posts': ['nx_head', 'ss_head'],
   'organiser_levels': ['national', 'province', 'city', 'county']},
  {'every_years': '§8 「对其他社区工作者每3年轮训1次」 (NX 「市、县(区)对其他社区工作者每3年轮训1次」, IM art.20 「对其他社区工作者每3年轮训1次」 restate it)',
   'exempt_posts': '§8 「社区党组织书记、社区居民委员会主任」 are trained yearly instead (reading: the head posts)',
   'organiser_levels': '§8 「县级党委组织部门会同党委社会工作部门」 — reading: a training organised at county level or above counts'})]


def _worker_columns() -> list:
    return [sa.Column('id', postgresql.UUID(as_uuid=True), primary_key=True),
            sa.Column('worker_id', postgresql.UUID(as_uuid=True), sa.ForeignKey('worker.id', ondelete='CASCADE'),
                      nullable=False),
            sa.Column('community_code', sa.String(12), nullable=False)]


def _created() -> list:
    return [sa.Column('created_by', sa.String(64), nullable=False),
            sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        'discipline_record', *_worker_columns(),
        sa.Column('kind', sa.String(32), nullable=False), sa.Column('record_date', sa.Date(), nullable=False),
        sa.Column('issuing_body', sa.String(128), nullable=False), sa.Column('summary', sa.String(1000), nullable=False),
        *_created(), sa.CheckConstraint(f"kind IN {DISCIPLINE_KINDS}", name='kind_known'))
    op.create_index('ix_discipline_record_community', 'discipline_record', ['community_code', 'record_date'])
    op.create_table(
        'secretary_filing', *_worker_columns(),
        sa.Column('filed_on', sa.Date(), nullable=False), sa.Column('filing_body', sa.String(128), nullable=False),
        sa.Column('reference', sa.String(64), nullable=True), *_created())
    op.create_table(
        'health_check', *_worker_columns(),
        sa.Column('checked_on', sa.Date(), nullable=False), sa.Column('institution', sa.String(128), nullable=False),
        sa.Column('note', sa.String(500), nullable=True), *_created())
    op.create_index('ix_health_check_worker_date', 'health_check', ['worker_id', 'checked_on'])
    for table in ('discipline_record', 'secretary_filing', 'health_check'):
        for column in ('worker_id', 'community_code'):
            op.create_index(f'ix_{table}_{column}', table, [column])
    op.create_table(
        'leave_request', *_worker_columns(),
        sa.Column('kind', sa.String(16), nullable=False), sa.Column('start_date', sa.Date(), nullable=False),
        sa.Column('end_date', sa.Date(), nullable=False), sa.Column('days', sa.Integer(), nullable=False),
        sa.Column('reason', sa.String(500), nullable=True), sa.Column('status', sa.String(16), nullable=False),
        sa.Column('requested_by', sa.String(64), nullable=False),
        sa.Column('requested_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column('decided_by', sa.String(64), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('decision_note', sa.String(500), nullable=True),
        sa.CheckConstraint('end_date >= start_date', name='period_ordered'),
        sa.CheckConstraint(f"kind IN {LEAVE_KINDS}", name='kind_known'),
        sa.CheckConstraint("status IN ('pending', 'approved', 'rejected')", name='status_known'))
    op.create_index('ix_leave_request_worker_start', 'leave_request', ['worker_id', 'start_date'])
    op.create_index('ix_leave_request_community_status', 'leave_request', ['community_code', 'status'])
    bind = op.get_bind()
    table = sa.table('management_rule', sa.column('kind', sa.String), sa.column('region_prefix', sa.String),
                     sa.column('effective_from', sa.Date), sa.column('source', sa.String),
                     sa.column('params', postgresql.JSONB), sa.column('clauses', postgresql.JSONB))
    for kind, prefix, effective, source, params, clauses in RULES:
        exists = bind.execute(sa.text("SELECT 1 FROM management_rule WHERE kind = :k AND region_prefix = :p "
                                      "AND effective_from = :d"),
                              {"k": kind, "p": prefix, "d": date.fromisoformat(effective)}).first()
        if exists is None:
            bind.execute(table.insert().values(kind=kind, region_prefix=prefix, effective_from=date.fromisoformat(
                effective), source=source, params=params, clauses=clauses))


def downgrade() -> None:
    for kind, prefix, effective, source, _, _ in RULES:
        op.get_bind().execute(sa.text("DELETE FROM management_rule WHERE kind = :k AND region_prefix = :p "
                                      "AND effective_from = :d AND source = :s"),
                              {"k": kind, "p": prefix, "d": date.fromisoformat(effective), "s": source})
    for table in ('leave_request', 'health_check', 'secretary_filing', 'discipline_record'):
        op.drop_table(table)
