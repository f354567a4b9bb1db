import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from cwm_kit.dates import today_in_china
from cwm_kit.types import PlausibleDate
from cwm_kit.security import OfficerPrincipal, WriterPrincipal

from .dependencies import ReserveServiceDep
from .schemas import CandidateIn, CandidateOut, CandidateRemoval, PoolLine

router = APIRouter(prefix="/reserve", tags=["reserve pool"])


@router.get("/pools", response_model=list[PoolLine], summary="Secretary reserve pool per street vs the ratio")
async def pools(principal: OfficerPrincipal, service: ReserveServiceDep,
                region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                on: PlausibleDate | None = None) -> list[PoolLine]:
    return await service.pools(principal, region, on or today_in_china())


@router.get("/candidates", response_model=list[CandidateOut])
async def candidates(principal: OfficerPrincipal, service: ReserveServiceDep,
                     township: Annotated[str, Query(pattern=r"^\d{9}$")],
                     on: PlausibleDate | None = None) -> list[CandidateOut]:
    return await service.candidates(principal, township, on)


@router.post("/candidates", response_model=CandidateOut, status_code=201, summary="Add a candidate (audited)")
async def add_candidate(body: CandidateIn, principal: WriterPrincipal, service: ReserveServiceDep) -> CandidateOut:
    return await service.add(principal, body)


@router.post("/candidates/{candidate_id}/removal", response_model=CandidateOut, summary="Take a candidate out")
async def remove_candidate(candidate_id: uuid.UUID, body: CandidateRemoval, principal: WriterPrincipal,
                           service: ReserveServiceDep) -> CandidateOut:
    return await service.remove(principal, candidate_id, body)
