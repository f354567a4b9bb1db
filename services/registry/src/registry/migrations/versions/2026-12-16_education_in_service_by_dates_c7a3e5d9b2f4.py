"""A degree obtained after the worker's current continuous service began is an in-service degree (POLICY.md §4):
records written before the registry derived `in_service` from the dates may still say false for such a degree.
The API now refuses that (`in_service_by_dates`); this corrects the stored ones: `in_service` set to true where
`graduated_on` is after the current service's start (`service_open_since`, else `hired_on`, as
`current_service_start`). Payroll's grade already goes by the dates, so no pay changes; the worker page and the
education list stop saying otherwise. Each corrected row gets an audit entry (action worker.education.update,
`before` and `after` the row) and its worker's version moves on. True for an earlier degree is kept (it may have
been earned in an earlier service, before a break).

Revision ID: c7a3e5d9b2f4
Revises: e4821b50c324
Create Date: 2026-12-16 09:00:00
"""
import logging

import sqlalchemy as sa
from alembic import op

revision = 'c7a3e5d9b2f4'
down_revision = 'e4821b50c324'
branch_labels = None
depends_on = None

CORRECT = """
WITH corrected AS (
    UPDATE worker_education e SET in_service = true
    FROM worker w
    WHERE w.id = e.worker_id AND NOT e.in_service AND e.graduated_on > coalesce(w.service_open_since, w.hired_on)
    RETURNING e.id, e.worker_id, e.level, e.institution, e.graduated_on, w.community_code,
              coalesce(w.service_open_since, w.hired_on) AS service_start),
noted AS (
    INSERT INTO audit_log (actor, actor_role, actor_name, action, entity, entity_id, region_code, reason, before,
                           after, worker_id)
    SELECT 'migration', 'service', '数据库迁移 c7a3e5d9b2f4', 'worker.education.update', 'worker',
           c.worker_id::text, c.community_code,
           c.graduated_on || ' 取得的学历晚于本次连续服务开始日 ' || c.service_start || '，属在职学历，由迁移按日期更正 / '
           || 'a degree obtained on ' || c.graduated_on || ', after the current continuous service began on '
           || c.service_start || ', is an in-service degree: corrected by the migration from the dates',
           jsonb_build_object('id', c.id, 'worker_id', c.worker_id, 'level', c.level, 'institution', c.institution,
                              'graduated_on', c.graduated_on, 'in_service', false),
           jsonb_build_object('id', c.id, 'worker_id', c.worker_id, 'level', c.level, 'institution', c.institution,
                              'graduated_on', c.graduated_on, 'in_service', true),
           c.worker_id::text
    FROM corrected c),
bumped AS (
    UPDATE worker SET version = version + 1, updated_at = now() WHERE id IN (SELECT worker_id FROM corrected))
SELECT count(*) FROM corrected
"""


def upgrade() -> None:
    corrected = op.get_bind().execute(sa.text(CORRECT)).scalar_one()
    if corrected:
        logging.getLogger("alembic.runtime.migration").warning(
            "worker_education: %d in-service degree(s) marked in_service, each audited as worker.education.update",
            corrected)


def downgrade() -> None:
    pass  # the corrected flags say what the dates say; the entries keep what they said before
