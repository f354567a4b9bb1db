"""payslip: the post's Chinese label (registry catalogue, via the facts) and the grade level, kept as calculated

Revision ID: a6c3e9b1d472
Revises: 9f4d2a6c1e35
Create Date: 2026-12-02 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'a6c3e9b1d472'
down_revision = '9f4d2a6c1e35'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('payslip', sa.Column('post_label', sa.String(length=64), nullable=True))
    op.add_column('payslip', sa.Column('grade_level', sa.SmallInteger(), nullable=True))
    # Payslips calculated before: the level their calculation recorded.
    op.execute("UPDATE payslip SET grade_level = (inputs -> 'grade' ->> 'level')::smallint "
               "WHERE jsonb_typeof(inputs -> 'grade' -> 'level') = 'number'")


def downgrade() -> None:
    op.drop_column('payslip', 'grade_level')
    op.drop_column('payslip', 'post_label')
