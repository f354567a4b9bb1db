"""SS 「一个聘期内连续两年考核不合格」 (issue 13 item 2): the shipped Songshan exit.assessment document gains the key
consecutive_within_contract_term = true (both years in the current contract term). Only the shipped row
(kind, prefix, effective_from, source) is touched; officers' versions are kept.

Revision ID: f2b8d6a41c97
Revises: e91c3b7d5a28
Create Date: 2026-12-05 11:00:00
"""
import json
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = 'f2b8d6a41c97'
down_revision = 'e91c3b7d5a28'
branch_labels = None
depends_on = None

CLAUSE = {"consecutive_within_contract_term": "「一个聘期内」 — reading: both years in the current contract term (a "
                                              "year belongs to the term in force on its 31 December)"}
WHERE = ("WHERE kind = 'exit.assessment' AND region_prefix = '150404' AND effective_from = :d "
         "AND source = 'SS 二(四)5'")


def upgrade() -> None:
    op.get_bind().execute(sa.text(
        "UPDATE management_rule SET params = params || CAST(:patch AS jsonb), "
        "clauses = COALESCE(clauses, '{}'::jsonb) || CAST(:clauses AS jsonb) " + WHERE),
        {"patch": json.dumps({"consecutive_within_contract_term": True}),
         "clauses": json.dumps(CLAUSE, ensure_ascii=False), "d": date(2022, 1, 1)})


def downgrade() -> None:
    op.get_bind().execute(sa.text(
        "UPDATE management_rule SET params = params - 'consecutive_within_contract_term', "
        "clauses = clauses - 'consecutive_within_contract_term' " + WHERE), {"d": date(2022, 1, 1)})
