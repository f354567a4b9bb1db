"""Regions administered in the system (issue 11): residents, urban/rural, effective dates (established,
retired) and the dated history of additions, renames, changes and retirements

Revision ID: a6e1b9c4d275
Revises: 3e6a9c1f7d52
Create Date: 2026-12-01 12:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'a6e1b9c4d275'
down_revision = '3e6a9c1f7d52'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("region", sa.Column("residents", sa.Integer(), nullable=True))
    op.add_column("region", sa.Column("urban_rural", sa.String(length=8), nullable=True))
    op.add_column("region", sa.Column("established_on", sa.Date(), nullable=True))
    op.add_column("region", sa.Column("retired_on", sa.Date(), nullable=True))
    op.create_check_constraint(op.f("ck_region_urban_rural_known"), "region",
                               "urban_rural IS NULL OR urban_rural IN ('urban', 'rural')")
    op.create_table(
        "region_change",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("before", postgresql.JSONB(), nullable=True),
        sa.Column("after", postgresql.JSONB(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_region_change")),
        sa.ForeignKeyConstraint(["code"], ["region.code"], name=op.f("fk_region_change_code_region")),
    )
    op.create_index(op.f("ix_region_change_code"), "region_change", ["code"])


def downgrade() -> None:
    op.drop_table("region_change")
    op.drop_constraint(op.f("ck_region_urban_rural_known"), "region")
    for column in ("retired_on", "established_on", "urban_rural", "residents"):
        op.drop_column("region", column)
