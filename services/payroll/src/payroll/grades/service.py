from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.dates import today_in_china
from cwm_kit.http import ServiceClient
from cwm_kit.problems import not_found
from cwm_kit.security import Principal

from payroll.calendar import parse_month
from payroll.inputs.schemas import AssessmentResult, WorkerFacts
from payroll.policy.service import resolve_scheme
from payroll.upstream import one_worker_facts, one_worker_results

from . import projection
from .engine import compute_grade
from .schemas import GradeOut, GradeStepOut


def current_month() -> str:
    return today_in_china().strftime("%Y-%m")


async def my_grade(session: AsyncSession, principal: Principal, registry: ServiceClient, assessment: ServiceClient,
                   month: str, max_age_seconds: float,
                   inputs_read: Callable[[datetime], None] | None = None) -> GradeOut:
    """A worker's own grade from payroll's projection (ADR 0005); the live feeds only when the row is missing
    or stale — they then fill the row of every worker of the community. The same `compute_grade` either way.
    `inputs_read` is told when the inputs were read from the feeds (the row's age bounds a stored answer's)."""
    worker_id = principal.worker_id or ""
    _, month_end = parse_month(month)
    stored = await projection.read(session, worker_id, month, max_age_seconds)
    if stored is None:
        if inputs_read:
            inputs_read(datetime.now(timezone.utc))
        # As the live path reads it: the worker's own scope, with payroll's service token.
        facts_lines, result_items = await projection.community_inputs(registry, assessment, principal.jurisdiction,
                                                                      month_end)
        await projection.store(session, month, facts_lines, result_items)
        line = next((f for f in facts_lines if str(f.get("worker_id")) == worker_id), None)
        if line is None:
            raise not_found("社区工作者", "worker")
        facts = WorkerFacts.model_validate(line)
        results = [AssessmentResult.model_validate(r) for r in result_items if str(r.get("worker_id")) == worker_id
                   and (not r.get("community_code") or str(r["community_code"]).startswith(facts.community_code))]
    else:
        facts, results, refreshed_at = stored
        if inputs_read:
            inputs_read(refreshed_at)
    # A row stored from a wider scope is still only this token's if its community is inside the token's scope.
    if not principal.covers(facts.community_code):
        raise not_found("社区工作者", "worker")
    return await _priced(session, principal, facts, results, month)


async def grade_for(session: AsyncSession, principal: Principal, registry: ServiceClient,
                    assessment: ServiceClient, worker_id: str, month: str) -> GradeOut:
    month_start, month_end = parse_month(month)
    # Officers: their own token and jurisdiction. Workers: payroll's service token, narrowed to the worker's
    # own scope and to the worker_id of their token (the registry feeds are officers-only).
    as_service = principal.is_worker
    facts = await one_worker_facts(registry, principal.jurisdiction, worker_id, month_end, as_service=as_service)
    principal.ensure_visible(facts.community_code, facts.worker_id, what_zh="社区工作者", what_en="worker")
    results = await one_worker_results(assessment, facts.community_code, worker_id, as_service=as_service)
    return await _priced(session, principal, facts, results, month)


async def _priced(session: AsyncSession, principal: Principal, facts: WorkerFacts, results: list[AssessmentResult],
                  month: str) -> GradeOut:
    principal.ensure_visible(facts.community_code, facts.worker_id, what_zh="社区工作者", what_en="worker")
    month_start, _ = parse_month(month)
    # The scheme in force on the month's first day, as payroll runs price the month.
    resolved = await resolve_scheme(session, facts.community_code, month_start)
    grade = compute_grade(resolved.scheme, facts, results, month)
    return GradeOut(worker_id=facts.worker_id, month=month, scheme_id=resolved.version_id,
                    scheme_name=resolved.scheme.name, scheme_region_prefix=resolved.region_prefix,
                    scheme_effective_from=resolved.effective_from, post=grade.post, level=grade.level,
                    years=grade.years, yijiantiao=grade.yijiantiao,
                    steps=[GradeStepOut(**s.as_dict()) for s in grade.steps])
