"""A worker's login account follows the worker record's community: accounts of workers transferred before
the transfer moved them keep the old community as jurisdiction (its officers could still reset them); set it
to the worker's community now

Revision ID: c4e8a1d7b2f6
Revises: f3a9c7e2d5b8
Create Date: 2026-12-12 12:00:00
"""
from alembic import op

revision = 'c4e8a1d7b2f6'
down_revision = 'f3a9c7e2d5b8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE account SET jurisdiction = worker.community_code, updated_at = now() FROM worker "
               "WHERE account.worker_id = worker.id AND account.jurisdiction <> worker.community_code")


def downgrade() -> None:
    pass  # the old, wrong jurisdictions are not restored
