from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .repository import ResultRepository
from .service import ResultService


async def get_result_service(session: SessionDep) -> ResultService:
    return ResultService(ResultRepository(session))


ResultServiceDep = Annotated[ResultService, Depends(get_result_service)]
