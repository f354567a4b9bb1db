from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Integer, Select, cast, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.worker_records import counted_page, first_days_at_work, per_worker_against_rule
from registry.workers.models import Worker

from .models import HouseholdVisit

MINIMUM_RULE = "visits.minimum"


def monthly_statement(principal: Principal, scope: str, first: date, last: date) -> Select:
    """Distinct households visited per worker in post for the month against the applying minimum (workers with
    no visits count as 0); only communities under a `visits.minimum` rule appear."""
    # SS 「每人每月走访联系服务居民不少于30户」 counts households, not visits: the same household twice is one.
    counts = (select(HouseholdVisit.worker_id, func.count(func.distinct(HouseholdVisit.household)).label("visits"))
              .where(HouseholdVisit.visit_date.between(first, last)).group_by(HouseholdVisit.worker_id).subquery())
    visits = func.coalesce(counts.c.visits, 0)

    def columns(params):
        required = cast(params.op("->>")("households_per_month"), Integer)
        return [visits.label("visits"), required.label("required"),
                func.greatest(required - visits, 0).label("shortfall")]
    return per_worker_against_rule(principal, scope, MINIMUM_RULE, last, counts, columns)


class VisitRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def report(self, principal: Principal, scope: str, first: date, last: date, only_shortfalls: bool,
                     limit: int, offset: int) -> tuple[int, int, list[dict[str, Any]]]:
        """(workers under the rule in scope, those short of it that month, one page of them — only the short if
        asked — by community, name and id)."""
        rows = monthly_statement(principal, scope, first, last).subquery()
        return await counted_page(self.session, rows, rows.c.shortfall > 0, only_shortfalls,
                                  (rows.c.community_code, rows.c.name, rows.c.worker_id), limit, offset)

    async def add_visits(self, rows: list[dict[str, Any]]) -> None:
        await self.session.execute(insert(HouseholdVisit), rows)

    async def writable_first_days(self, principal: Principal, ids: set[uuid.UUID]) -> dict[uuid.UUID, date]:
        """The first day at work of each worker of `ids` the caller may record visits of."""
        return await first_days_at_work(self.session, ids, principal.region_filter(Worker.community_code))
