from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .service import HealthService


async def get_health_service(session: SessionDep) -> HealthService:
    return HealthService(session)


HealthServiceDep = Annotated[HealthService, Depends(get_health_service)]
