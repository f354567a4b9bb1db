"""published pay schemes are immutable

Revision ID: 0c361dbac4de
Revises: b71c2e4d9a30
Create Date: 2026-11-25 15:30:50.685603
"""
from alembic import op
import sqlalchemy as sa


revision = '0c361dbac4de'
down_revision = 'b71c2e4d9a30'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Defence in depth: besides the API's 409, the database refuses to change or delete a published
    # version (it is superseded by a new version, never edited).
    op.execute("""
        CREATE FUNCTION pay_scheme_version_published_immutable() RETURNS trigger AS $$
        BEGIN
            IF OLD.status = 'published' THEN
                RAISE EXCEPTION 'pay_scheme_version % is published and cannot be changed', OLD.id
                    USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END;
        $$ LANGUAGE plpgsql
    """)
    op.execute("""
        CREATE TRIGGER pay_scheme_version_published_immutable
        BEFORE UPDATE OR DELETE ON pay_scheme_version
        FOR EACH ROW EXECUTE FUNCTION pay_scheme_version_published_immutable()
    """)


def downgrade() -> None:
    op.execute("DROP TRIGGER pay_scheme_version_published_immutable ON pay_scheme_version")
    op.execute("DROP FUNCTION pay_scheme_version_published_immutable()")
