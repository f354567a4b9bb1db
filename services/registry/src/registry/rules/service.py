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

Shared by all management domains; `add_rule_version` is how an officer adds a version (a new policy year
or a local rule is data, not code).
"""

from __future__ import annotations


from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, func, literal, select, true
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit, duties
from cwm_kit.problems import FieldError, Problem, not_found
from cwm_kit.security import Principal, Role

from registry.models import audit_log
from registry.regions.repository import region_names

from .defaults import RULE_KINDS
from .models import ManagementRule
from .schemas import RuleIn
from .words import source_zh  # noqa: F401 - callers name it rules.source_zh


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


class Resolver:
    """`code -> ResolvedRule` for any number of regions from the documents of one kind in force on one day."""

    def __init__(self, kind: str, documents: list[ManagementRule]):
        self.kind = kind
        self.documents = documents
        self._cache: dict[str, ResolvedRule | None] = {}

    def __call__(self, code: str) -> ResolvedRule | None:
        key = ",".join(sorted({d.region_prefix for d in self.documents if code.startswith(d.region_prefix)}))
        if key not in self._cache:
            self._cache[key] = merge(self.kind, [d for d in self.documents if code.startswith(d.region_prefix)])
        return self._cache[key]

    def under(self, prefix: str) -> list[ResolvedRule | None]:
        """Every rule a region under `prefix` can resolve to: the prefix's own and that of each document attached
        below it (a region resolves like the most specific document over it). E.g. the longest window in a
        county whose township states its own."""
        below = {d.region_prefix for d in self.documents
                 if d.region_prefix.startswith(prefix) and d.region_prefix != prefix}
        return [self(prefix), *(self(code) for code in sorted(below))]


async def resolver(session: AsyncSession, kind: str, on: date) -> Resolver:
    """One query, then `code -> ResolvedRule` for any number of regions (flags over a whole jurisdiction)."""
    return Resolver(kind, list((await session.scalars(_in_force(kind, on))).all()))


async def require(session: AsyncSession, kind: str, region_code: str, on: date) -> ResolvedRule:
    rule = await resolve(session, kind, region_code, on)
    if rule is None:
        place = await place_name(session, region_code)
        label_zh, label_en = kind_label(kind)
        raise Problem(409, "rule_missing", f"未配置适用于{place}的「{label_zh}」规则（适用的政策文件未规定）",
                      f"no rule '{label_en}' ({kind}) is configured for {place} ({region_code}) (no text in force "
                      "there states it)", rule=kind)
    return rule


def kind_label(kind: str) -> tuple[str, str]:
    """A rule kind in words (Chinese, English) as a message names it: 「招聘程序」 for recruitment.procedure
    (rules/defaults.py RULE_KINDS). A kind not listed there (none is shipped) keeps its key."""
    known = RULE_KINDS.get(kind)
    return (known.label_zh, known.label_en) if known is not None else (kind, kind)


async def place_name(session: AsyncSession, code: str) -> str:
    """The region's name for a message (「兴庆区」, not 640104); its code only where no region has it."""
    return (await region_names(session, {code})).get(code, code)


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


RULE_AUTHOR_ROLES = (Role.PROVINCIAL_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER)
# Flags whose absence means "no": a new version need not repeat them.
OPTIONAL_RULE_PARAMS = {"initial_before_start"}
# A kind that constrains the level it is attached to is published only from above (rules/defaults.py RULE_KINDS).
FROM_ABOVE_RULE = "rule_set_from_above"


def ensure_sets_from_above(principal: Principal, kind: str, prefix: str, place: str | None = None) -> None:
    """403 unless a kind that constrains the level it is attached to (`RuleKind.set_from_above`, rules/defaults.py)
    is published from above: at a county prefix or wider, by an officer whose jurisdiction lies strictly above it —
    the province also at its own prefix (its texts sit directly under the national ones). So a county never sets
    them, for itself or for its townships; a city for its counties; the province for itself, its cities and
    counties."""
    from .defaults import SET_FROM_ABOVE_FINEST_PREFIX

    jurisdiction = principal.jurisdiction
    above = len(jurisdiction) < len(prefix) or (len(prefix) == 2 and jurisdiction == prefix
                                                 and principal.role is Role.PROVINCIAL_ADMIN)
    if above and len(prefix) <= SET_FROM_ABOVE_FINEST_PREFIX:
        return
    place = place or prefix
    label_zh, label_en = kind_label(kind)
    zh = (f"「{label_zh}」规则约束其所挂接的层级，只能由上级发布（省级发布本省及所辖市、县的版本，市级发布所辖县（区）的版本），"
          f"不能由本级或下级为{place}发布")
    en = (f"rule '{label_en}' ({kind}) constrains the level it is attached to: it is set only from above (the province "
          f"for itself, its cities and counties; a city for its counties), never for {place} ({prefix}) by that level "
          "or one below it")
    raise Problem(403, FROM_ABOVE_RULE, zh, en, rule=FROM_ABOVE_RULE, kind=kind, region_prefix=prefix,
                  errors=[FieldError("region_prefix", FROM_ABOVE_RULE, zh, en)])


async def add_rule_version(session: AsyncSession, principal: Principal, body: RuleIn) -> ManagementRule:
    """A new version of a rule document for a region inside the author's jurisdiction (a new policy year or
    a local rule is data, not code). Its params are any of the keys the kind knows — what the new text states;
    the keys it leaves out still resolve from the other documents, most specific prefix first (rules/service.py)."""
    from .defaults import DEFAULT_RULES

    if not principal.covers(body.region_prefix):
        raise not_found("地区", "region")
    principal.ensure_can_write()
    principal.ensure_role(RULE_AUTHOR_ROLES)
    if body.kind == duties.RULE_KIND:
        # Relaxing maker–checker is a provincial decision (docs/roles.md), and its values are booleans.
        principal.ensure_role((Role.PROVINCIAL_ADMIN,))
        wrong = [k for k, v in body.params.items() if k not in duties.SEPARATION_DEFAULTS or not isinstance(v, bool)]
        if wrong:
            raise Problem(422, "validation_failed", "职责分离规则只接受已知的布尔参数",
                          "separation rules take only the known boolean parameters",
                          errors=[{"field": f"params.{k}", "code": "unknown_or_not_boolean",
                                   "message_zh": "未知参数或不是布尔值", "message_en": "unknown or not a boolean"}
                                  for k in wrong])
    if body.kind == "auth.second_factor":
        # Which roles must use a second factor is a provincial decision; only the roles that may enrol count.
        principal.ensure_role((Role.PROVINCIAL_ADMIN,))
        roles = body.params.get("required_roles")
        if not isinstance(roles, list) or not set(roles) <= {"provincial_admin", "finance_officer"}:
            raise Problem(422, "validation_failed", "只能要求省级管理员和财务人员使用动态验证码",
                          "only provincial admins and finance officers use a second factor",
                          errors=[{"field": "params.required_roles", "code": "not_eligible",
                                   "message_zh": "角色不可用动态验证码", "message_en": "role not eligible"}])
    shipped = [params for kind, _, _, _, params, _ in DEFAULT_RULES if kind == body.kind]
    if not shipped or body.kind not in RULE_KINDS:
        raise Problem(422, "validation_failed", f"未知的规则类型 {body.kind}", f"unknown rule kind {body.kind}",
                      errors=[{"field": "kind", "code": "unknown_kind", "message_zh": "未知的规则类型",
                               "message_en": "unknown rule kind"}])
    if RULE_KINDS[body.kind].set_from_above:
        ensure_sets_from_above(principal, body.kind, body.region_prefix,
                               await place_name(session, body.region_prefix))
    # A document states only the keys its text states (keys resolve one by one, rules/service.py): any subset of
    # the keys the kind knows, at least one; a clause may be quoted for each key it states.
    known = set().union(*(set(params) for params in shipped)) | OPTIONAL_RULE_PARAMS
    unknown = sorted(set(body.params) - known) + sorted(f"clauses.{k}" for k in set(body.clauses or {})
                                                         - set(body.params))
    if unknown or not body.params:
        raise Problem(422, "validation_failed", "规则参数未知或为空: " + ", ".join(unknown),
                      "rule params unknown or empty: " + ", ".join(unknown),
                      errors=[{"field": f"params.{key}" if not key.startswith("clauses.") else key,
                               "code": "unknown", "message_zh": "该类规则没有此参数",
                               "message_en": "this kind of rule has no such parameter"} for key in unknown]
                      or [{"field": "params", "code": "empty", "message_zh": "至少规定一个参数",
                           "message_en": "state at least one parameter"}])
    exists = await session.scalar(select(ManagementRule.id).where(
        ManagementRule.kind == body.kind, ManagementRule.region_prefix == body.region_prefix,
        ManagementRule.effective_from == body.effective_from))
    if exists:
        raise Problem(409, "rule_version_exists", "该地区该生效日期的规则版本已存在，请使用新的生效日期",
                      "a version of this rule for the region and effective date exists: use a new effective date")
    rule = ManagementRule(**body.model_dump())
    session.add(rule)
    await session.flush()
    await audit.record(session, audit_log, principal, action="management_rule.add", entity="management_rule",
                       entity_id=rule.id, region_code=body.region_prefix, after=audit.snapshot(rule))
    return rule
