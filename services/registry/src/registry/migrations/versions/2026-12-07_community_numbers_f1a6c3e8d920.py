"""A community's approved number of workers (issue 13, IM art.6): proposed by the county, decided by an officer of
a level the quota.approval rule lists (not the proposer), filed (备案) with the level above; when approved and in
force it replaces the households formula for that community.

Revision ID: f1a6c3e8d920
Revises: e3b8c61f4a27
Create Date: 2026-12-07 09:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'f1a6c3e8d920'
down_revision = 'e3b8c61f4a27'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "community_number",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("proposed_by", sa.String(length=64), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.String(length=500), nullable=True),
        sa.Column("filed_with", sa.String(length=128), nullable=True),
        sa.Column("filed_on", sa.Date(), nullable=True),
        sa.Column("filed_reference", sa.String(length=64), nullable=True),
        sa.Column("filed_by", sa.String(length=64), nullable=True),
        sa.CheckConstraint("number > 0", name=op.f("ck_community_number_number_positive")),
        sa.CheckConstraint("status IN ('pending', 'approved', 'rejected')",
                           name=op.f("ck_community_number_status_known")),
        sa.CheckConstraint("(status = 'pending') = (decided_by IS NULL)",
                           name=op.f("ck_community_number_decided_unless_pending")),
        sa.CheckConstraint("filed_on IS NULL OR status = 'approved'",
                           name=op.f("ck_community_number_filed_only_if_approved")),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"],
                                name=op.f("fk_community_number_region_code_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community_number")),
    )
    op.create_index(op.f("ix_community_number_region_code"), "community_number", ["region_code"])


def downgrade() -> None:
    op.drop_index(op.f("ix_community_number_region_code"), table_name="community_number")
    op.drop_table("community_number")
