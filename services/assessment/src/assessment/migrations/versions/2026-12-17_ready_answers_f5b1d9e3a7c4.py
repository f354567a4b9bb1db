"""Ready answers (ADR 0011, `cwm_kit.ready`): `/me/assessments` is stored per worker and sent again while nothing
it is computed from has changed. The kit's tables, and triggers on the tables the answer reads. The tables that are
not inputs are listed, with the reason, in `assessment.ready_answers.NOT_INPUTS`.

Revision ID: f5b1d9e3a7c4
Revises: c6cc5918fad3
Create Date: 2026-12-17 09:00:00
"""
from alembic import op

from cwm_kit import ready

revision = 'f5b1d9e3a7c4'
down_revision = 'c6cc5918fad3'
branch_labels = None
depends_on = None

WORKER_TABLES = ("assessment", "objection", "published_result")
SHARED_TABLES = ("cycle",)


def upgrade() -> None:
    for statement in ready.install_sql(WORKER_TABLES, SHARED_TABLES):
        op.execute(statement)


def downgrade() -> None:
    for statement in ready.drop_sql([*WORKER_TABLES, *SHARED_TABLES]):
        op.execute(statement)
