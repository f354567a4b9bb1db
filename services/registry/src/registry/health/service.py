"""Yearly health checks (NX 四 加强关心关爱 「每年组织1次体检」, the `health.check` rule; CENTRAL §14 sets no number):
recorded per worker; the yearly report lists who has fewer checks than the rule asks for that year."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.pagination import PageParams
from cwm_kit.security import Principal

from registry.worker_records import named, record_for_worker

from .models import HealthCheck
from .repository import HealthRepository
from .schemas import HealthCheckIn, HealthCheckOut, HealthCheckReport, MissingCheck


class HealthService:
    def __init__(self, session: AsyncSession):
        self.session = session
        self.repository = HealthRepository(session)

    async def create(self, principal: Principal, body: HealthCheckIn) -> HealthCheck:
        return await record_for_worker(self.session, principal, HealthCheck, body, "health_check.record")

    async def list(self, principal: Principal, prefix: str | None, worker_id: uuid.UUID | None) -> list[HealthCheckOut]:
        return await named(self.session, await self.repository.checks(principal, principal.scope_prefix(prefix),
                                                                      worker_id), HealthCheckOut)

    async def missing(self, principal: Principal, prefix: str | None, year: int, page: PageParams) -> HealthCheckReport:
        workers, missing, lines = await self.repository.missing(principal, principal.scope_prefix(prefix), year,
                                                                page.size, page.offset)
        return HealthCheckReport(year=year, workers=workers, missing=missing,
                                 items=[MissingCheck.model_validate(line) for line in lines],
                                 total=missing, page=page.page, size=page.size)
