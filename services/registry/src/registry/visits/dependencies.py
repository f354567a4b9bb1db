from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .service import VisitService


async def get_visit_service(session: SessionDep) -> VisitService:
    return VisitService(session)


VisitServiceDep = Annotated[VisitService, Depends(get_visit_service)]
