"""The office held on a head post (issue 13 item 2): worker.head_role and worker_post_history.head_role —
secretary (书记), director (主任) or both (一肩挑) —, and the national career.track document's key
secretary_roles = [secretary, both] (CENTRAL §13 counts time as community party secretary; a director alone is
not). Workers holding 一肩挑 today become 'both'; other head-post holders stay unrecorded (NULL) until an officer
records the office, and their time does not count as a secretary's.

Revision ID: a3c9e5f17b40
Revises: f2b8d6a41c97
Create Date: 2026-12-05 12:00:00
"""
import json
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = 'a3c9e5f17b40'
down_revision = 'f2b8d6a41c97'
branch_labels = None
depends_on = None

CLAUSE = {"secretary_roles": "§13 「社区党组织书记」: the head post held as secretary (书记) or both (一肩挑); a director "
                             "(主任) alone is not a secretary, an unrecorded office does not count"}
WHERE = "WHERE kind = 'career.track' AND region_prefix = '' AND effective_from = :d AND source = 'CENTRAL §13'"
ROLES = "head_role IS NULL OR head_role IN ('secretary', 'director', 'both')"


def upgrade() -> None:
    op.add_column('worker', sa.Column('head_role', sa.String(16), nullable=True))
    op.add_column('worker_post_history', sa.Column('head_role', sa.String(16), nullable=True))
    op.create_check_constraint(op.f('ck_worker_head_role_known'), 'worker', ROLES)
    op.create_check_constraint(op.f('ck_worker_post_history_head_role_known'), 'worker_post_history', ROLES)
    op.execute("UPDATE worker SET head_role = 'both' WHERE yijiantiao")
    op.get_bind().execute(sa.text(
        "UPDATE management_rule SET params = params || CAST(:patch AS jsonb), "
        "clauses = COALESCE(clauses, '{}'::jsonb) || CAST(:clauses AS jsonb) " + WHERE),
        {"patch": json.dumps({"secretary_roles": ["secretary", "both"]}),
         "clauses": json.dumps(CLAUSE, ensure_ascii=False), "d": date(2024, 3, 28)})


def downgrade() -> None:
    op.get_bind().execute(sa.text(
        "UPDATE management_rule SET params = params - 'secretary_roles', clauses = clauses - 'secretary_roles' "
        + WHERE), {"d": date(2024, 3, 28)})
    op.drop_constraint(op.f('ck_worker_post_history_head_role_known'), 'worker_post_history', type_='check')
    op.drop_constraint(op.f('ck_worker_head_role_known'), 'worker', type_='check')
    op.drop_column('worker_post_history', 'head_role')
    op.drop_column('worker', 'head_role')
