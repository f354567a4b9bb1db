"""Cases for a person to decide (POLICY.md §3, §9, §10): the system lists them, it never acts on them.

- probation_failed: a final probation result in the `exit.assessment` rule's failing results;
- consecutive_incompetent: N consecutive annual 不合格 (rule: 2; SS: within the current contract term);
- contract_ending: contract ends within the `contract.renewal` window of the worker's community, or has ended
  unrenewed while the worker is still employed (the rows of the contracts-ending list), with renewal eligibility
  (the term's last annual result at least the rule's minimum: `renewal_eligible` true/false, null and
  `renewal_status` "pending" while no final result of those years exists yet);
- career_track: consecutive service, a full term in a secretary post and an excellent result (`career.track`);
- retirement_age: the statutory age under the gradual reform reached (`retirement.age`).

Assessment results come from the assessment service; when it is down the answer says so (partial) or,
if the caller insists (`require_assessment`), is a 503 problem.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import service_years
from cwm_kit.http import ServiceClient
from cwm_kit.problems import Problem
from cwm_kit.security import Principal

from registry.discipline.service import DisciplineService
from registry.filings.service import FilingService
from registry.rules import service as rules
from registry.upstream import Result, final_results
from registry.workers import renewal
from registry.workers.renewal import RESULT_ZH
from registry.workers.service import WorkerService

from .repository import FlagRepository
from .retirement import retirement_date
from .schemas import Flag, FlagReport, Warning

ASSESSMENT_KINDS = {"probation_failed", "consecutive_incompetent", "career_track"}


def result_years(on: date) -> list[int]:
    """The assessment years every report reads: this one and the three before."""
    return [on.year - 3, on.year - 2, on.year - 1, on.year]


def _flag(kind: str, worker, zh: str, en: str, **details) -> Flag:
    return Flag(kind=kind, worker_id=worker.id, name=worker.name, community_code=worker.community_code,
                post=worker.post, message_zh=zh, message_en=en, details=details)


class FlagService:
    def __init__(self, session: AsyncSession, client: ServiceClient):
        self.session = session
        self.client = client
        self.repository = FlagRepository(session)

    async def _rule(self, kind: str, on: date):
        """`community_code -> params` ({} where no text in force states the rule): each worker is judged by the
        documents over their own community (a province-wide report mixes SS, IM and NX rules)."""
        for_region = await rules.resolver(self.session, kind, on)

        def params(code: str) -> dict:
            rule = for_region(code)
            return rule.params if rule is not None else {}
        return params

    async def report(self, principal: Principal, prefix: str | None, on: date, kinds: set[str],
                     require_assessment: bool) -> FlagReport:
        scope = principal.scope_prefix(prefix)
        items: list[Flag] = []
        warnings: list[Warning] = []
        results: dict[tuple[str, int, str], Result] | None = None
        if kinds & (ASSESSMENT_KINDS | {"contract_ending"}):
            try:
                results = await final_results(self.client, scope, result_years(on))
            except Problem as problem:
                if require_assessment:
                    raise Problem(503, "assessment_unavailable", "考核服务暂不可用，无法给出依据考核结果的提示",
                                  "the assessment service is unavailable: flags based on results cannot be given",
                                  upstream=problem.code) from problem
                warnings.append(Warning(code="assessment_unavailable",
                                        message_zh="考核服务暂不可用：试用期不合格、连续不合格、职业发展和续聘资格提示缺失，仅为部分结果",
                                        message_en="assessment service unavailable: probation, consecutive-incompetent, "
                                                   "career-track and renewal-eligibility flags are missing; partial answer"))
        by_worker: dict[str, dict[tuple[int, str], str]] = defaultdict(dict)
        for (worker_id, year, kind), result in (results or {}).items():
            by_worker[worker_id][(year, kind)] = result.result
        if results is not None:
            if "probation_failed" in kinds or "consecutive_incompetent" in kinds:
                items += await self._assessment_exits(principal, scope, on, kinds, by_worker)
            if "career_track" in kinds:
                items += await self._career(principal, scope, on, by_worker)
        if "contract_ending" in kinds:
            items += await self._contracts(principal, scope, on, by_worker if results is not None else None)
        if "retirement_age" in kinds:
            items += await self._retirement(principal, scope, on)
        # Exit causes beyond assessment and the secretary's filing (issue 13): their own domains compute them.
        if "discipline" in kinds:
            items += await DisciplineService(self.session).flags(principal, scope, on)
        if "secretary_not_filed" in kinds:
            items += await FilingService(self.session).flags(principal, scope, on)
        items.sort(key=lambda f: (f.kind, f.community_code, f.name))
        return FlagReport(as_of=on, region=scope, assessment_available=results is not None or not (
            kinds & (ASSESSMENT_KINDS | {"contract_ending"})), warnings=warnings, items=items)

    async def _assessment_exits(self, principal, scope, on, kinds, by_worker) -> list[Flag]:
        rule_for = await self._rule("exit.assessment", on)
        flags: list[Flag] = []
        for worker in await self.repository.workers(principal, scope, set(by_worker)):
            params = rule_for(worker.community_code)
            failing = set(params.get("probation_fail_results") or [])
            needed = params.get("consecutive_incompetent_years")
            results = by_worker[str(worker.id)]
            probation = [(y, r) for (y, k), r in results.items() if k == "probation" and r in failing]
            if "probation_failed" in kinds and probation:
                year, result = max(probation)
                flags.append(_flag("probation_failed", worker, f"试用期考核{RESULT_ZH.get(result, result)}，请决定是否解除聘用",
                                   f"probation assessment {result}: decide whether the contract ends",
                                   year=year, result=result))
            if needed is None:
                continue
            needed = int(needed)
            annual = sorted(y for (y, k), r in results.items() if k == "annual" and r == "incompetent")
            if params.get("consecutive_within_contract_term"):
                # SS 「一个聘期内连续两年」: only the current term's years count — a year belongs to the term in
                # force when it ends (its assessment is of that term), so a renewal starts the count again.
                annual = [y for y in annual if worker.contract_start <= date(y, 12, 31) <= worker.contract_end]
            run, best = 0, []
            for index, year in enumerate(annual):
                run = run + 1 if index and annual[index - 1] == year - 1 else 1
                if run >= needed:
                    best = annual[index - needed + 1:index + 1]
            if "consecutive_incompetent" in kinds and best:
                flags.append(_flag("consecutive_incompetent", worker,
                                   f"连续{needed}年考核不合格（{'、'.join(map(str, best))}），请决定是否解除聘用",
                                   f"{needed} consecutive years rated incompetent ({', '.join(map(str, best))}): "
                                   "decide whether the contract ends", years=best))
        return flags

    async def _contracts(self, principal, scope, on, by_worker) -> list[Flag]:
        """The contracts the contracts-ending list shows (WorkerService.contracts_due: each community's window,
        lapsed ones included), judged alike."""
        workers = WorkerService.for_session(self.session)
        _until, params, rows = await workers.contracts_due(principal, scope, on)
        needed = {worker.id: set(renewal.assessment_years(params(worker.community_code), worker.contract_end))
                  for worker, *_ in rows}
        # A contract lapsed long ago rests on a year older than those read for every flag: read those too.
        older_years = set().union(*needed.values()) - set(result_years(on))
        older = await workers.final_annual(self.client, scope, older_years) if by_worker is not None else {}
        flags = []
        for worker, *_ in rows:
            results = None
            if by_worker is not None and (older is not None or not needed[worker.id] & older_years):
                results = {**by_worker.get(str(worker.id), {}), **(older or {}).get(str(worker.id), {})}
            details = {"contract_end": worker.contract_end.isoformat(),
                       **renewal.judge(params(worker.community_code), worker.contract_end, results)}
            zh, en = renewal.message(details)
            lapsed = worker.contract_end < on
            flags.append(_flag("contract_ending", worker,
                               f"合同{'已' if lapsed else '将'}于 {worker.contract_end} 到期，{zh}",
                               f"contract {'ended' if lapsed else 'ends'} on {worker.contract_end}: {en}", **details))
        return flags

    async def _career(self, principal, scope, on, by_worker) -> list[Flag]:
        params = (await rules.resolve(self.session, "career.track", scope or "", on))
        if params is None:
            return []
        params = params.params
        min_years = int(params["min_service_years"])
        term_years = int(params["secretary_term_years"])
        # The repository narrows by days; the years are counted here with the one definition
        # (cwm_kit.service_years): service up to and including `on`, anniversaries exact.
        candidates, head_periods = await self.repository.career_candidates(principal, scope, on, params)
        cutoff = on + timedelta(days=1)
        first_year = on.year - int(params["result_lookback_years"])
        flags = []
        for worker in candidates:
            served = service_years.completed_years([(worker.service_open_since, None)], cutoff)
            head_years = service_years.completed_years(service_years.merge_runs(head_periods[worker.id]), cutoff)
            if served < min_years or head_years < term_years:
                continue
            excellent = sorted(y for (y, k), r in by_worker.get(str(worker.id), {}).items()
                               if k == "annual" and r == params["required_result"] and y >= first_year)
            if excellent:
                flags.append(_flag("career_track", worker,
                                   "连续从事社区工作满10年、任党组织书记满一届且考核优秀，可纳入事业编招聘或街道领导班子选拔",
                                   "10+ consecutive years, a full term as secretary and rated excellent: eligible for the "
                                   "career track (public institution / street leadership)",
                                   service_days=(on - worker.service_open_since).days + 1,
                                   service_years=str(service_years.display_years(served)),
                                   secretary_days=service_years.days_before(
                                       service_years.merge_runs(head_periods[worker.id]), cutoff),
                                   secretary_years=str(service_years.display_years(head_years)),
                                   excellent_years=excellent))
        return flags

    async def _retirement(self, principal, scope, on) -> list[Flag]:
        documents = await self.repository.rule_documents("retirement.age")
        if not documents:
            return []
        # Nobody retires before the smallest base age of any document: a cheap indexed-range prefilter.
        youngest = min(int(d["base_age_months"]) for doc in documents for d in doc.params["by_sex"].values())
        year, month = divmod(on.year * 12 + on.month - 1 - youngest, 12)
        latest_birth = date(year, month + 1, 1) + timedelta(days=31)
        flags = []
        for worker, params in await self.repository.born_by(principal, scope, on, "retirement.age", latest_birth):
            due = retirement_date(params, worker.sex, worker.birth_date)
            if due <= on:
                flags.append(_flag("retirement_age", worker, f"已于 {due} 达到法定退休年龄（渐进式延迟退休），请办理退休",
                                   f"reached the statutory retirement age on {due} (gradual reform): arrange retirement",
                                   retirement_date=due.isoformat()))
        return flags
