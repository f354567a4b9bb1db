"""Staffing quota (POLICY.md §2): allowed places per county (18 per 10,000 urban residents) and, where a
rule says so, per community (SS: one per ~300 households, at least 6), against workers in post. A community
below its rule's minimum is warned about in the overview (`below_minimum`, naming the clause).

Hiring over quota is refused unless an exception was approved (requested by one officer, approved by
another at a level the `quota.approval` rule lists — IM art.6: the city for a county's total). New hires (registration,
recruitment, import, rehire) are counted by `quota_problems` through WorkerService.hire_checks, one after another;
`ensure_quota` checks a transfer. Both read a region's places in `_room`.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.dates import today_in_china
from cwm_kit.problems import Problem, not_found
from cwm_kit.security import Principal, Role

from registry.decisions import record_decision
from registry.models import audit_log
from registry.regions.models import Region
from registry.regions.repository import in_use_on

from registry.rules import service as rules
from registry.worker_records import add_audited

from .models import CommunityNumber, QuotaException
from .repository import QuotaRepository
from .schemas import (CommunityNumberFiling, CommunityNumberIn, QuotaExceptionDecision, QuotaExceptionIn, QuotaLine,
                      QuotaWarning)

COUNTY_RULE = "quota.county"
COMMUNITY_RULE = "quota.community"
# Who may request or decide an exception: county level and above; which level decides is the quota.approval
# rule (IM art.6: the city sets each county's total).
EXCEPTION_ROLES = (Role.COUNTY_OFFICER, Role.CITY_OFFICER, Role.PROVINCIAL_ADMIN)
APPROVAL_RULE = "quota.approval"
ROLE_LEVEL = {Role.COUNTY_OFFICER: "county", Role.CITY_OFFICER: "city", Role.PROVINCIAL_ADMIN: "province"}
LEVEL_ZH = {"county": "县级", "city": "市级", "province": "省级"}


def county_allowed(params: dict[str, Any], urban_population: int | None) -> int:
    """Whole places only: 18 per 10,000 rounds down (a fraction of a worker is not a place)."""
    return (urban_population or 0) * int(params["per_10000_urban_residents"]) // 10_000


def community_allowed(params: dict[str, Any], households: int | None) -> int:
    """About one per N households (rounded half up), never below the minimum."""
    per = int(params["households_per_worker"])
    return max(int(params["minimum"]), ((households or 0) * 2 + per) // (2 * per))


def _quota_problem(level: str, code: str, allowed: int, filled: int, adding: int, rule: Any,
                   approved_number: int | None = None) -> Problem:
    """`rule` is the formula's rule; a community staffed by an approved number names the number instead."""
    return Problem(
        409, "quota_exceeded",
        f"超出编制：{code} 核定 {allowed} 名，在岗 {filled} 名，本次新增 {adding} 名；需经批准的超编例外",
        f"over quota: {level} {code} allows {allowed}, {filled} in post, adding {adding}; "
        "an approved exception is required",
        level=level, region_code=code, allowed=allowed, filled=filled, adding=adding,
        rule=rules.describe(rule) if rule is not None else None, approved_number=approved_number,
    )


async def ensure_quota(session: AsyncSession, community_code: str, adding: int = 1, on: date | None = None,
                       *, check_county: bool = True) -> None:
    """Refuse (409 quota_exceeded, naming allowed, filled and the rule) when adding `adding` workers to
    `community_code` would exceed the community's or the county's quota plus approved exceptions (the county locked
    first). `check_county=False` for a move inside the county (the county's head count does not change)."""
    on = on or today_in_china()
    repository = QuotaRepository(session)
    county = await repository.lock_region(community_code[:6])
    community = await session.get(Region, community_code)
    if county is None or community is None or community.level != "community":
        raise Problem(422, "not_a_community", f"{community_code} 不是社区", f"{community_code} is not a community",
                      errors=[{"field": "community_code", "code": "not_a_community",
                               "message_zh": "不是已登记的社区", "message_en": "not a registered community"}])
    for code in (community_code, community_code[:6]) if check_county else (community_code,):
        room = await _room(session, repository, code, on)
        if room is not None and room[2] + adding > room[1]:
            raise _quota_problem(room[0], code, room[1], room[2], adding, room[3], room[4])


async def quota_problems(session: AsyncSession, community_codes: list[str], on: date | None = None
                         ) -> list[Problem | None]:
    """For each new worker placed in `community_codes`, taken in order as hires one after another (an import's
    rows): the 409 `quota_exceeded` of the community's or the county's quota it would pass, counting the earlier
    ones that fit; None when it fits. The counties are locked as `ensure_quota` locks them."""
    on = on or today_in_china()
    repository = QuotaRepository(session)
    for county_code in sorted({code[:6] for code in community_codes}):
        await repository.lock_region(county_code)
    rooms: dict[str, tuple[str, int, int, Any, int | None] | None] = {}
    added: dict[str, int] = {}
    found: list[Problem | None] = []
    for community_code in community_codes:
        problem = None
        for code in (community_code, community_code[:6]):
            if code not in rooms:
                rooms[code] = await _room(session, repository, code, on)
            room, adding = rooms[code], added.get(code, 0) + 1
            if room is not None and room[2] + adding > room[1]:
                problem = _quota_problem(room[0], code, room[1], room[2], adding, room[3], room[4])
                break
        if problem is None:
            for code in (community_code, community_code[:6]):
                added[code] = added.get(code, 0) + 1
        found.append(problem)
    return found


async def _room(session: AsyncSession, repository: QuotaRepository, code: str, on: date
                ) -> tuple[str, int, int, Any, int | None] | None:
    """(level, places allowed with the approved exceptions, workers in post, the formula's rule, the approved
    number) of a community or a county (6 digits); None where no quota applies."""
    region = await session.get(Region, code)
    if len(code) == 6:
        rule = await rules.resolve(session, COUNTY_RULE, code, on)
        if rule is None:
            return None
        allowed = county_allowed(rule.params, region.urban_population if region else None)
        return "county", allowed + await repository.extra_posts(code, on), await repository.filled(code), rule, None
    rule = await rules.resolve(session, COMMUNITY_RULE, code, on)
    number = await repository.approved_number(code, on)
    if rule is None and number is None:
        return None
    base = number if number is not None else community_allowed(rule.params, region.households if region else None)
    return ("community", base + await repository.extra_posts(code, on), await repository.filled(code), rule,
            number)


class QuotaService:
    def __init__(self, session: AsyncSession):
        self.session = session
        self.repository = QuotaRepository(session)

    async def overview(self, principal: Principal, prefix: str | None, on: date) -> list[QuotaLine]:
        """Allowed vs filled for every county (and community under a community rule) in scope: four
        grouped queries whatever the jurisdiction's size."""
        scope = principal.scope_prefix(prefix)
        lines: list[QuotaLine] = []
        for level, length, kind in (("county", 6, COUNTY_RULE), ("community", 12, COMMUNITY_RULE)):
            resolved = rules.resolved_per_region(kind, self.repository.regions_of_level(level, scope, on),
                                                 on).subquery()
            filled = self.repository.filled_by(length, scope).subquery()
            extras = self.repository.extras_by(length, scope, on).subquery()
            # A community is listed under its formula, or under an approved number where no formula applies.
            numbers_query = self.repository.numbers_by(scope, on)
            if level == "county":  # approved numbers are a community's (IM art.6): none joins a county
                numbers_query = numbers_query.where(false())
            numbers = numbers_query.subquery()
            statement = (
                select(Region.code, Region.name, Region.urban_population, Region.households,
                       resolved.c.region_prefix, resolved.c.params, numbers.c.number,
                       func.coalesce(filled.c.filled, 0), func.coalesce(extras.c.extra, 0))
                .outerjoin(resolved, resolved.c.region_code == Region.code)
                .outerjoin(numbers, numbers.c.code == Region.code)
                .outerjoin(filled, filled.c.code == Region.code)
                .outerjoin(extras, extras.c.code == Region.code)
                .where(principal.region_filter(Region.code), Region.level == level, in_use_on(on),
                       or_(resolved.c.region_code.is_not(None), numbers.c.code.is_not(None)))
                .order_by(Region.code)
            )
            for code, name, population, households, rule_prefix, params, number, filled_count, extra in (
                    await self.session.execute(statement)).all():
                formula = None if params is None else (
                    county_allowed(params, population) if level == "county" else community_allowed(params, households))
                allowed = (number if number is not None else formula) + int(extra)
                minimum = int(params["minimum"]) if level == "community" and params and "minimum" in params else None
                lines.append(QuotaLine(level=level, region_code=code, name=name,
                                       computed=formula if formula is not None else number,
                                       approved_number=number, exception_posts=int(extra), allowed=allowed,
                                       filled=int(filled_count), vacancies=allowed - int(filled_count),
                                       rule_kind=kind if params is not None else None,
                                       rule_prefix=rule_prefix, rule_params=params, minimum=minimum))
        await self._below_minimum(lines, on)
        return lines

    async def _below_minimum(self, lines: list[QuotaLine], on: date) -> None:
        """Warn on each community line with fewer workers in post than its rule's minimum, naming the clause."""
        short = [line for line in lines if line.minimum is not None and line.filled < line.minimum]
        if not short:
            return
        for_region = await rules.resolver(self.session, COMMUNITY_RULE, on)
        for line in short:
            rule = for_region(line.region_code)
            stated = rule.provenance.get("minimum", {}) if rule is not None else {}
            source = stated.get("source") or (rule.source if rule is not None else "")
            clause = stated.get("clause") or ""
            line.warnings.append(QuotaWarning(
                code="below_minimum",
                message_zh=f"{line.name}在岗 {line.filled} 人，低于每个社区最少 {line.minimum} 人，"
                           f"缺 {line.minimum - line.filled} 人（{rules.source_zh(source)}{clause}）",
                message_en=f"{line.name}: {line.filled} in post, below the minimum of {line.minimum} per community, "
                           f"{line.minimum - line.filled} short ({source})",
                rule=rules.describe(rule, "minimum") if rule is not None else None))

    async def request_exception(self, principal: Principal, body: QuotaExceptionIn) -> QuotaException:
        """A county officer (or above) asks to staff a county or community above its quota: pending until an
        officer of a level the `quota.approval` rule lists decides (`decide_exception`)."""
        region = await self.session.get(Region, body.region_code)
        if region is None or not principal.covers(region.code):
            raise not_found("地区", "region")
        principal.ensure_can_write()
        principal.ensure_role(EXCEPTION_ROLES)
        if region.level not in ("county", "community"):
            raise Problem(422, "exception_level", "超编例外只能针对县区或社区",
                          "an exception applies to a county or a community",
                          errors=[{"field": "region_code", "code": "exception_level",
                                   "message_zh": "应为县区或社区代码", "message_en": "must be a county or community"}])
        exception = QuotaException(region_code=region.code, extra_posts=body.extra_posts, reason=body.reason,
                                   status="pending", requested_by=principal.subject,
                                   valid_from=body.valid_from or today_in_china(), valid_until=body.valid_until)
        return await add_audited(self.session, principal, exception, "quota.exception.request", region.code,
                                 body.reason)

    async def decide_exception(self, principal: Principal, exception_id: uuid.UUID,
                               body: QuotaExceptionDecision) -> QuotaException:
        """Approve or reject a pending exception: only an officer of a level the `quota.approval` rule lists for
        the region (IM art.6: a county's total is the city's), never the officer who asked."""
        exception = await self.session.get(QuotaException, exception_id, with_for_update=True)
        if exception is None or not principal.covers(exception.region_code):
            raise not_found("超编例外", "quota_exception")
        principal.ensure_can_write()
        principal.ensure_role(EXCEPTION_ROLES)
        if exception.status != "pending":
            raise Problem(409, "exception_decided", "该超编例外已决定", "this exception has been decided already")
        key = "county_total_approver_levels" if len(exception.region_code) == 6 else "community_number_approver_levels"
        await self._ensure_decider(principal, key, exception.region_code, exception.valid_from,
                                   exception.requested_by, "超编例外", "exception")
        await record_decision(self.session, principal, exception, body.decision, body.note, "quota.exception",
                              exception.region_code)
        return exception

    async def _ensure_decider(self, principal: Principal, key: str, region_code: str, on: date, requester: str,
                              what_zh: str, what_en: str) -> None:
        """Only an officer of a level the `quota.approval` rule lists under `key` for the region decides, and never
        the officer who asked (maker–checker)."""
        rule = await rules.require(self.session, APPROVAL_RULE, region_code, on)
        levels = rule.params.get(key) or []
        level = ROLE_LEVEL.get(principal.role)
        if level not in levels:
            raise Problem(403, f"{what_en.replace(' ', '_')}_approver_level",
                          f"{what_zh}须由{'、'.join(LEVEL_ZH[x] for x in levels)}审批，{LEVEL_ZH.get(level, level)}只能申请",
                          f"this {what_en} is decided at the {' or '.join(levels)} level; "
                          f"the {level} level may only request it", rule=rules.describe(rule, key))
        if principal.subject == requester:
            raise Problem(403, f"{what_en.replace(' ', '_')}_self_approval", f"申请人不能审批自己的{what_zh}申请",
                          f"the officer who requested a {what_en} cannot decide it")

    async def propose_number(self, principal: Principal, body: CommunityNumberIn) -> CommunityNumber:
        """The county proposes a community's number of workers (IM art.6); pending until decided."""
        region = await self.session.get(Region, body.region_code)
        if region is None or not principal.covers(region.code):
            raise not_found("地区", "region")
        principal.ensure_can_write()
        principal.ensure_role(EXCEPTION_ROLES)
        if region.level != "community":
            raise Problem(422, "validation_failed", "核定人数只能针对社区", "a number is set for a community",
                          errors=[{"field": "region_code", "code": "not_a_community",
                                   "message_zh": "应为社区代码", "message_en": "must be a community code"}])
        number = CommunityNumber(region_code=region.code, number=body.number, reason=body.reason, status="pending",
                                 proposed_by=principal.subject, valid_from=body.valid_from or today_in_china())
        return await add_audited(self.session, principal, number, "quota.community_number.propose", region.code,
                                 body.reason)

    async def _number_for_update(self, principal: Principal, number_id: uuid.UUID) -> CommunityNumber:
        number = await self.session.get(CommunityNumber, number_id, with_for_update=True)
        if number is None or not principal.covers(number.region_code):
            raise not_found("社区核定人数", "community_number")
        principal.ensure_can_write()
        principal.ensure_role(EXCEPTION_ROLES)
        return number

    async def decide_number(self, principal: Principal, number_id: uuid.UUID,
                            body: QuotaExceptionDecision) -> CommunityNumber:
        """Approved or rejected by an officer of a level the rule lists (IM art.6: the county), not the proposer."""
        number = await self._number_for_update(principal, number_id)
        if number.status != "pending":
            raise Problem(409, "community_number_decided", "该核定人数已决定", "this number has been decided already")
        await self._ensure_decider(principal, "community_number_approver_levels", number.region_code,
                                   number.valid_from, number.proposed_by, "社区核定人数", "community number")
        await record_decision(self.session, principal, number, body.decision, body.note, "quota.community_number",
                              number.region_code)
        return number

    async def file_number(self, principal: Principal, number_id: uuid.UUID,
                          body: CommunityNumberFiling) -> CommunityNumber:
        """Records that an approved number was filed (备案) upward (IM art.6: with the city), once."""
        number = await self._number_for_update(principal, number_id)
        if number.status != "approved" or number.filed_on is not None:
            raise Problem(409, "community_number_not_fileable", "只有已批准且未备案的核定人数可以备案",
                          "only an approved number not yet filed can be filed")
        if number.decided_at is not None and body.filed_on < number.decided_at.date():
            raise Problem(422, "validation_failed", "备案日期早于批准日期", "filed before it was approved",
                          errors=[{"field": "filed_on", "code": "before_approval",
                                   "message_zh": "备案日期不能早于批准日期", "message_en": "must not precede the approval"}])
        before = audit.snapshot(number)
        number.filed_with, number.filed_on, number.filed_reference = body.filed_with, body.filed_on, body.reference
        number.filed_by = principal.subject
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action="quota.community_number.file",
                           entity="community_number", entity_id=number.id, region_code=number.region_code,
                           before=before, after=audit.snapshot(number))
        return number

    async def numbers(self, principal: Principal, prefix: str | None) -> list[CommunityNumber]:
        scope = principal.scope_prefix(prefix)
        return await self.repository.community_numbers(scope, principal.region_filter(CommunityNumber.region_code))

    async def exceptions(self, principal: Principal, prefix: str | None) -> list[QuotaException]:
        scope = principal.scope_prefix(prefix)
        statement = (select(QuotaException)
                     .where(QuotaException.region_code.startswith(scope, autoescape=True),
                            principal.region_filter(QuotaException.region_code))
                     .order_by(QuotaException.requested_at.desc()))
        return list((await self.session.scalars(statement)).all())
