"""payroll_run_part: a run split into per-county parts, each its own procrastinate job (ADR 0008)

Revision ID: b3f7d1e2a9c4
Revises: e4a1c7b93f26
Create Date: 2026-12-06 09:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'b3f7d1e2a9c4'
down_revision = 'e4a1c7b93f26'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'payroll_run_part',
        sa.Column('run_id', postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column('attempt', sa.Integer(), nullable=False),
        sa.Column('region_code', sa.String(length=12), nullable=False),
        sa.Column('status', sa.String(length=16), server_default='queued', nullable=False),
        sa.Column('processed', sa.Integer(), server_default='0', nullable=False),
        sa.Column('total', sa.Integer(), nullable=True),
        sa.Column('snapshot', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')",
                           name=op.f('ck_payroll_run_part_status_known')),
        sa.ForeignKeyConstraint(['run_id'], ['payroll_run.id'], name=op.f('fk_payroll_run_part_run_id_payroll_run'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('run_id', 'attempt', 'region_code', name=op.f('pk_payroll_run_part')),
    )


def downgrade() -> None:
    op.drop_table('payroll_run_part')
