"""Household visits (POLICY.md §7: SS ≥ 30 a month per worker; the minimum is the `visits.minimum` rule)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.dates import month_bounds, today_in_china
from cwm_kit.errors import FieldError
from cwm_kit.pagination import PageParams
from cwm_kit.problems import Problem, not_found
from cwm_kit.security import Principal

from registry.models import audit_log

from .repository import VisitRepository
from .schemas import VisitBatchIn, VisitBatchOut, VisitIn, VisitReport, VisitShortfall

LISTED_ERRORS = 50  # rows named in one refusal; a batch holds up to 20,000


def refuse_future_visits(visits: list[VisitIn]) -> None:
    """A visit is recorded once made: a date after today (China time) is refused, naming each such row."""
    today = today_in_china()
    late = [index for index, visit in enumerate(visits) if visit.visit_date > today]
    if not late:
        return
    zh, en = f"走访日期不能晚于今天（{today}）", f"the visit date cannot be after today ({today})"
    first = f"visits.{late[0]}.visit_date"
    raise Problem(422, "validation_failed", f"{first}: {zh}（共 {len(late)} 行）",
                  f"{first}: {en} ({len(late)} rows)",
                  errors=[FieldError(f"visits.{index}.visit_date", "date_in_future", zh, en)
                          for index in late[:LISTED_ERRORS]])


class VisitService:
    def __init__(self, session: AsyncSession):
        self.session = session
        self.repository = VisitRepository(session)

    async def record(self, principal: Principal, body: VisitBatchIn) -> VisitBatchOut:
        principal.ensure_can_write()
        refuse_future_visits(body.visits)
        ids = {v.worker_id for v in body.visits}
        if await self.repository.writable_worker_ids(principal, ids) != ids:
            raise not_found("社区工作者", "worker")
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
        return VisitReport(month=month, workers=workers, with_shortfall=short,
                           items=[VisitShortfall.model_validate(line) for line in lines],
                           total=short if only_shortfalls else workers, page=page.page, size=page.size)
