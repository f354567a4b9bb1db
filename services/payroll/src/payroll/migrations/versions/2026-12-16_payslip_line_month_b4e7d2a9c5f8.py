"""payslip_line shows its payslip's month, so a read of one month's lines (a worker's payslip month, the hottest
self-service read) names the month and PostgreSQL reads that month's partition of payslip_compact only, not one
index probe per month ever paid (issue 15). The view's other columns are unchanged; the new one is last.

Revision ID: b4e7d2a9c5f8
Revises: a7c2e9d4f1b3
Create Date: 2026-12-16 10:00:00
"""
from alembic import op

revision = 'b4e7d2a9c5f8'
down_revision = 'a7c2e9d4f1b3'
branch_labels = None
depends_on = None

VIEW = """
CREATE OR REPLACE VIEW payslip_line AS
    SELECT p.run_id, p.worker_id, l.position::smallint AS position, t.code, t.label_zh, t.label_en,
           l.amount::numeric(14,2) AS amount, t.kind, t.clause, t.inputs,
           p.line_arrears[l.position::int] AS arrears_month{month}
    FROM payslip_compact p JOIN payslip_line_set s ON s.id = p.line_set
    CROSS JOIN LATERAL unnest(s.texts, s.amounts) WITH ORDINALITY AS l(text_id, amount, position)
    JOIN payslip_line_text t ON t.id = l.text_id
"""


def upgrade() -> None:
    op.execute(VIEW.format(month=", p.month"))


def downgrade() -> None:
    # A view's columns cannot be dropped by CREATE OR REPLACE: the view is made again without it.
    op.execute("DROP VIEW payslip_line")
    op.execute(VIEW.format(month="").replace("CREATE OR REPLACE VIEW", "CREATE VIEW"))
