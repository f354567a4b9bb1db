from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Integer, Select, and_, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.quota.repository import IN_POST_STATUSES
from registry.rules import service as rules
from registry.worker_records import visible
from registry.workers.models import Worker

from .models import HealthCheck

CHECK_RULE = "health.check"


def yearly_statement(principal: Principal, scope: str, year: int) -> Select:
    """Workers in post during `year` in communities under a `health.check` rule, with their checks that year
    against the rule's number."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    in_scope = and_(Worker.community_code.startswith(scope, autoescape=True),
                    principal.region_filter(Worker.community_code), Worker.status.in_(IN_POST_STATUSES),
                    Worker.hired_on <= last)
    communities = select(Worker.community_code).where(in_scope).distinct()
    resolved = rules.resolved_per_region(CHECK_RULE, communities, last).subquery()
    counts = (select(HealthCheck.worker_id, func.count().label("checks"))
              .where(HealthCheck.checked_on.between(first, last)).group_by(HealthCheck.worker_id).subquery())
    return (select(Worker.id.label("worker_id"), Worker.name, Worker.community_code,
                   func.coalesce(counts.c.checks, 0).label("checks"),
                   cast(resolved.c.params.op("->>")("checks_per_year"), Integer).label("required"))
            .join(resolved, resolved.c.region_code == Worker.community_code)
            .outerjoin(counts, counts.c.worker_id == Worker.id)
            .where(in_scope))


class HealthRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def checks(self, principal: Principal, scope: str, worker_id: uuid.UUID | None) -> list[HealthCheck]:
        statement = visible(principal, HealthCheck, scope, worker_id).order_by(HealthCheck.checked_on.desc())
        return list((await self.session.scalars(statement)).all())
