"""Recruitment applicants carry their outcomes of the written test and interview, the medical and the background
check (IM art.8 (四)–(六)): only the eligible who passed all three are on the public notice's list and hired

Revision ID: 9d3f6b2a8e41
Revises: c4e8a1d7b2f6
Create Date: 2026-12-13 12:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '9d3f6b2a8e41'
down_revision = 'c4e8a1d7b2f6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("recruitment_applicant",
                  sa.Column("outcomes", postgresql.JSONB(astext_type=sa.Text()), nullable=True))


def downgrade() -> None:
    op.drop_column("recruitment_applicant", "outcomes")
