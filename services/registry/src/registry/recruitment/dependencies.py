from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .service import RecruitmentService


async def get_recruitment_service(session: SessionDep) -> RecruitmentService:
    return RecruitmentService(session)


RecruitmentServiceDep = Annotated[RecruitmentService, Depends(get_recruitment_service)]
