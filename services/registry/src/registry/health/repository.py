from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Integer, Select, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.worker_records import counted_page, per_worker_against_rule, visible

from .models import HealthCheck

CHECK_RULE = "health.check"


def yearly_statement(principal: Principal, scope: str, year: int) -> Select:
    """Workers in post during `year` in communities under a `health.check` rule, with their checks that year
    against the rule's number."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    counts = (select(HealthCheck.worker_id, func.count().label("checks"))
              .where(HealthCheck.checked_on.between(first, last)).group_by(HealthCheck.worker_id).subquery())
    return per_worker_against_rule(principal, scope, CHECK_RULE, last, counts, lambda params: [
        func.coalesce(counts.c.checks, 0).label("checks"),
        cast(params.op("->>")("checks_per_year"), Integer).label("required")])


class HealthRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def missing(self, principal: Principal, scope: str, year: int, limit: int,
                      offset: int) -> tuple[int, int, list[dict[str, Any]]]:
        """(workers under the rule in scope, those with fewer checks in `year` than it asks, one page of those)."""
        rows = yearly_statement(principal, scope, year).subquery()
        return await counted_page(self.session, rows, rows.c.checks < rows.c.required, True,
                                  (rows.c.community_code, rows.c.name, rows.c.worker_id), limit, offset)

    async def listed(self, principal: Principal, scope: str, worker_id: uuid.UUID | None) -> list[HealthCheck]:
        statement = visible(principal, HealthCheck, scope, worker_id).order_by(HealthCheck.checked_on.desc())
        return list((await self.session.scalars(statement)).all())
