"""A worker's certificate is recorded once per level and approval date (outside audit: two identical POSTs made
two certificates): a unique constraint on (worker_id, level, approved_on).

Existing duplicates are removed first, keeping the oldest of each group: the one recorded first by the audit
trail (a certificate recorded with the worker has no entry of its own and counts as first), then by id. The
rows of a group are the same fact (worker, level, date; nothing else is stored) and the certificate allowance
(payroll ByCertificateComponent) pays by the highest level held, so no pay changes; each removed row gets an
audit entry like a person's DELETE (action worker.certificates.delete, `before` the row, the reason naming the
kept one), and the worker's version moves on (its record changed).

Revision ID: e4821b50c324
Revises: e2a6c9f4b7d1
Create Date: 2026-12-15 09:00:00
"""
import logging

import sqlalchemy as sa
from alembic import op

revision = 'e4821b50c324'
down_revision = 'e2a6c9f4b7d1'
branch_labels = None
depends_on = None

DEDUPLICATE = """
WITH duplicated AS (
    SELECT worker_id, level, approved_on FROM worker_certificate
    GROUP BY worker_id, level, approved_on HAVING count(*) > 1),
ranked AS (
    SELECT c.id, c.worker_id, c.level, c.approved_on,
           row_number() OVER same AS n, first_value(c.id) OVER same AS kept
    FROM worker_certificate c
    JOIN duplicated d ON (d.worker_id, d.level, d.approved_on) = (c.worker_id, c.level, c.approved_on)
    LEFT JOIN LATERAL (
        SELECT min(a.id) AS entry FROM audit_log a
        WHERE a.entity = 'worker' AND a.entity_id = c.worker_id::text AND a.action = 'worker.certificate.add'
          AND a.after ->> 'id' = c.id::text) added ON true
    WINDOW same AS (PARTITION BY c.worker_id, c.level, c.approved_on ORDER BY added.entry NULLS FIRST, c.id)),
removed AS (
    DELETE FROM worker_certificate c USING ranked r WHERE c.id = r.id AND r.n > 1
    RETURNING c.id, c.worker_id, c.level, c.approved_on, r.kept),
noted AS (
    INSERT INTO audit_log (actor, actor_role, actor_name, action, entity, entity_id, region_code, reason, before,
                           worker_id)
    SELECT 'migration', 'service', '数据库迁移 e4821b50c324', 'worker.certificates.delete', 'worker',
           r.worker_id::text, w.community_code,
           '与证书 ' || r.kept || ' 重复（同一人、同一等级、同一批准日期），设唯一约束前由迁移删除，保留最早登记的一条 / '
           || 'duplicate of certificate ' || r.kept || ' (same worker, level and approval date), removed by the '
           || 'migration adding the unique constraint; the first recorded one is kept',
           jsonb_build_object('id', r.id, 'worker_id', r.worker_id, 'level', r.level, 'approved_on', r.approved_on),
           r.worker_id::text
    FROM removed r JOIN worker w ON w.id = r.worker_id),
bumped AS (
    UPDATE worker SET version = version + 1, updated_at = now() WHERE id IN (SELECT worker_id FROM removed))
SELECT count(*) FROM removed
"""


def upgrade() -> None:
    removed = op.get_bind().execute(sa.text(DEDUPLICATE)).scalar_one()
    if removed:
        logging.getLogger("alembic.runtime.migration").warning(
            "worker_certificate: %d duplicate row(s) removed, each audited as worker.certificates.delete", removed)
    op.create_unique_constraint(op.f("uq_worker_certificate_worker_id_level_approved_on"), "worker_certificate",
                                ["worker_id", "level", "approved_on"])


def downgrade() -> None:
    # The removed duplicates stay removed: their rows are in the audit entries.
    op.drop_constraint(op.f("uq_worker_certificate_worker_id_level_approved_on"), "worker_certificate",
                       type_="unique")
