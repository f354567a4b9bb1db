"""quota.approval (CENTRAL default): an exception to a county's total is decided by the city or the province,
never by the county itself (issue 13: "a county officer cannot raise their own county")

Revision ID: b5d1f8a3c6e2
Revises: 9d3f6b2a8e41
Create Date: 2026-12-13 18:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'b5d1f8a3c6e2'
down_revision = '9d3f6b2a8e41'
branch_labels = None
depends_on = None

CLAUSE = ("§3 「市地级或县级层面实行总量控制」 — an exception to the county's total is decided above the county "
          "(IM art.6 「盟市…核定所辖每个旗县…总量」)")


def upgrade() -> None:
    # Only the shipped row as shipped: a version an administrator added since is theirs.
    op.get_bind().execute(sa.text("""
        UPDATE management_rule
        SET params = jsonb_set(params, '{county_total_approver_levels}', '["city", "province"]'),
            clauses = jsonb_set(clauses, '{county_total_approver_levels}', to_jsonb(CAST(:clause AS text)))
        WHERE kind = 'quota.approval' AND region_prefix = '' AND effective_from = DATE '2024-03-28'
          AND params -> 'county_total_approver_levels' = '["county", "city", "province"]'::jsonb"""),
                          {"clause": CLAUSE})


def downgrade() -> None:
    op.get_bind().execute(sa.text("""
        UPDATE management_rule
        SET params = jsonb_set(params, '{county_total_approver_levels}', '["county", "city", "province"]'),
            clauses = jsonb_set(clauses, '{county_total_approver_levels}', to_jsonb(CAST(:clause AS text)))
        WHERE kind = 'quota.approval' AND region_prefix = '' AND effective_from = DATE '2024-03-28'
          AND params -> 'county_total_approver_levels' = '["city", "province"]'::jsonb"""),
                          {"clause": "§3 「市地级或县级层面实行总量控制」 (either level)"})
