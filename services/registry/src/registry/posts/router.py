from typing import Annotated

from fastapi import APIRouter, Query

from cwm_kit.security import CurrentPrincipal

from .dependencies import PostServiceDep
from .schemas import PostOut

router = APIRouter(prefix="/posts", tags=["posts"])


@router.get("", response_model=list[PostOut],
            summary="The post catalogue (POLICY.md §4); with `region`, the one that applies there")
async def list_posts(principal: CurrentPrincipal, service: PostServiceDep,
                     region: Annotated[str | None, Query(pattern=r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$")] = None
                     ) -> list[PostOut]:
    return await service.catalogue(principal, region)
