"""Yearly health checks (NX 四 加强关心关爱 「每年组织1次体检」, the `health.check` rule; CENTRAL §14 sets no number):
recorded per worker; the yearly report lists who has fewer checks than the rule asks for that year."""

from __future__ import annotations

from cwm_kit.pagination import PageParams
from cwm_kit.security import Principal

from registry.worker_records import RecordService

from .models import HealthCheck
from .repository import HealthRepository
from .schemas import HealthCheckOut, HealthCheckReport, MissingCheck


class HealthService(RecordService):
    model, out, action, repository_class = HealthCheck, HealthCheckOut, "health_check.record", HealthRepository
    # A check before the hire date is kept: the pre-employment medical (体检, the fifth recruitment step, POLICY.md §3).
    date_field, date_what = "checked_on", ("体检日期", "the check date")
    repository: HealthRepository

    async def missing(self, principal: Principal, prefix: str | None, year: int, page: PageParams) -> HealthCheckReport:
        scope = principal.scope_prefix(prefix)
        workers, missing, lines = await self.repository.missing(principal, scope, year, page.size, page.offset)
        return HealthCheckReport(region=scope, year=year, workers=workers, missing=missing,
                                 items=[MissingCheck.model_validate(line) for line in lines],
                                 total=missing, page=page.page, size=page.size)
