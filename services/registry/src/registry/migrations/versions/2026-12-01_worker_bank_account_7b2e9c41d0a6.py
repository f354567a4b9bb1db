"""worker bank account (bank, branch, account) for paying wages (代发工资)

Revision ID: 7b2e9c41d0a6
Revises: c2a7f0d41e85
Create Date: 2026-12-01 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '7b2e9c41d0a6'
down_revision = 'c2a7f0d41e85'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('worker', sa.Column('bank_name', sa.String(length=64), nullable=True))
    op.add_column('worker', sa.Column('bank_branch', sa.String(length=100), nullable=True))
    op.add_column('worker', sa.Column('bank_account', sa.String(length=32), nullable=True))


def downgrade() -> None:
    op.drop_column('worker', 'bank_account')
    op.drop_column('worker', 'bank_branch')
    op.drop_column('worker', 'bank_name')
