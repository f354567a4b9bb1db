"""payslip_partition(month): two runs (or two county parts) asking for a new month at once no longer fail

An advisory lock does not make the waiting backend read the catalogue changes committed while it waited, so its
second `to_regclass` still missed the partition the first had just made and its CREATE TABLE failed
(`relation ... already exists`). A lock on the parent table does (PostgreSQL accepts invalidation messages when it
takes a relation lock). SHARE UPDATE EXCLUSIVE is what ATTACH PARTITION takes anyway; it does not wait for COPYs
into other months (ROW EXCLUSIVE).

Revision ID: a9d3e6f1c2b7
Revises: f2c8a4d61e57
Create Date: 2026-12-08 09:00:00
"""
from alembic import op

revision = 'a9d3e6f1c2b7'
down_revision = 'f2c8a4d61e57'
branch_labels = None
depends_on = None

HEAD = """
CREATE OR REPLACE FUNCTION payslip_partition(for_month text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    name text := 'payslip_compact_' || replace(for_month, '-', '_');
BEGIN
    IF for_month !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' THEN
        RAISE EXCEPTION 'not a month: %', for_month;
    END IF;
    IF to_regclass(name) IS NOT NULL THEN
        RETURN name;
    END IF;
    LOCK TABLE payslip_compact IN SHARE UPDATE EXCLUSIVE MODE;
    IF to_regclass(name) IS NULL THEN
        EXECUTE format('CREATE TABLE %I (LIKE payslip_compact INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (month = %L)', name, name || '_month', for_month);
        EXECUTE format('ALTER TABLE payslip_compact ATTACH PARTITION %I FOR VALUES IN (%L)', name, for_month);
    END IF;
    RETURN name;
END $$
"""

# The function as f2c8a4d61e57 made it: the same but for the lock.
PREVIOUS = HEAD.replace("LOCK TABLE payslip_compact IN SHARE UPDATE EXCLUSIVE MODE;",
                        "PERFORM pg_advisory_xact_lock(hashtext('payslip_partition'), hashtext(for_month));")


def upgrade() -> None:
    op.execute(HEAD)


def downgrade() -> None:
    op.execute(PREVIOUS)
