"""tax declarations (专项附加扣除 and other deductions) and one-off items of a month

Revision ID: 5e1c0a7d2b91
Revises: b433dcda5d55
Create Date: 2026-11-30 10:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = '5e1c0a7d2b91'
down_revision = 'b433dcda5d55'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'tax_declaration',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('worker_id', sa.String(length=64), nullable=False),
        sa.Column('worker_name', sa.String(length=64), server_default='', nullable=False),
        sa.Column('region_code', sa.String(length=12), nullable=False),
        sa.Column('tax_year', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('variant', sa.String(length=40), server_default='standard', nullable=False),
        sa.Column('units', sa.SmallInteger(), server_default='1', nullable=False),
        sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column('start_month', sa.String(length=7), nullable=False),
        sa.Column('end_month', sa.String(length=7), nullable=True),
        sa.Column('basis', sa.Text(), server_default='', nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("start_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'",
                           name=op.f('ck_tax_declaration_start_month_format')),
        sa.CheckConstraint("end_month IS NULL OR (end_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND end_month >= start_month"
                           " AND left(end_month, 4) = left(start_month, 4))",
                           name=op.f('ck_tax_declaration_end_month_in_year')),
        sa.CheckConstraint('left(start_month, 4)::int = tax_year', name=op.f('ck_tax_declaration_start_month_in_year')),
        sa.CheckConstraint('amount > 0', name=op.f('ck_tax_declaration_amount_positive')),
        sa.CheckConstraint('units BETWEEN 1 AND 20', name=op.f('ck_tax_declaration_units_range')),
        sa.CheckConstraint("source IN ('self', 'officer', 'import')", name=op.f('ck_tax_declaration_source_known')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tax_declaration')),
    )
    op.create_index('ix_tax_declaration_worker_year', 'tax_declaration', ['worker_id', 'tax_year'])
    op.create_index('ix_tax_declaration_region', 'tax_declaration', ['region_code'])
    op.create_table(
        'one_off_item',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('worker_id', sa.String(length=64), nullable=False),
        sa.Column('worker_name', sa.String(length=64), server_default='', nullable=False),
        sa.Column('region_code', sa.String(length=12), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('label_zh', sa.String(length=60), nullable=False),
        sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column('taxable', sa.Boolean(), server_default='true', nullable=False),
        sa.Column('clause', sa.String(length=300), server_default='', nullable=False),
        sa.Column('basis', sa.Text(), server_default='', nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint("month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'", name=op.f('ck_one_off_item_month_format')),
        sa.CheckConstraint('amount > 0', name=op.f('ck_one_off_item_amount_positive')),
        sa.CheckConstraint("source IN ('officer', 'import')", name=op.f('ck_one_off_item_source_known')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_one_off_item')),
    )
    op.create_index('ix_one_off_item_worker_month', 'one_off_item', ['worker_id', 'month'])
    op.create_index('ix_one_off_item_region_month', 'one_off_item', ['region_code', 'month'])


def downgrade() -> None:
    op.drop_table('one_off_item')
    op.drop_table('tax_declaration')
