import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from cwm_kit.types import PlausibleDate
from cwm_kit.security import OfficerPrincipal, WriterPrincipal

from .dependencies import SecondmentServiceDep
from .schemas import SecondmentEnd, SecondmentIn, SecondmentOut

router = APIRouter(prefix="/secondments", tags=["secondments"])


@router.post("", response_model=SecondmentOut, status_code=201,
             summary="Second a worker (refused outside the limits, naming the rule; audited)")
async def create_secondment(body: SecondmentIn, principal: WriterPrincipal,
                            service: SecondmentServiceDep) -> SecondmentOut:
    return await service.create(principal, body)


@router.get("", response_model=list[SecondmentOut])
async def list_secondments(principal: OfficerPrincipal, service: SecondmentServiceDep,
                           region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                           active_on: PlausibleDate | None = None) -> list[SecondmentOut]:
    return await service.list(principal, region, active_on)


@router.post("/{secondment_id}/end", response_model=SecondmentOut,
             summary="Record the worker's return (ends the secondment; a seconded worker is active again)")
async def end_secondment(secondment_id: uuid.UUID, body: SecondmentEnd, principal: WriterPrincipal,
                         service: SecondmentServiceDep) -> SecondmentOut:
    return await service.end(principal, secondment_id, body.on)
