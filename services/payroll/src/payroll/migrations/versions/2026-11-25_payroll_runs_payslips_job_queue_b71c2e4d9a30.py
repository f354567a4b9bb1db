"""payroll runs, payslips, payslip lines; procrastinate job queue schema

Revision ID: b71c2e4d9a30
Revises: 498945b57bdc
Create Date: 2026-11-25 15:20:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'b71c2e4d9a30'
down_revision = '498945b57bdc'
branch_labels = None
depends_on = None


def _procrastinate_schema() -> None:
    """procrastinate's own schema (tables, types, functions, triggers) for the job queue, as shipped by the
    installed version. Executed as one multi-statement script on the driver connection."""
    from procrastinate.schema import SchemaManager
    from sqlalchemy.util import await_only

    bind = op.get_bind()
    driver = bind.connection.driver_connection  # asyncpg: simple-query protocol runs every statement
    await_only(driver.execute(SchemaManager.get_schema()))


def upgrade() -> None:
    op.create_table('payroll_run',
    sa.Column('id', sa.UUID(), nullable=False),
    sa.Column('region_code', sa.String(length=12), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('kind', sa.String(length=16), server_default='monthly', nullable=False),
    sa.Column('state', sa.String(length=16), server_default='draft', nullable=False),
    sa.Column('job_status', sa.String(length=16), server_default='queued', nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('processed', sa.Integer(), server_default='0', nullable=False),
    sa.Column('total', sa.Integer(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('inputs_snapshot', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('worker_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('gross_total', sa.Numeric(precision=14, scale=2), server_default='0', nullable=False),
    sa.Column('net_total', sa.Numeric(precision=14, scale=2), server_default='0', nullable=False),
    sa.Column('employer_total', sa.Numeric(precision=14, scale=2), server_default='0', nullable=False),
    sa.Column('arrears_total', sa.Numeric(precision=14, scale=2), server_default='0', nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('calculated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approved_by', sa.String(length=64), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paid_by', sa.String(length=64), nullable=True),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("job_status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')", name=op.f('ck_payroll_run_job_status_known')),
    sa.CheckConstraint("kind IN ('monthly', 'year_end')", name=op.f('ck_payroll_run_kind_known')),
    sa.CheckConstraint('length(region_code) IN (2, 4, 6, 9)', name=op.f('ck_payroll_run_region_level')),
    sa.CheckConstraint("month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'", name=op.f('ck_payroll_run_month_format')),
    sa.CheckConstraint("state IN ('draft', 'calculated', 'approved', 'paid')", name=op.f('ck_payroll_run_state_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payroll_run')),
    sa.UniqueConstraint('region_code', 'month', 'kind', name=op.f('uq_payroll_run_region_code_month_kind'))
    )
    op.create_table('payslip',
    sa.Column('run_id', sa.UUID(), nullable=False),
    sa.Column('worker_id', sa.String(length=64), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('worker_name', sa.String(length=64), nullable=False),
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('township_code', sa.String(length=12), nullable=False),
    sa.Column('county_code', sa.String(length=12), nullable=False),
    sa.Column('post', sa.String(length=32), nullable=True),
    sa.Column('gross', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('social_insurance', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('housing_fund', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('basic_deduction', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('tax', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('net', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('employer_cost', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('arrears', sa.Numeric(precision=14, scale=2), server_default='0', nullable=False),
    sa.Column('funding', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('inputs', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['payroll_run.id'], name=op.f('fk_payslip_run_id_payroll_run'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('run_id', 'worker_id', name=op.f('pk_payslip'))
    )
    op.create_index('ix_payslip_run_township', 'payslip', ['run_id', 'township_code'], unique=False)
    op.create_index('ix_payslip_worker_month', 'payslip', ['worker_id', 'month'], unique=False)
    op.create_table('payslip_line',
    sa.Column('run_id', sa.UUID(), nullable=False),
    sa.Column('worker_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.SmallInteger(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('label_zh', sa.String(length=128), nullable=False),
    sa.Column('label_en', sa.String(length=128), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('clause', sa.String(length=500), nullable=True),
    sa.Column('inputs', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('arrears_month', sa.String(length=7), nullable=True),
    sa.ForeignKeyConstraint(['run_id', 'worker_id'], ['payslip.run_id', 'payslip.worker_id'], name=op.f('fk_payslip_line_run_id_payslip'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('run_id', 'worker_id', 'position', name=op.f('pk_payslip_line'))
    )
    # Arrears already carried for a worker's past month (looked up per batch of workers).
    op.create_index('ix_payslip_line_arrears', 'payslip_line', ['worker_id', 'arrears_month'], unique=False,
                    postgresql_where=sa.text('arrears_month IS NOT NULL'))
    _procrastinate_schema()


def downgrade() -> None:
    op.execute("""
        DROP TABLE IF EXISTS procrastinate_events, procrastinate_periodic_defers, procrastinate_jobs,
                             procrastinate_workers CASCADE;
        DO $$ DECLARE f record; BEGIN
          FOR f IN SELECT oid::regprocedure AS sig FROM pg_proc WHERE proname LIKE 'procrastinate%' LOOP
            EXECUTE 'DROP FUNCTION IF EXISTS ' || f.sig || ' CASCADE';
          END LOOP;
        END $$;
        DROP TYPE IF EXISTS procrastinate_job_to_defer_v1, procrastinate_job_event_type,
                            procrastinate_job_status CASCADE;
    """)
    op.drop_index('ix_payslip_line_arrears', table_name='payslip_line')
    op.drop_table('payslip_line')
    op.drop_index('ix_payslip_worker_month', table_name='payslip')
    op.drop_index('ix_payslip_run_township', table_name='payslip')
    op.drop_table('payslip')
    op.drop_table('payroll_run')
