import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from cwm_kit.types import PlausibleDate
from cwm_kit.security import OfficerPrincipal

from .dependencies import QuotaServiceDep
from .schemas import QuotaExceptionDecision, QuotaExceptionIn, QuotaExceptionOut, QuotaLine

router = APIRouter(tags=["quota"])
PrefixQuery = Annotated[str | None, Query(pattern=r"^\d{0,12}$", description="region-code prefix")]


@router.get("/quota", response_model=list[QuotaLine], summary="Allowed vs filled places per county / community")
async def quota_overview(principal: OfficerPrincipal, service: QuotaServiceDep, region: PrefixQuery = None,
                         on: PlausibleDate | None = None) -> list[QuotaLine]:
    return await service.overview(principal, region, on or date.today())


@router.get("/quota/exceptions", response_model=list[QuotaExceptionOut])
async def list_exceptions(principal: OfficerPrincipal, service: QuotaServiceDep,
                          region: PrefixQuery = None) -> list[QuotaExceptionOut]:
    return await service.exceptions(principal, region)


@router.post("/quota/exceptions", response_model=QuotaExceptionOut, status_code=201,
             summary="Request staffing above quota (county officers and above; pending until decided; audited)")
async def request_exception(body: QuotaExceptionIn, principal: OfficerPrincipal,
                            service: QuotaServiceDep) -> QuotaExceptionOut:
    return await service.request_exception(principal, body)


@router.post("/quota/exceptions/{exception_id}/decision", response_model=QuotaExceptionOut,
             summary="Approve or reject a pending exception (the level the quota.approval rule names; not the "
                     "requester; audited)")
async def decide_exception(exception_id: uuid.UUID, body: QuotaExceptionDecision, principal: OfficerPrincipal,
                           service: QuotaServiceDep) -> QuotaExceptionOut:
    return await service.decide_exception(principal, exception_id, body)
