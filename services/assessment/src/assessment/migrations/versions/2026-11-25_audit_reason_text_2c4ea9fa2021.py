"""audit_log.reason as text: a reason is as long as the person writing it needs

Revision ID: 2c4ea9fa2021
Revises: 14a5a513c274
Create Date: 2026-11-25 16:40:00
"""
from alembic import op
import sqlalchemy as sa

revision = '2c4ea9fa2021'
down_revision = '14a5a513c274'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column("audit_log", "reason", type_=sa.Text(), existing_type=sa.String(length=500), existing_nullable=True)


def downgrade() -> None:
    op.alter_column("audit_log", "reason", type_=sa.String(length=500), existing_type=sa.Text(), existing_nullable=True,
                    postgresql_using="left(reason, 500)")
