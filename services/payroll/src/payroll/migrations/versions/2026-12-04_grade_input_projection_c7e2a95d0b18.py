"""grade_input: payroll's projection of the facts and results a worker's grade needs (ADR 0005)

Revision ID: c7e2a95d0b18
Revises: a6c3e9b1d472
Create Date: 2026-12-04 09:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'c7e2a95d0b18'
down_revision = 'a6c3e9b1d472'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'grade_input',
        sa.Column('worker_id', sa.String(length=64), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('community_code', sa.String(length=12), nullable=False),
        sa.Column('facts', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column('results', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column('refreshed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('worker_id', 'month', name=op.f('pk_grade_input')),
    )
    op.create_index(op.f('ix_grade_input_community_code'), 'grade_input', ['community_code'], unique=False)
    op.create_table(
        'grade_feed_cursor',
        sa.Column('feed', sa.String(length=32), nullable=False),
        sa.Column('cursor', sa.String(length=64), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.PrimaryKeyConstraint('feed', name=op.f('pk_grade_feed_cursor')),
    )


def downgrade() -> None:
    op.drop_table('grade_feed_cursor')
    op.drop_index(op.f('ix_grade_input_community_code'), table_name='grade_input')
    op.drop_table('grade_input')
