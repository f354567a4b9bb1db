import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from cwm_kit.security import OfficerPrincipal, WriterPrincipal

from .dependencies import FilingServiceDep
from .schemas import FilingIn, FilingOut

router = APIRouter(prefix="/secretary-filings", tags=["secretary filings"])


@router.post("", response_model=FilingOut, status_code=201,
             summary="Record a party secretary's filing with the organisation department (audited)")
async def record_filing(body: FilingIn, principal: WriterPrincipal, service: FilingServiceDep) -> FilingOut:
    return await service.create(principal, body)


@router.get("", response_model=list[FilingOut], summary="Secretaries' filings in the jurisdiction")
async def list_filings(principal: OfficerPrincipal, service: FilingServiceDep,
                       region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                       worker_id: uuid.UUID | None = None) -> list[FilingOut]:
    return await service.list(principal, region, worker_id)
