"""Opening a cycle under its guidance plan and listing who is assessed (POLICY.md §8)."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.context import app_state_var
from cwm_kit.dates import add_months
from cwm_kit.http import ServiceClient
from cwm_kit.problems import FieldError, Problem, not_found
from cwm_kit.security import Principal, Role

from assessment import upstream
from assessment.models import audit_log

from .models import Cycle
from .repository import CycleRepository
from .schemas import AssesseesAdded, AssesseesIn, CycleIn, CycleOut, Plan, in_force_for, text_limits

CYCLE_OPENERS = (Role.COUNTY_OFFICER,)
ASSESSEE_LISTERS = (Role.COUNTY_OFFICER, Role.TOWNSHIP_OFFICER)
LEFT_STATUSES = {"resigned", "dismissed", "retired", "deceased"}
# Workers looked up per facts request (the registry takes up to 1,000; 200 keep the query string ~10 KB).
REGISTRY_LOOKUP_CHUNK = 200

logger = logging.getLogger(__name__)


def cycle_visible(principal: Principal, cycle: Cycle) -> bool:
    if principal.is_worker:
        return False
    return principal.covers(cycle.county_code) or principal.jurisdiction.startswith(cycle.county_code)


def in_post_long_enough(start: date, end: date, months: int) -> bool:
    """In post from `start` to `end` (inclusive) covers `months` whole months: 2024-07-01..2024-12-31 is 6."""
    return add_months(start, months) <= end + timedelta(days=1)


def assessee_from_facts(fact: dict[str, Any], year: int, required_months: int) -> tuple[dict | None, str | None]:
    """(snapshot row, None) when the worker is assessed this year, else (None, why not).

    Assessed: in post on 31 December and, within the year, for at least `required_months` months.
    A worker still on probation on 31 December is not listed: their probation case assesses them when it ends
    (probation/service.py); a status of probation with no end date recorded gets a probation assessment.
    """
    try:
        return _assessee_from_facts(fact, year, required_months)
    except (KeyError, TypeError, ValueError):
        return None, "unreadable_facts"


def _assessee_from_facts(fact: dict[str, Any], year: int, required_months: int) -> tuple[dict | None, str | None]:
    year_start, year_end = date(year, 1, 1), date(year, 12, 31)
    hired = date.fromisoformat(fact["hired_on"]) if fact.get("hired_on") else year_start
    exit_date = date.fromisoformat(fact["exit_date"]) if fact.get("exit_date") else None
    if (exit_date is not None and exit_date < year_end) or (exit_date is None and fact.get("status") in LEFT_STATUSES):
        return None, "left_before_year_end"
    if hired > year_end:
        return None, "hired_after_year"
    if not in_post_long_enough(max(hired, year_start), year_end, required_months):
        return None, "not_in_post_long_enough"
    community = fact.get("community_code") or ""
    if len(community) != 12 or not community.isdigit():
        return None, "no_community"
    probation_end = date.fromisoformat(fact["probation_end"]) if fact.get("probation_end") else None
    if probation_end is not None and probation_end > year_end:
        # Still on probation on 31 December: assessed by a probation case when the probation ends.
        return None, "on_probation"
    return {
        "worker_id": uuid.UUID(str(fact["worker_id"])),
        "worker_name": str(fact.get("name") or "")[:64],
        "community_code": community,
        "township_code": community[:9],
        "county_code": community[:6],
        "post": str(fact["post"])[:32] if fact.get("post") else None,
        "kind": kind_from_facts(fact, year),
    }, None


def kind_from_facts(fact: dict[str, Any], year: int) -> str:
    """A worker on probation on 31 December (an open probation, or one ending later) is assessed as a
    probation case; everyone else in the annual assessment, which the 优秀 quota counts."""
    probation_end = date.fromisoformat(fact["probation_end"]) if fact.get("probation_end") else None
    if probation_end is not None:
        return "probation" if probation_end > date(year, 12, 31) else "annual"
    return "probation" if fact.get("status") == "probation" else "annual"


def looser_than_the_texts(county_code: str, year: int, plan: Plan,
                          county_name: str | None = None) -> list[FieldError]:
    """The plan's fields looser than a limit the texts in force for the county in the assessed year set
    (`text_limits`): a lower 优秀 share or shorter absences are the county's to choose; a higher share, none, or a
    longer absence are not. Each refusal cites the clause stating its own limit (the Chinese message by the text's
    Chinese name, the English one and `source` by its short name), and names the county (`county_name`, else its
    code)."""
    errors: list[FieldError] = []
    county = county_name or county_code
    limits = text_limits(county_code, in_force_for(year))
    if (share := limits.get("excellent_quota_percent")) is not None:
        cap = Decimal(share.value)
        if plan.excellent_quota_percent is None or plan.excellent_quota_percent > cap:
            errors.append(FieldError(
                "plan.excellent_quota_percent", "looser_than_policy",
                f"{county}适用的政策规定优秀等次不超过参加考核人数的 {cap}%（{share.source_zh}）：方案可定更低比例，"
                f"不能更高或不设上限",
                f"the policy in force for {county_code} caps 优秀 at {cap}% of those assessed ({share.source}): a plan "
                f"may set a lower share, not a higher one or none", limit=str(cap), source=share.source))
        if plan.excellent_quota_rounding != "floor":
            # 15% of 10 assessed is 1.5: half_up or ceil would allow 2, i.e. 20%.
            errors.append(FieldError(
                "plan.excellent_quota_rounding", "looser_than_policy",
                f"{county}适用的政策规定优秀等次不超过 {cap}%（{share.source_zh}）：名额只能向下取整，"
                f"四舍五入或向上取整会超过该比例",
                f"the policy caps 优秀 at {cap}% ({share.source}): the quota must round down (floor); half_up or "
                f"ceil can exceed the share", limit="floor", source=share.source))
    if (absence := limits.get("absence_exit")) is not None:
        rule = absence.value
        if plan.absence_exit is None:
            errors.append(FieldError(
                "plan.absence_exit", "looser_than_policy",
                f"{county}适用的政策规定连续旷工 {rule['consecutive_days']} 天或一年累计超过 "
                f"{rule['total_days_over']} 天属退出情形（{absence.source_zh}）：方案不能取消该规定",
                f"the policy in force for {county_code} makes absence of {rule['consecutive_days']} consecutive days "
                f"or more than {rule['total_days_over']} in a year an exit case ({absence.source}): a plan may not "
                f"drop it", limit=rule, source=absence.source))
        else:
            for field, zh, en in (("consecutive_days", "连续旷工天数", "consecutive days absent"),
                                  ("total_days_over", "一年累计旷工超过的天数", "days absent in a year over")):
                if getattr(plan.absence_exit, field) > rule[field]:
                    errors.append(FieldError(
                        f"plan.absence_exit.{field}", "looser_than_policy",
                        f"{county}适用的政策规定{zh}为 {rule[field]} 天即属退出情形（{absence.source_zh}）："
                        f"方案可定更少天数，不能更多",
                        f"the policy sets {en} at {rule[field]} for an exit case ({absence.source}): a plan may set "
                        f"fewer days, not more", limit=rule[field], source=absence.source))
    return errors


async def region_names(session: AsyncSession, codes: set[str]) -> dict[str, str]:
    """A name for each code, as the registry gives it to the caller (the app's `region_names`, a
    `cwm_kit.audit.RegistryRegionNames`: asked with the caller's token, cached); a code it cannot name (registry
    down, unknown, outside) is named by the code itself. Only for messages: nothing is decided on a name."""
    naming = getattr(app_state_var.get(), "region_names", None)
    names: dict[str, str] = {}
    if naming is not None and codes:
        try:
            names = await naming(session, set(codes))
        except Exception:  # a refusal must still be given when its names cannot be had
            logger.warning("region names unavailable for %s", ", ".join(sorted(codes)), exc_info=True)
    return {code: names.get(code) or code for code in codes}


async def region_name(session: AsyncSession, code: str) -> str:
    return (await region_names(session, {code}))[code]


def community_words(code: Any, names: dict[str, str]) -> str:
    """A community as a message names it: its name ("民乐社区"), else "社区 640104001001"."""
    name = names.get(str(code))
    return name if name and name != str(code) else f"社区 {code}"


class CycleService:
    def __init__(self, repository: CycleRepository, registry: ServiceClient | None = None):
        self.repository = repository
        self.registry = registry

    async def visible_cycle(self, principal: Principal, cycle_id: uuid.UUID) -> Cycle:
        cycle = await self.repository.get(cycle_id)
        if cycle is None or not cycle_visible(principal, cycle):
            raise not_found("考核周期", "assessment cycle")
        return cycle

    async def list(self, principal: Principal, year: int | None) -> list[CycleOut]:
        return [CycleOut.model_validate(c) for c in await self.repository.visible(principal, year)]

    async def open(self, principal: Principal, body: CycleIn) -> CycleOut:
        principal.ensure_role(CYCLE_OPENERS)
        principal.ensure_can_write(body.county_code)
        if await self.repository.find(body.county_code, body.year) is not None:
            raise await self._exists(body)
        if looser_than_the_texts(body.county_code, body.year, body.plan):
            # Refused: the messages name the county (asked of the registry only now).
            county = await region_name(self.repository.session, body.county_code)
            raise Problem(422, "validation_failed", "考核方案宽于政策规定", "the plan is looser than the policy in force",
                          errors=looser_than_the_texts(body.county_code, body.year, body.plan, county))
        plan = json.loads(body.plan.model_dump_json())
        try:
            async with self.repository.session.begin_nested():
                cycle = await self.repository.add(Cycle(
                    year=body.year, county_code=body.county_code,
                    name=body.name or f"{body.year}年度社区工作者考核", plan=plan, opened_by=principal.subject,
                    opened_by_name=audit.actor_name(principal)))
        except IntegrityError:  # opened by someone else at the same moment
            raise await self._exists(body) from None
        await audit.record(self.repository.session, audit_log, principal, action="cycle.open", entity="cycle",
                           entity_id=cycle.id, region_code=cycle.county_code, after=audit.snapshot(cycle))
        return CycleOut.model_validate(cycle)

    async def _exists(self, body: CycleIn) -> Problem:
        county = await region_name(self.repository.session, body.county_code)
        return Problem(409, "cycle_exists", f"{county}的 {body.year} 年度考核已开启",
                       f"the {body.year} assessment cycle for {body.county_code} is already open")

    async def _writable(self, principal: Principal, cycle_id: uuid.UUID) -> Cycle:
        cycle = await self.visible_cycle(principal, cycle_id)
        principal.ensure_can_write()
        principal.ensure_role(ASSESSEE_LISTERS)
        return cycle

    async def add_assessees(self, principal: Principal, cycle_id: uuid.UUID, body: AssesseesIn) -> AssesseesAdded:
        cycle = await self._writable(principal, cycle_id)
        errors = []
        outside = {index for index, item in enumerate(body.assessees)
                   if not item.community_code.startswith(cycle.county_code)}
        # Refused: the message names the county (asked of the registry only now).
        county = await region_name(self.repository.session, cycle.county_code) if outside else cycle.county_code
        for index, item in enumerate(body.assessees):
            if index in outside:
                errors.append(FieldError(f"assessees.{index}.community_code", "outside_cycle",
                                         f"社区不属于本周期的县区（{county}）",
                                         f"community is not in the cycle's county {cycle.county_code}"))
            elif not principal.covers(item.community_code):
                errors.append(FieldError(f"assessees.{index}.community_code", "outside_jurisdiction",
                                         "社区不在您的管辖范围内", "community is outside your jurisdiction"))
        if len({a.worker_id for a in body.assessees}) != len(body.assessees):
            errors.append(FieldError("assessees", "duplicate_worker", "同一工作者重复出现",
                                     "the same worker is listed twice"))
        if errors:
            raise Problem(422, "validation_failed", "考核对象校验失败", "assessees failed validation", errors=errors)
        # Each worker as the registry knows them (through the caller's own token, so its jurisdiction applies):
        # employed in the cycle's county during its year, in the community given. The name stored is the
        # registry's, not the one sent.
        known = await self._registry_workers(cycle, [a.worker_id for a in body.assessees])
        # The communities the registry has misplaced workers in, named for the refusal (asked only if there is one).
        elsewhere = {str(fact.get("community_code")) for item in body.assessees
                     if (fact := known.get(item.worker_id)) is not None
                     and fact.get("community_code") != item.community_code}
        communities = await region_names(self.repository.session, elsewhere) if elsewhere else {}
        for index, item in enumerate(body.assessees):
            fact = known.get(item.worker_id)
            if fact is None:
                errors.append(FieldError(
                    f"assessees.{index}.worker_id", "unknown_worker",
                    f"人员库中没有本县区 {cycle.year} 年在岗、且在您管辖范围内的该工作者",
                    f"no such worker employed in the cycle's county in {cycle.year} within your jurisdiction"))
            elif fact.get("community_code") != item.community_code:
                errors.append(FieldError(
                    f"assessees.{index}.community_code", "not_the_workers_community",
                    f"该工作者在人员库中属于{community_words(fact.get('community_code'), communities)}",
                    f"the registry has this worker in community {fact.get('community_code')}"))
            elif item.kind is not None and item.kind.value != kind_from_facts(fact, cycle.year):
                # The kind decides whether the 优秀 quota counts the worker: it is the registry's, never the caller's.
                kind = kind_from_facts(fact, cycle.year)
                errors.append(FieldError(
                    f"assessees.{index}.kind", "not_the_workers_kind",
                    f"人员库中该工作者{cycle.year}年末{'处于试用期' if kind == 'probation' else '不在试用期'}，"
                    f"应为{'试用期考核' if kind == 'probation' else '年度考核'}",
                    f"the registry has this worker {'on' if kind == 'probation' else 'off'} probation at the end of "
                    f"{cycle.year}: kind must be {kind}"))
        if errors:
            raise Problem(422, "validation_failed", "考核对象校验失败", "assessees failed validation", errors=errors)
        rows = [{"worker_id": a.worker_id, "worker_name": known[a.worker_id].get("name") or a.name,
                 "community_code": a.community_code, "township_code": a.community_code[:9],
                 "county_code": a.community_code[:6], "post": known[a.worker_id].get("post") or a.post,
                 "kind": kind_from_facts(known[a.worker_id], cycle.year)} for a in body.assessees]
        return await self._insert(principal, cycle, rows, [], source="explicit")

    async def _registry_workers(self, cycle: Cycle, worker_ids: list[uuid.UUID]) -> dict[uuid.UUID, dict]:
        """The registry's facts of these workers employed in the cycle's county during its year, by id."""
        found: dict[uuid.UUID, dict] = {}
        for start in range(0, len(worker_ids), REGISTRY_LOOKUP_CHUNK):
            chunk = worker_ids[start:start + REGISTRY_LOOKUP_CHUNK]
            async for fact in upstream.worker_facts(self.registry, cycle.county_code, f"{cycle.year}-12-31",
                                                    f"{cycle.year}-01-01", worker_ids=chunk):
                try:
                    found[uuid.UUID(str(fact.get("worker_id")))] = fact
                except ValueError:
                    continue
        return found

    async def import_from_registry(self, principal: Principal, cycle_id: uuid.UUID) -> AssesseesAdded:
        """Snapshot the county's workers from the registry's bulk facts (NDJSON, streamed)."""
        cycle = await self._writable(principal, cycle_id)
        region = principal.jurisdiction if principal.jurisdiction.startswith(cycle.county_code) else cycle.county_code
        rows: list[dict] = []
        skipped: list[dict] = []

        def unreadable(line: str) -> None:
            skipped.append({"worker_id": None, "reason": "unreadable_facts"})

        async for fact in upstream.worker_facts(self.registry, region, f"{cycle.year}-12-31", f"{cycle.year}-01-01",
                                                on_invalid=unreadable):
            row, why = assessee_from_facts(fact, cycle.year, int(cycle.plan["required_months"]))
            if row is None:
                skipped.append({"worker_id": fact.get("worker_id"), "reason": why})
            elif principal.covers(row["community_code"]):
                rows.append(row)
        return await self._insert(principal, cycle, rows, skipped, source="registry")

    async def _insert(self, principal: Principal, cycle: Cycle, rows: list[dict], skipped: list[dict],
                      source: str) -> AssesseesAdded:
        # A year already recorded as a result from before the system is not assessed again.
        recorded = await self.repository.historical_workers(cycle.year, [r["worker_id"] for r in rows])
        skipped = skipped + [{"worker_id": str(r["worker_id"]), "reason": "historical_result"} for r in rows
                             if r["worker_id"] in recorded]
        rows = [r for r in rows if r["worker_id"] not in recorded]
        added = await self.repository.add_assessees(cycle, rows)
        await audit.record(self.repository.session, audit_log, principal, action="cycle.assessees.add",
                           entity="cycle", entity_id=cycle.id, region_code=cycle.county_code,
                           after={"source": source, "added": sorted(str(w) for w in added),
                                  "skipped": skipped[:200]})
        return AssesseesAdded(added=len(added), already_listed=len(rows) - len(added), skipped=skipped[:200])
