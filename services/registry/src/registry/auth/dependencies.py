from typing import Annotated

from fastapi import Depends, Request

from cwm_kit.db import SessionDep

from .repository import AuthRepository
from .service import AuthService


async def get_auth_service(request: Request, session: SessionDep) -> AuthService:
    return AuthService(AuthRepository(session), request.app.state.settings, request.app.state.signing_key)


AuthServiceDep = Annotated[AuthService, Depends(get_auth_service)]
