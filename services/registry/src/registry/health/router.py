import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from cwm_kit.dates import today_in_china
from cwm_kit.pagination import PageDep
from cwm_kit.security import OfficerPrincipal, WriterPrincipal

from .dependencies import HealthServiceDep
from .schemas import HealthCheckIn, HealthCheckOut, HealthCheckReport

router = APIRouter(prefix="/health-checks", tags=["health checks"])


@router.post("", response_model=HealthCheckOut, status_code=201, summary="Record a worker's health check (audited)")
async def record_check(body: HealthCheckIn, principal: WriterPrincipal, service: HealthServiceDep) -> HealthCheckOut:
    return await service.create(principal, body)


@router.get("", response_model=list[HealthCheckOut], summary="Health checks in the jurisdiction")
async def list_checks(principal: OfficerPrincipal, service: HealthServiceDep,
                      region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                      worker_id: uuid.UUID | None = None) -> list[HealthCheckOut]:
    return await service.list(principal, region, worker_id)


@router.get("/missing", response_model=HealthCheckReport,
            summary="Workers without the year's health check the rule asks for")
async def missing_checks(principal: OfficerPrincipal, service: HealthServiceDep, page: PageDep,
                         region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                         year: Annotated[int | None, Query(ge=1990, le=2100)] = None) -> HealthCheckReport:
    return await service.missing(principal, region, year or today_in_china().year, page)
