import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from cwm_kit.dates import today_in_china
from cwm_kit.types import PlausibleDate
from cwm_kit.security import OfficerPrincipal

from .dependencies import QuotaServiceDep
from .schemas import (CommunityNumberFiling, CommunityNumberIn, CommunityNumberOut, QuotaExceptionDecision,
                      QuotaExceptionIn, QuotaExceptionOut, QuotaLine)

router = APIRouter(tags=["quota"])
PrefixQuery = Annotated[str | None, Query(pattern=r"^\d{0,12}$", description="region-code prefix")]


@router.get("/quota", response_model=list[QuotaLine], summary="Allowed vs filled places per county / community")
async def quota_overview(principal: OfficerPrincipal, service: QuotaServiceDep, region: PrefixQuery = None,
                         on: PlausibleDate | None = None) -> list[QuotaLine]:
    return await service.overview(principal, region, on or today_in_china())


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


@router.get("/quota/community-numbers", response_model=list[CommunityNumberOut],
            summary="Communities' numbers of workers: proposed, decided, filed (IM art.6)")
async def list_community_numbers(principal: OfficerPrincipal, service: QuotaServiceDep,
                                 region: PrefixQuery = None) -> list[CommunityNumberOut]:
    return await service.numbers(principal, region)


@router.post("/quota/community-numbers", response_model=CommunityNumberOut, status_code=201,
             summary="Propose a community's number of workers (county officers and above; pending until decided; "
                     "audited)")
async def propose_community_number(body: CommunityNumberIn, principal: OfficerPrincipal,
                                   service: QuotaServiceDep) -> CommunityNumberOut:
    return await service.propose_number(principal, body)


@router.post("/quota/community-numbers/{number_id}/decision", response_model=CommunityNumberOut,
             summary="Approve or reject a proposed number (the level the quota.approval rule names; not the "
                     "proposer; audited)")
async def decide_community_number(number_id: uuid.UUID, body: QuotaExceptionDecision, principal: OfficerPrincipal,
                                  service: QuotaServiceDep) -> CommunityNumberOut:
    return await service.decide_number(principal, number_id, body)


@router.post("/quota/community-numbers/{number_id}/filing", response_model=CommunityNumberOut,
             summary="Record that an approved number was filed (备案) with the level above (audited)")
async def file_community_number(number_id: uuid.UUID, body: CommunityNumberFiling, principal: OfficerPrincipal,
                                service: QuotaServiceDep) -> CommunityNumberOut:
    return await service.file_number(principal, number_id, body)
