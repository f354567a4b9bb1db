"""Management rules as data: every number from POLICY.md is a JSON document of a `kind`, attached to a
region-code prefix ("" = national) with an effective date. The most specific prefix in force on the date
wins (SS 150404 over IM 15 over CENTRAL ""). Quota, training, secondment, visits, reserve pool,
recruitment and flags all read their numbers through `resolve` / `resolved_per_region`.

(This store lives in `quota/` because quota was its first user; it is shared by all management domains.)
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, func, literal, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.problems import Problem

from .models import ManagementRule


async def resolve(session: AsyncSession, kind: str, region_code: str, on: date) -> ManagementRule | None:
    """The rule document of `kind` that applies to `region_code` on `on` (None when none is defined)."""
    statement = (
        select(ManagementRule)
        .where(ManagementRule.kind == kind, ManagementRule.effective_from <= on,
               literal(region_code).startswith(ManagementRule.region_prefix))
        .order_by(func.length(ManagementRule.region_prefix).desc(), ManagementRule.effective_from.desc())
        .limit(1)
    )
    return (await session.scalars(statement)).first()


async def require(session: AsyncSession, kind: str, region_code: str, on: date) -> ManagementRule:
    rule = await resolve(session, kind, region_code, on)
    if rule is None:
        raise Problem(409, "rule_missing", f"未配置适用于 {region_code} 的规则 {kind}",
                      f"no rule '{kind}' is configured for region {region_code}", rule=kind)
    return rule


def resolved_per_region(kind: str, region_codes: Select, on: date) -> Select:
    """SQL: for each code produced by `region_codes` (one column), the applying rule's prefix and params.

    One DISTINCT ON query for a whole jurisdiction, so dashboards never resolve rules row by row.
    """
    codes = region_codes.subquery("codes")
    code = next(iter(codes.c))
    return (
        select(code.label("region_code"), ManagementRule.region_prefix, ManagementRule.params)
        .join(ManagementRule, code.startswith(ManagementRule.region_prefix))
        .where(ManagementRule.kind == kind, ManagementRule.effective_from <= on)
        .order_by(code, func.length(ManagementRule.region_prefix).desc(), ManagementRule.effective_from.desc())
        .ext(distinct_on(code))
    )


def describe(rule: ManagementRule) -> dict[str, Any]:
    """How a refusal names the rule it applied."""
    return {"kind": rule.kind, "region_prefix": rule.region_prefix, "effective_from": rule.effective_from.isoformat(),
            "source": rule.source, "params": rule.params}
