"""Household visits (POLICY.md §7: SS ≥ 30 a month per worker; the minimum is the `visits.minimum` rule)."""

from __future__ import annotations

import calendar
from datetime import date

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.pagination import PageParams
from cwm_kit.problems import not_found
from cwm_kit.security import Principal

from registry.models import audit_log

from .models import HouseholdVisit
from .repository import VisitRepository, monthly_statement
from .schemas import VisitBatchIn, VisitBatchOut, VisitReport, VisitShortfall


class VisitService:
    def __init__(self, session: AsyncSession):
        self.session = session
        self.repository = VisitRepository(session)

    async def record(self, principal: Principal, body: VisitBatchIn) -> VisitBatchOut:
        principal.ensure_can_write()
        ids = {v.worker_id for v in body.visits}
        if await self.repository.writable_worker_ids(principal, ids) != ids:
            raise not_found("社区工作者", "worker")
        rows = [v.model_dump() for v in body.visits]
        await self.session.execute(insert(HouseholdVisit), rows)
        await audit.record(self.session, audit_log, principal, action="visits.record", entity="household_visit",
                           entity_id=f"batch:{len(rows)}", region_code=principal.jurisdiction, after=rows)
        return VisitBatchOut(recorded=len(rows))

    async def report(self, principal: Principal, prefix: str | None, month: str, only_shortfalls: bool,
                     page: PageParams) -> VisitReport:
        scope = principal.scope_prefix(prefix)
        year, month_number = int(month[:4]), int(month[5:7])
        first = date(year, month_number, 1)
        last = date(year, month_number, calendar.monthrange(year, month_number)[1])
        rows = monthly_statement(principal, scope, first, last).subquery()
        workers, short = (await self.session.execute(
            select(func.count(), func.count().filter(rows.c.shortfall > 0)).select_from(rows))).one()
        listing = select(rows)
        if only_shortfalls:
            listing = listing.where(rows.c.shortfall > 0)
        result = await self.session.execute(listing.order_by(rows.c.community_code, rows.c.name, rows.c.worker_id)
                                            .limit(page.size).offset(page.offset))
        return VisitReport(month=month, workers=workers, with_shortfall=short,
                           items=[VisitShortfall.model_validate(dict(r._mapping)) for r in result],
                           total=short if only_shortfalls else workers, page=page.page, size=page.size)
