"""payroll_run.kind 'one-off' (the month's one-off items in a run of their own) and which run paid each item

Revision ID: d8b2f4a6c1e9
Revises: c4e8a2f6b1d3
Create Date: 2026-12-10 09:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'd8b2f4a6c1e9'
down_revision = 'c4e8a2f6b1d3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_constraint(op.f('ck_payroll_run_kind_known'), 'payroll_run', type_='check')
    op.create_check_constraint(op.f('ck_payroll_run_kind_known'), 'payroll_run',
                               "kind IN ('monthly', 'year_end', 'retiree', 'one-off')")
    op.create_table(
        'one_off_item_payment',
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('run_id', postgresql.UUID(as_uuid=True), nullable=False),
        sa.ForeignKeyConstraint(['item_id'], ['one_off_item.id'], name=op.f('fk_one_off_item_payment_item_id_one_off_item'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['run_id'], ['payroll_run.id'], name=op.f('fk_one_off_item_payment_run_id_payroll_run'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('item_id', 'run_id', name=op.f('pk_one_off_item_payment')),
    )
    op.create_index('ix_one_off_item_payment_run_id', 'one_off_item_payment', ['run_id'])
    # Items already on payslips of runs calculated before this table existed.
    op.execute("""
        INSERT INTO one_off_item_payment (item_id, run_id)
        SELECT DISTINCT i.id, p.run_id
        FROM one_off_item i
        JOIN payslip_compact p ON p.worker_id = i.worker_id AND p.month = i.month
        JOIN payslip_line_set s ON s.id = p.line_set
        WHERE EXISTS (SELECT 1 FROM unnest(s.texts) AS u(text_id) JOIN payslip_line_text t ON t.id = u.text_id
                      WHERE t.code = 'one_off_' || i.id)""")


def downgrade() -> None:
    op.drop_index('ix_one_off_item_payment_run_id', table_name='one_off_item_payment')
    op.drop_table('one_off_item_payment')
    op.execute("DELETE FROM payroll_run WHERE kind = 'one-off'")
    op.drop_constraint(op.f('ck_payroll_run_kind_known'), 'payroll_run', type_='check')
    op.create_check_constraint(op.f('ck_payroll_run_kind_known'), 'payroll_run',
                               "kind IN ('monthly', 'year_end', 'retiree')")
