from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .service import ReserveService


async def get_reserve_service(session: SessionDep) -> ReserveService:
    return ReserveService(session)


ReserveServiceDep = Annotated[ReserveService, Depends(get_reserve_service)]
