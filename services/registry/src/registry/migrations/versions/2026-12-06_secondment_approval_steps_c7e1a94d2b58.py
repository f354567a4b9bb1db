"""Secondment approvers as the texts name them (issue 13): the `secondment.limits` documents gain `approvals`,
the steps in order (CENTRAL §17: the county party committee's social-work department approves; IM art.24: that
of its own level; SS: the district civil-affairs bureau reviews, the district government approves), and each
secondment records the steps given. Only the shipped rows are touched; officers' versions are kept.

Revision ID: c7e1a94d2b58
Revises: b5d1f8c3e962
Create Date: 2026-12-06 09:00:00
"""
import json
from datetime import date

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'c7e1a94d2b58'
down_revision = 'b5d1f8c3e962'
branch_labels = None
depends_on = None

# A frozen copy of registry.rules.defaults.SECONDMENT_APPROVALS and the clauses as of this revision.
APPROVALS = {
    ("", "2024-03-28", "CENTRAL §17"): (
        [{"step": "approve", "body_zh": "县级党委社会工作部门",
          "body_en": "the county party committee's social-work department"}],
        "§17 「按程序报请县级党委社会工作部门批准」"),
    ("15", "2024-08-21", "IM art.24"): (
        [{"step": "approve", "body_zh": "本级党委社会工作部门",
          "body_en": "the party committee's social-work department of its level"}],
        "art.24 「应当按照程序报本级党委社会工作部门批准」"),
    ("150404", "2022-01-01", "SS 二(四)2"): (
        [{"step": "review", "body_zh": "区民政局", "body_en": "the district civil-affairs bureau"},
         {"step": "approve", "body_zh": "区政府", "body_en": "the district government"}],
        "「确需借调，须经区民政局审核、区政府批准」"),
}
WHERE = ("WHERE kind = 'secondment.limits' AND region_prefix = :p AND effective_from = :d AND source = :s")


def upgrade() -> None:
    op.add_column("secondment", sa.Column("approvals", postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    for (prefix, effective, source), (steps, clause) in APPROVALS.items():
        op.get_bind().execute(sa.text(
            "UPDATE management_rule SET params = params || jsonb_build_object('approvals', CAST(:steps AS jsonb)), "
            "clauses = COALESCE(clauses, '{}'::jsonb) || jsonb_build_object('approvals', CAST(:clause AS text)) "
            + WHERE),
            {"steps": json.dumps(steps, ensure_ascii=False), "clause": clause, "p": prefix,
             "d": date.fromisoformat(effective), "s": source})


def downgrade() -> None:
    for prefix, effective, source in APPROVALS:
        op.get_bind().execute(sa.text(
            "UPDATE management_rule SET params = params - 'approvals', clauses = clauses - 'approvals' " + WHERE),
            {"p": prefix, "d": date.fromisoformat(effective), "s": source})
    op.drop_column("secondment", "approvals")
