"""payroll_run.kind: 'retiree' — retired honour holders' subsidy (NX 「正常退休的每月…500元…600元」)

Revision ID: e4a1c7b93f26
Revises: c7e2a95d0b18
Create Date: 2026-12-05 09:00:00
"""
from alembic import op

revision = 'e4a1c7b93f26'
down_revision = 'c7e2a95d0b18'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_constraint(op.f('ck_payroll_run_kind_known'), 'payroll_run', type_='check')
    op.create_check_constraint(op.f('ck_payroll_run_kind_known'), 'payroll_run',
                               "kind IN ('monthly', 'year_end', 'retiree')")


def downgrade() -> None:
    op.execute("DELETE FROM payroll_run WHERE kind = 'retiree'")
    op.drop_constraint(op.f('ck_payroll_run_kind_known'), 'payroll_run', type_='check')
    op.create_check_constraint(op.f('ck_payroll_run_kind_known'), 'payroll_run', "kind IN ('monthly', 'year_end')")
