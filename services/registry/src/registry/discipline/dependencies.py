from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .service import DisciplineService


async def get_discipline_service(session: SessionDep) -> DisciplineService:
    return DisciplineService(session)


DisciplineServiceDep = Annotated[DisciplineService, Depends(get_discipline_service)]
