"""Ready answers (ADR 0011, `cwm_kit.ready`): `/me/payslips`, `/me/payslips/{month}` and `/me/grade` are stored
per worker and sent again while nothing they are computed from has changed. The kit's tables, and triggers on the
tables the answers read. The tables that are not inputs are listed, with the reason, in
`payroll.ready_answers.NOT_INPUTS`.

A worker sees the payslips of approved and paid runs only: a run's payslips are written while it is a draft and
become the worker's when the run's state changes. So `payroll_run` gives every answer a new version when a run's
state changes (a row trigger on `state`), is made or deleted, and the payslip rows themselves are not tracked: a
run's calculation stays a plain bulk write, its jobs taking no shared lock.

Revision ID: e3a9c7f1b5d2
Revises: b4e7d2a9c5f8
Create Date: 2026-12-17 09:00:00
"""
from alembic import op

from cwm_kit import ready

revision = 'e3a9c7f1b5d2'
down_revision = 'b4e7d2a9c5f8'
branch_labels = None
depends_on = None

WORKER_TABLES = ("grade_input", "tax_declaration", "year_end_bonus_election", "one_off_item")
SHARED_TABLES = ("pay_scheme_version", "reference_figure")


def upgrade() -> None:
    statements = ready.install_sql(WORKER_TABLES, SHARED_TABLES) + [
        "CREATE TRIGGER ready_answer_all AFTER INSERT OR DELETE OR TRUNCATE ON payroll_run "
        "FOR EACH STATEMENT EXECUTE FUNCTION ready_answer_bump_all()",
        "CREATE TRIGGER ready_answer_update AFTER UPDATE OF state ON payroll_run "
        "FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION ready_answer_bump_all()",
    ]
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    for statement in ready.drop_sql([*WORKER_TABLES, *SHARED_TABLES, "payroll_run"]):
        op.execute(statement)
