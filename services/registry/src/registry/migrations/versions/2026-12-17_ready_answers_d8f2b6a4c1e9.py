"""Ready answers (ADR 0011, `cwm_kit.ready`): `/v1/me` is stored per worker and sent again while nothing it is
computed from has changed. The kit's tables, and triggers on every table the answer reads: a write to a worker's
rows gives that worker a new version, a write to a table every answer reads (regions, rules, posts) gives every
answer one. The tables that are not inputs are listed, with the reason, in `registry.ready_answers.NOT_INPUTS`.

`worker` is tracked on UPDATE and DELETE only: no answer can be stored for a worker before the row exists (the
read answers 404 and stores nothing), and generating or importing workers stays one plain INSERT.

Revision ID: d8f2b6a4c1e9
Revises: c7a3e5d9b2f4
Create Date: 2026-12-17 09:00:00
"""
from alembic import op

from cwm_kit import ready

revision = 'd8f2b6a4c1e9'
down_revision = 'c7a3e5d9b2f4'
branch_labels = None
depends_on = None

WORKER_TABLES = ("worker_education", "worker_certificate", "worker_honour", "worker_service_period",
                 "worker_status_history", "worker_post_history", "worker_yijiantiao_history", "training_record",
                 "secondment", "leave_request", "discipline_record", "health_check", "household_visit",
                 "secretary_filing", "reserve_candidate")
SHARED_TABLES = ("region", "region_change", "management_rule", "post_definition", "star_rating", "community_number")


def upgrade() -> None:
    statements = [*ready.install_sql(WORKER_TABLES, SHARED_TABLES),
                  *ready.track_subject_sql("worker", "id", ("UPDATE", "DELETE"))]
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    for statement in ready.drop_sql(["worker", *WORKER_TABLES, *SHARED_TABLES]):
        op.execute(statement)
