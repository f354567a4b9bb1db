from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep
from cwm_kit.security import OfficerPrincipal

from payroll.oneoff.service import ItemService


def officer_items(session: SessionDep, principal: OfficerPrincipal) -> ItemService:
    return ItemService(session, principal)


OfficerItemsDep = Annotated[ItemService, Depends(officer_items)]
