"""workers posts imports

Revision ID: d8e9057f8480
Revises: 932191a135da
Create Date: 2026-11-25 15:09:28.173882
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'd8e9057f8480'
down_revision = '932191a135da'
branch_labels = None
depends_on = None


# The post catalogue is data (POLICY.md §4; SS terms from songshan-career-system-2022 §5: 两委 5 years,
# staff 3 years). The Ningxia text gives no contract term, so NX terms stay NULL (typed per contract).
POSTS = [
    # code, prefix, label_zh, label_en, committee, head, term, rank
    ("nx_head", "64", "两委正职", "committee head (secretary / director)", True, True, None, 1),
    ("nx_deputy", "64", "两委副职", "committee deputy", True, False, None, 2),
    ("nx_member", "64", "两委其他专职成员", "other full-time committee member", True, False, None, 3),
    ("nx_staff", "64", "专职工作人员", "full-time community staff", False, False, None, 4),
    ("ss_head", "150404", "正职", "head (secretary / committee director)", True, True, 5, 1),
    ("ss_deputy", "150404", "副职", "deputy", True, False, 5, 2),
    ("ss_staff", "150404", "工作人员", "community staff", False, False, 3, 3),
]


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table('post_definition',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('jurisdiction_prefix', sa.String(length=12), nullable=False),
    sa.Column('label_zh', sa.String(length=64), nullable=False),
    sa.Column('label_en', sa.String(length=64), nullable=False),
    sa.Column('committee', sa.Boolean(), nullable=False),
    sa.Column('head', sa.Boolean(), nullable=False),
    sa.Column('contract_term_years', sa.SmallInteger(), nullable=True),
    sa.Column('rank', sa.SmallInteger(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_post_definition'))
    )
    op.create_index(op.f('ix_post_definition_jurisdiction_prefix'), 'post_definition', ['jurisdiction_prefix'], unique=False)
    op.create_table('worker_import',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by', sa.String(length=64), nullable=False),
    sa.Column('jurisdiction', sa.String(length=12), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('valid_count', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker_import'))
    )
    op.create_index(op.f('ix_worker_import_file_sha256'), 'worker_import', ['file_sha256'], unique=False)
    op.create_table('worker',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('national_id', sa.String(length=18), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('ethnicity', sa.String(length=32), nullable=True),
    sa.Column('political_status', sa.String(length=32), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('post', sa.String(length=32), nullable=False),
    sa.Column('post_since', sa.Date(), nullable=False),
    sa.Column('yijiantiao', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('status_since', sa.Date(), nullable=False),
    sa.Column('education_level', sa.String(length=16), nullable=True),
    sa.Column('certificate_level', sa.String(length=32), nullable=True),
    sa.Column('hired_on', sa.Date(), nullable=False),
    sa.Column('contract_term_years', sa.SmallInteger(), nullable=False),
    sa.Column('contract_start', sa.Date(), nullable=False),
    sa.Column('contract_end', sa.Date(), nullable=False),
    sa.Column('probation_end', sa.Date(), nullable=True),
    sa.Column('exit_date', sa.Date(), nullable=True),
    sa.Column('exit_reason', sa.String(length=200), nullable=True),
    sa.Column('service_days_closed', sa.Integer(), nullable=False),
    sa.Column('service_open_since', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("sex IN ('M', 'F')", name=op.f('ck_worker_sex_code')),
    sa.CheckConstraint("status IN ('probation', 'active', 'seconded', 'resigned', 'dismissed', 'retired', 'deceased')", name=op.f('ck_worker_status_code')),
    sa.CheckConstraint('length(community_code) = 12', name=op.f('ck_worker_community_is_community')),
    sa.ForeignKeyConstraint(['community_code'], ['region.code'], name=op.f('fk_worker_community_code_region')),
    sa.ForeignKeyConstraint(['post'], ['post_definition.code'], name=op.f('fk_worker_post_post_definition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker')),
    sa.UniqueConstraint('national_id', name=op.f('uq_worker_national_id'))
    )
    op.create_index(op.f('ix_worker_certificate_level'), 'worker', ['certificate_level'], unique=False)
    op.create_index('ix_worker_community_code_pattern', 'worker', ['community_code'], unique=False, postgresql_ops={'community_code': 'varchar_pattern_ops'})
    op.create_index(op.f('ix_worker_education_level'), 'worker', ['education_level'], unique=False)
    op.create_index('ix_worker_name_trgm', 'worker', ['name'], unique=False, postgresql_using='gin', postgresql_ops={'name': 'gin_trgm_ops'})
    # "ID tail" searches: reverse(national_id) LIKE reverse(tail) || '%' uses this index.
    op.execute("CREATE INDEX ix_worker_national_id_reversed ON worker (reverse(national_id) varchar_pattern_ops)")
    op.create_index('ix_worker_status_post', 'worker', ['status', 'post'], unique=False)
    op.create_table('worker_import_row',
    sa.Column('import_id', sa.UUID(), nullable=False),
    sa.Column('row_number', sa.Integer(), nullable=False),
    sa.Column('national_id', sa.String(length=32), nullable=True),
    sa.Column('data', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('errors', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['import_id'], ['worker_import.id'], name=op.f('fk_worker_import_row_import_id_worker_import'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('import_id', 'row_number', name=op.f('pk_worker_import_row'))
    )
    op.create_table('worker_certificate',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('worker_id', sa.UUID(), nullable=False),
    sa.Column('level', sa.String(length=32), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_worker_certificate_worker_id_worker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker_certificate'))
    )
    op.create_index(op.f('ix_worker_certificate_worker_id'), 'worker_certificate', ['worker_id'], unique=False)
    op.create_table('worker_education',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('worker_id', sa.UUID(), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('institution', sa.String(length=128), nullable=True),
    sa.Column('graduated_on', sa.Date(), nullable=False),
    sa.Column('in_service', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_worker_education_worker_id_worker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker_education'))
    )
    op.create_index(op.f('ix_worker_education_worker_id'), 'worker_education', ['worker_id'], unique=False)
    op.create_table('worker_honour',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('worker_id', sa.UUID(), nullable=False),
    sa.Column('level', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('awarded_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_worker_honour_worker_id_worker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker_honour'))
    )
    op.create_index(op.f('ix_worker_honour_worker_id'), 'worker_honour', ['worker_id'], unique=False)
    op.create_table('worker_post_history',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('worker_id', sa.UUID(), nullable=False),
    sa.Column('post', sa.String(length=32), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=False),
    sa.Column('to_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_worker_post_history_worker_id_worker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker_post_history'))
    )
    op.create_index(op.f('ix_worker_post_history_worker_id'), 'worker_post_history', ['worker_id'], unique=False)
    op.create_table('worker_service_period',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('worker_id', sa.UUID(), nullable=False),
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start_date', name=op.f('ck_worker_service_period_dates_ordered')),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_worker_service_period_worker_id_worker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker_service_period'))
    )
    op.create_index(op.f('ix_worker_service_period_worker_id'), 'worker_service_period', ['worker_id'], unique=False)
    op.create_table('worker_status_history',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('worker_id', sa.UUID(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=False),
    sa.Column('to_date', sa.Date(), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_worker_status_history_worker_id_worker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker_status_history'))
    )
    op.create_index(op.f('ix_worker_status_history_worker_id'), 'worker_status_history', ['worker_id'], unique=False)
    op.create_table('worker_yijiantiao_history',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('worker_id', sa.UUID(), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=False),
    sa.Column('to_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], name=op.f('fk_worker_yijiantiao_history_worker_id_worker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worker_yijiantiao_history'))
    )
    op.create_index(op.f('ix_worker_yijiantiao_history_worker_id'), 'worker_yijiantiao_history', ['worker_id'], unique=False)
    op.add_column('audit_log', sa.Column('worker_id', sa.String(length=64), nullable=True))
    op.create_index('ix_audit_log_worker_id', 'audit_log', ['worker_id'], unique=False)
    post_table = sa.table("post_definition", sa.column("code"), sa.column("jurisdiction_prefix"),
                          sa.column("label_zh"), sa.column("label_en"), sa.column("committee"),
                          sa.column("head"), sa.column("contract_term_years"), sa.column("rank"))
    op.bulk_insert(post_table, [dict(zip(("code", "jurisdiction_prefix", "label_zh", "label_en", "committee", "head",
                                          "contract_term_years", "rank"), row)) for row in POSTS])
    # ### end Alembic commands ###


def downgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.drop_index('ix_audit_log_worker_id', table_name='audit_log')
    op.drop_column('audit_log', 'worker_id')
    op.drop_index(op.f('ix_worker_yijiantiao_history_worker_id'), table_name='worker_yijiantiao_history')
    op.drop_table('worker_yijiantiao_history')
    op.drop_index(op.f('ix_worker_status_history_worker_id'), table_name='worker_status_history')
    op.drop_table('worker_status_history')
    op.drop_index(op.f('ix_worker_service_period_worker_id'), table_name='worker_service_period')
    op.drop_table('worker_service_period')
    op.drop_index(op.f('ix_worker_post_history_worker_id'), table_name='worker_post_history')
    op.drop_table('worker_post_history')
    op.drop_index(op.f('ix_worker_honour_worker_id'), table_name='worker_honour')
    op.drop_table('worker_honour')
    op.drop_index(op.f('ix_worker_education_worker_id'), table_name='worker_education')
    op.drop_table('worker_education')
    op.drop_index(op.f('ix_worker_certificate_worker_id'), table_name='worker_certificate')
    op.drop_table('worker_certificate')
    op.drop_table('worker_import_row')
    op.drop_index('ix_worker_status_post', table_name='worker')
    op.drop_index('ix_worker_national_id_reversed', table_name='worker')
    op.drop_index('ix_worker_name_trgm', table_name='worker', postgresql_using='gin', postgresql_ops={'name': 'gin_trgm_ops'})
    op.drop_index(op.f('ix_worker_education_level'), table_name='worker')
    op.drop_index('ix_worker_community_code_pattern', table_name='worker', postgresql_ops={'community_code': 'varchar_pattern_ops'})
    op.drop_index(op.f('ix_worker_certificate_level'), table_name='worker')
    op.drop_table('worker')
    op.drop_index(op.f('ix_worker_import_file_sha256'), table_name='worker_import')
    op.drop_table('worker_import')
    op.drop_index(op.f('ix_post_definition_jurisdiction_prefix'), table_name='post_definition')
    op.drop_table('post_definition')
    # ### end Alembic commands ###
