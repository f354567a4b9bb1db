from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.http import ServiceClient
from cwm_kit.security import Principal

from payroll.calendar import parse_month
from payroll.policy.service import resolve_scheme

from .engine import compute_grade
from .schemas import GradeOut, GradeStepOut
from .upstream import final_results, worker_facts


def current_month() -> str:
    return date.today().strftime("%Y-%m")


async def grade_for(session: AsyncSession, principal: Principal, registry: ServiceClient,
                    assessment: ServiceClient, worker_id: str, month: str) -> GradeOut:
    month_start, month_end = parse_month(month)
    # Officers: their own token and jurisdiction. Workers: payroll's service token, narrowed to the worker's
    # own scope and to the worker_id of their token (the registry feeds are officers-only).
    as_service = principal.is_worker
    facts = await worker_facts(registry, principal.jurisdiction, worker_id, month_end, as_service=as_service)
    principal.ensure_visible(facts.community_code, facts.worker_id, what_zh="社区工作者", what_en="worker")
    results = await final_results(assessment, facts.community_code, worker_id, as_service=as_service)
    # The scheme in force on the month's first day, as payroll runs price the month.
    resolved = await resolve_scheme(session, facts.community_code, month_start)
    grade = compute_grade(resolved.scheme, facts, results, month)
    return GradeOut(worker_id=facts.worker_id, month=month, scheme_id=resolved.version_id,
                    scheme_name=resolved.scheme.name, scheme_region_prefix=resolved.region_prefix,
                    scheme_effective_from=resolved.effective_from, post=grade.post, level=grade.level,
                    years=grade.years, yijiantiao=grade.yijiantiao,
                    steps=[GradeStepOut(**s.as_dict()) for s in grade.steps])
