"""Results from before the system: assessment rows without a cycle, marked historical, with their source
document; the feed row says so too.

Revision ID: 5b8d2e7c4a19
Revises: e4c9f2a63b07
Create Date: 2026-12-02 09:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '5b8d2e7c4a19'
down_revision = 'e4c9f2a63b07'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column("assessment", "cycle_id", existing_type=sa.Uuid(), nullable=True)
    op.add_column("assessment", sa.Column("historical", sa.Boolean(), server_default="false", nullable=False))
    op.add_column("assessment", sa.Column("source_document", sa.Text(), nullable=True))
    op.create_check_constraint(
        op.f("ck_assessment_historical_is_final_with_source"), "assessment",
        "cycle_id IS NOT NULL OR NOT historical OR (status = 'final' AND source_document IS NOT NULL)")
    op.create_index("uq_assessment_historical", "assessment", ["worker_id", "year", "kind"], unique=True,
                    postgresql_where=sa.text("historical"))
    op.create_table(
        "historical_import",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("uploaded_by", sa.String(length=64), nullable=False),
        sa.Column("jurisdiction", sa.String(length=12), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("rows", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("imported", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_historical_import")),
    )
    op.add_column("published_result", sa.Column("historical", sa.Boolean(), server_default="false", nullable=False))
    op.add_column("published_result", sa.Column("source_document", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("published_result", "source_document")
    op.drop_column("published_result", "historical")
    op.drop_table("historical_import")
    op.drop_index("uq_assessment_historical", table_name="assessment")
    op.drop_constraint(op.f("ck_assessment_historical_is_final_with_source"), "assessment")
    op.drop_column("assessment", "source_document")
    op.drop_column("assessment", "historical")
    op.execute("DELETE FROM assessment WHERE cycle_id IS NULL")
    op.alter_column("assessment", "cycle_id", existing_type=sa.Uuid(), nullable=False)
