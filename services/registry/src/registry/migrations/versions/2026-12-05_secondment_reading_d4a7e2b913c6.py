"""Secondment limits read as the texts mean them (issue 13 item 2): IM art.24's 3 months are a worker's time
on secondment — back-to-back secondments are joined (new key max_months_joins_within_days = 1 in the IM
document) —, and SS's 2 per community is the maximum on any one day (clause text only; the number is unchanged).
Only the shipped rows are touched (kind, prefix, effective_from, source); officers' versions are kept.

Revision ID: d4a7e2b913c6
Revises: b7f2c9e0a318
Create Date: 2026-12-05 09:00:00
"""
import json
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = 'd4a7e2b913c6'
down_revision = 'b7f2c9e0a318'
branch_labels = None
depends_on = None

IM_CLAUSES = {
    "max_months": "art.24 「借调时间不得超过3个月」 — reading: a worker's time on secondment, so back-to-back "
                  "secondments (see max_months_joins_within_days) count as one; the text names no year, so no "
                  "rolling-year sum is read in",
    "max_months_joins_within_days": "reading of art.24: a secondment starting at most this many days after the "
                                    "worker's previous one ended continues it (1 = the next day)"}
SS_CLAUSES = {"max_concurrent_per_community": "「同一时期同一社区借调人员不得超过2人」 — reading: on no single day more "
                                              "than 2 of one community are seconded"}
OLD_IM = {"max_months": "art.24 「借调时间不得超过3个月」"}
OLD_SS = {"max_concurrent_per_community": "「同一时期同一社区借调人员不得超过2人」"}


def _update(prefix: str, effective: str, source: str, params_patch: dict, params_drop: list[str], clauses: dict):
    op.get_bind().execute(sa.text(
        "UPDATE management_rule SET params = (params - CAST(:drop AS text[])) || CAST(:patch AS jsonb), "
        "clauses = COALESCE(clauses, '{}'::jsonb) || CAST(:clauses AS jsonb) "
        "WHERE kind = 'secondment.limits' AND region_prefix = :p AND effective_from = :d "
        "AND source = :s"),
        {"patch": json.dumps(params_patch), "drop": params_drop, "clauses": json.dumps(clauses, ensure_ascii=False),
         "p": prefix, "d": date.fromisoformat(effective), "s": source})


def upgrade() -> None:
    _update("15", "2024-08-21", "IM art.24", {"max_months_joins_within_days": 1}, [], IM_CLAUSES)
    _update("150404", "2022-01-01", "SS 二(四)2", {}, [], SS_CLAUSES)


def downgrade() -> None:
    _update("15", "2024-08-21", "IM art.24", {}, ["max_months_joins_within_days"], OLD_IM)
    op.get_bind().execute(sa.text(
        "UPDATE management_rule SET clauses = clauses - 'max_months_joins_within_days' "
        "WHERE kind = 'secondment.limits' AND region_prefix = '15' AND effective_from = DATE '2024-08-21' "
        "AND source = 'IM art.24'"))
    _update("150404", "2022-01-01", "SS 二(四)2", {}, [], OLD_SS)
