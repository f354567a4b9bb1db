from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .service import SecondmentService


async def get_secondment_service(session: SessionDep) -> SecondmentService:
    return SecondmentService(session)


SecondmentServiceDep = Annotated[SecondmentService, Depends(get_secondment_service)]
