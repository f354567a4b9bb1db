from typing import Annotated

from fastapi import Depends, Request

from cwm_kit.db import SessionDep

from assessment.upstream import registry_client

from .repository import CycleRepository
from .service import CycleService


async def get_cycle_service(session: SessionDep, request: Request) -> CycleService:
    return CycleService(CycleRepository(session), registry_client(request))


CycleServiceDep = Annotated[CycleService, Depends(get_cycle_service)]
