"""Management rules as data: every number from POLICY.md is a JSON document of a `kind`, attached to the
region-code prefix of the text that states it ("" = national, `64` NX, `15` IM, `150404` SS) with an
effective date.

A document states only the keys its text states. Resolution is **key by key**: for each key, the most
specific prefix in force on the date wins, and among its versions the latest (SS 150404 over IM 15 over
CENTRAL ""). So Ningxia never inherits an Inner Mongolian or Songshan number, Songshan inherits Inner
Mongolia's where it says nothing itself, and every resolved key carries where it comes from (prefix,
version, document, clause). A key set to null in a more specific document means "no such rule here".
Quota, training, secondment, visits, reserve pool, recruitment and flags all read their numbers through
`resolve` / `resolver` / `resolved_per_region`.

(This store lives in `quota/` because quota was its first user; it is shared by all management domains.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, func, literal, select, true
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.problems import Problem

from .models import ManagementRule


@dataclass(frozen=True)
class ResolvedRule:
    """The rule of a kind as it applies to one region on one day, merged key by key."""

    kind: str
    region_prefix: str  # the most specific document that contributed a key
    effective_from: date  # the latest version that contributed a key
    source: str  # the contributing documents, most specific first
    params: dict[str, Any]
    provenance: dict[str, dict[str, Any]] = field(default_factory=dict)


def merge(kind: str, documents: Iterable[Any]) -> ResolvedRule | None:
    ordered = sorted(documents, key=lambda d: (len(d.region_prefix), d.effective_from), reverse=True)
    if not ordered:
        return None
    params: dict[str, Any] = {}
    provenance: dict[str, dict[str, Any]] = {}
    contributors: list[Any] = []
    for document in ordered:
        for key, value in document.params.items():
            if key in params:
                continue
            params[key] = value
            provenance[key] = {"region_prefix": document.region_prefix,
                               "effective_from": document.effective_from.isoformat(), "source": document.source,
                               "clause": (document.clauses or {}).get(key)}
            if document not in contributors:
                contributors.append(document)
    if not contributors:
        contributors = ordered[:1]
    return ResolvedRule(kind=kind, region_prefix=contributors[0].region_prefix,
                        effective_from=max(d.effective_from for d in contributors),
                        source="; ".join(dict.fromkeys(d.source for d in contributors)),
                        params=params, provenance=provenance)


def _in_force(kind: str, on: date):
    return select(ManagementRule).where(ManagementRule.kind == kind, ManagementRule.effective_from <= on)


async def resolve(session: AsyncSession, kind: str, region_code: str, on: date) -> ResolvedRule | None:
    """The rule of `kind` that applies to `region_code` on `on` (None when no document covers it)."""
    statement = _in_force(kind, on).where(literal(region_code).startswith(ManagementRule.region_prefix))
    return merge(kind, (await session.scalars(statement)).all())


async def resolver(session: AsyncSession, kind: str, on: date) -> Callable[[str], ResolvedRule | None]:
    """One query, then `code -> ResolvedRule` for any number of regions (flags over a whole jurisdiction)."""
    documents = list((await session.scalars(_in_force(kind, on))).all())
    cache: dict[str, ResolvedRule | None] = {}

    def for_region(code: str) -> ResolvedRule | None:
        key = ",".join(sorted({d.region_prefix for d in documents if code.startswith(d.region_prefix)}))
        if key not in cache:
            cache[key] = merge(kind, [d for d in documents if code.startswith(d.region_prefix)])
        return cache[key]

    return for_region


async def require(session: AsyncSession, kind: str, region_code: str, on: date) -> ResolvedRule:
    rule = await resolve(session, kind, region_code, on)
    if rule is None:
        raise Problem(409, "rule_missing", f"未配置适用于 {region_code} 的规则 {kind}（适用的政策文件未规定）",
                      f"no rule '{kind}' is configured for region {region_code} (no text in force there states it)",
                      rule=kind)
    return rule


def resolved_per_region(kind: str, region_codes: Select, on: date) -> Select:
    """SQL: for each code produced by `region_codes` (one column), the applying rule's most specific prefix
    and its params merged key by key (the same resolution as `resolve`).

    Two DISTINCT ON / GROUP BY steps for a whole jurisdiction, so dashboards never resolve rules row by row.
    """
    codes = region_codes.subquery("codes")
    code = next(iter(codes.c))
    entry = func.jsonb_each(ManagementRule.params).table_valued("key", "value").lateral("entry")
    picked = (
        select(code.label("region_code"), ManagementRule.region_prefix.label("region_prefix"),
               entry.c.key.label("key"), entry.c.value.label("value"))
        .join(ManagementRule, code.startswith(ManagementRule.region_prefix))
        .join(entry, true())
        .where(ManagementRule.kind == kind, ManagementRule.effective_from <= on)
        .order_by(code, entry.c.key, func.length(ManagementRule.region_prefix).desc(),
                  ManagementRule.effective_from.desc())
        .ext(distinct_on(code, entry.c.key))
    ).subquery("picked")
    # Every contributing prefix is a prefix of the same code, so the longest is also the greatest.
    return (select(picked.c.region_code, func.max(picked.c.region_prefix).label("region_prefix"),
                   func.jsonb_object_agg(picked.c.key, picked.c.value).label("params"))
            .group_by(picked.c.region_code))


def describe(rule: ResolvedRule | ManagementRule, key: str | None = None) -> dict[str, Any]:
    """How a refusal names the rule it applied (with `key`: the document and clause stating that number)."""
    described = {"kind": rule.kind, "region_prefix": rule.region_prefix,
                 "effective_from": rule.effective_from.isoformat(), "source": rule.source, "params": rule.params}
    provenance = getattr(rule, "provenance", None)
    if key is not None and provenance and key in provenance:
        described["key"] = key
        described["stated_by"] = provenance[key]
    return described
