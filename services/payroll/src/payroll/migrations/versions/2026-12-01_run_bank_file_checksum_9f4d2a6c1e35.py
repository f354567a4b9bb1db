"""payroll_run: the bank file (代发文件) generated for the run, its SHA-256 and who generated it

Revision ID: 9f4d2a6c1e35
Revises: d3b8e1f52a96
Create Date: 2026-12-01 13:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '9f4d2a6c1e35'
down_revision = 'd3b8e1f52a96'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('payroll_run', sa.Column('bank_file_sha256', sa.String(length=64), nullable=True))
    op.add_column('payroll_run', sa.Column('bank_file_by', sa.String(length=64), nullable=True))
    op.add_column('payroll_run', sa.Column('bank_file_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column('payroll_run', 'bank_file_at')
    op.drop_column('payroll_run', 'bank_file_by')
    op.drop_column('payroll_run', 'bank_file_sha256')
