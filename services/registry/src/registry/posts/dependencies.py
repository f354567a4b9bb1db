from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .service import PostService


async def get_post_service(session: SessionDep) -> PostService:
    return PostService.for_session(session)


PostServiceDep = Annotated[PostService, Depends(get_post_service)]
