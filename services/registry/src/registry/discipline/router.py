import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from cwm_kit.security import OfficerPrincipal, WriterPrincipal

from .dependencies import DisciplineServiceDep
from .schemas import DisciplineIn, DisciplineOut

router = APIRouter(prefix="/discipline-records", tags=["discipline"])


@router.post("", response_model=DisciplineOut, status_code=201,
             summary="Record a discipline or criminal record of a worker (audited; may raise the exit flag)")
async def record_discipline(body: DisciplineIn, principal: WriterPrincipal,
                            service: DisciplineServiceDep) -> DisciplineOut:
    return await service.create(principal, body)


@router.get("", response_model=list[DisciplineOut], summary="Discipline and criminal records in the jurisdiction")
async def list_discipline(principal: OfficerPrincipal, service: DisciplineServiceDep,
                          region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                          worker_id: uuid.UUID | None = None) -> list[DisciplineOut]:
    return await service.list(principal, region, worker_id)
