from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .service import QuotaService


async def get_quota_service(session: SessionDep) -> QuotaService:
    return QuotaService(session)


QuotaServiceDep = Annotated[QuotaService, Depends(get_quota_service)]
