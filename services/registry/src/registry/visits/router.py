from typing import Annotated

from fastapi import APIRouter, Query

from cwm_kit.dates import today_in_china
from cwm_kit.pagination import PageDep
from cwm_kit.security import OfficerPrincipal, WriterPrincipal

from .dependencies import VisitServiceDep
from .schemas import VisitBatchIn, VisitBatchOut, VisitReport

router = APIRouter(prefix="/visits", tags=["visits"])


@router.post("", response_model=VisitBatchOut, status_code=201, summary="Record household visits (bulk; audited)")
async def record_visits(body: VisitBatchIn, principal: WriterPrincipal, service: VisitServiceDep) -> VisitBatchOut:
    return await service.record(principal, body)


@router.get("/monthly", response_model=VisitReport, summary="Visits per worker for a month, listing shortfalls")
async def monthly(principal: OfficerPrincipal, service: VisitServiceDep, page: PageDep,
                  region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                  month: Annotated[str | None, Query(pattern=r"^(19|2\d)\d{2}-(0[1-9]|1[0-2])$")] = None,
                  only_shortfalls: bool = True) -> VisitReport:
    return await service.report(principal, region, month or today_in_china().strftime("%Y-%m"), only_shortfalls, page)
