from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .repository import RegionRepository
from .service import RegionService


async def get_region_service(session: SessionDep) -> RegionService:
    return RegionService(RegionRepository(session))


RegionServiceDep = Annotated[RegionService, Depends(get_region_service)]
