"""Household visits (POLICY.md §7: SS ≥ 30 a month per worker; the minimum is the `visits.minimum` rule)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.dates import month_bounds, today_in_china
from cwm_kit.pagination import PageParams
from cwm_kit.problems import not_found
from cwm_kit.security import Principal

from registry.models import audit_log
from registry.worker_records import date_fault, refuse_date_faults

from .repository import VisitRepository
from .schemas import VisitBatchIn, VisitBatchOut, VisitReport, VisitShortfall


class VisitService:
    def __init__(self, session: AsyncSession):
        self.session = session
        self.repository = VisitRepository(session)

    async def record(self, principal: Principal, body: VisitBatchIn) -> VisitBatchOut:
        principal.ensure_can_write()
        ids = {v.worker_id for v in body.visits}
        first_days = await self.repository.writable_first_days(principal, ids)
        if first_days.keys() != ids:
            raise not_found("社区工作者", "worker")
        # A visit is recorded once made, by a worker at work: each row dated otherwise is named.
        today = today_in_china()
        refuse_date_faults(date_fault(f"visits.{index}.visit_date", visit.visit_date, "走访日期", "the visit date",
                                      today=today, first_day=first_days[visit.worker_id])
                           for index, visit in enumerate(body.visits))
        rows = [v.model_dump() for v in body.visits]
        await self.repository.add_visits(rows)
        await audit.record(self.session, audit_log, principal, action="visits.record", entity="household_visit",
                           entity_id=f"batch:{len(rows)}", region_code=principal.jurisdiction, after=rows)
        return VisitBatchOut(recorded=len(rows))

    async def report(self, principal: Principal, prefix: str | None, month: str, only_shortfalls: bool,
                     page: PageParams) -> VisitReport:
        scope = principal.scope_prefix(prefix)
        first, last = month_bounds(month)
        workers, short, lines = await self.repository.report(principal, scope, first, last, only_shortfalls,
                                                             page.size, page.offset)
        return VisitReport(region=scope, month=month, workers=workers, with_shortfall=short,
                           items=[VisitShortfall.model_validate(line) for line in lines],
                           total=short if only_shortfalls else workers, page=page.page, size=page.size)
