from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from cwm_kit.security import CurrentPrincipal

from .dependencies import CycleServiceDep
from .schemas import AssesseesAdded, AssesseesIn, CycleIn, CycleOut

router = APIRouter(prefix="/cycles", tags=["cycles"])


@router.get("", response_model=list[CycleOut], summary="Assessment cycles visible to the caller")
async def list_cycles(principal: CurrentPrincipal, service: CycleServiceDep,
                      year: Annotated[int | None, Query(ge=2000, le=2100)] = None) -> list[CycleOut]:
    return await service.list(principal, year)


@router.post("", response_model=CycleOut, status_code=201,
             summary="Open a county's cycle for a year with its guidance plan (county officer)")
async def open_cycle(body: CycleIn, principal: CurrentPrincipal, service: CycleServiceDep) -> CycleOut:
    return await service.open(principal, body)


@router.get("/{cycle_id}", response_model=CycleOut)
async def get_cycle(cycle_id: UUID, principal: CurrentPrincipal, service: CycleServiceDep) -> CycleOut:
    return CycleOut.model_validate(await service.visible_cycle(principal, cycle_id))


@router.post("/{cycle_id}/assessees", response_model=AssesseesAdded,
             summary="List workers to assess explicitly (snapshot given by the caller)")
async def add_assessees(cycle_id: UUID, body: AssesseesIn, principal: CurrentPrincipal,
                        service: CycleServiceDep) -> AssesseesAdded:
    return await service.add_assessees(principal, cycle_id, body)


@router.post("/{cycle_id}/assessees/import", response_model=AssesseesAdded,
             summary="Snapshot the assessed population from the registry's worker facts")
async def import_assessees(cycle_id: UUID, principal: CurrentPrincipal, service: CycleServiceDep) -> AssesseesAdded:
    return await service.import_from_registry(principal, cycle_id)
