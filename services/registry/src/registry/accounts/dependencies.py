from typing import Annotated

from fastapi import Depends, Request

from cwm_kit.db import SessionDep

from .repository import AccountRepository
from .service import AccountService


async def get_account_service(request: Request, session: SessionDep) -> AccountService:
    return AccountService(AccountRepository(session), request.app.state.settings)


AccountServiceDep = Annotated[AccountService, Depends(get_account_service)]
