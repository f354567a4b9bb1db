from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .service import LeaveService


async def get_leave_service(session: SessionDep) -> LeaveService:
    return LeaveService(session)


LeaveServiceDep = Annotated[LeaveService, Depends(get_leave_service)]
