from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .repository import PolicyRepository
from .service import PolicyService


async def get_policy_service(session: SessionDep) -> PolicyService:
    return PolicyService(PolicyRepository(session))


PolicyServiceDep = Annotated[PolicyService, Depends(get_policy_service)]
