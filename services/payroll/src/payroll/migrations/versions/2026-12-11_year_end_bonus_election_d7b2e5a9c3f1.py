"""Year-end one-off bonus (全年一次性奖金) taxed separately: each worker's method per tax year, and what a payslip
taxed that way (the bonus kept out of the cumulative income, its tax out of the cumulative tax withheld)

Revision ID: d7b2e5a9c3f1
Revises: d8b2f4a6c1e9
Create Date: 2026-12-11 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'd7b2e5a9c3f1'
down_revision = 'd8b2f4a6c1e9'
branch_labels = None
depends_on = None

MONEY = sa.Numeric(precision=14, scale=2)


def upgrade() -> None:
    op.create_table(
        'year_end_bonus_election',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('worker_id', sa.String(length=64), nullable=False),
        sa.Column('worker_name', sa.String(length=64), server_default='', nullable=False),
        sa.Column('region_code', sa.String(length=12), nullable=False),
        sa.Column('tax_year', sa.Integer(), nullable=False),
        sa.Column('method', sa.String(length=16), nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('updated_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("method IN ('combined', 'separate')", name=op.f('ck_year_end_bonus_election_method_known')),
        sa.CheckConstraint('tax_year BETWEEN 2019 AND 2100', name=op.f('ck_year_end_bonus_election_tax_year_range')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_year_end_bonus_election')),
        sa.UniqueConstraint('worker_id', 'tax_year', name=op.f('uq_year_end_bonus_election_worker_id_tax_year')),
    )
    op.create_index('ix_year_end_bonus_election_region', 'year_end_bonus_election', ['region_code'])
    # A payslip that taxed its year-end bonus separately: the bonus and that tax (NULL otherwise). `tax` stays
    # the payslip's whole income tax; the year to date takes these out again. Partitions made later copy the
    # columns (payslip_partition: CREATE TABLE … LIKE payslip_compact).
    op.add_column('payslip_compact', sa.Column('bonus_separate', MONEY, nullable=True))
    op.add_column('payslip_compact', sa.Column('bonus_tax', MONEY, nullable=True))


def downgrade() -> None:
    op.drop_column('payslip_compact', 'bonus_tax')
    op.drop_column('payslip_compact', 'bonus_separate')
    op.drop_index('ix_year_end_bonus_election_region', table_name='year_end_bonus_election')
    op.drop_table('year_end_bonus_election')
