from typing import Annotated

from fastapi import APIRouter, Path, Query

from cwm_kit.security import CurrentPrincipal

from .dependencies import PostServiceDep
from .schemas import PostIn, PostOut, PostUpdate

router = APIRouter(prefix="/posts", tags=["posts"])


@router.get("", response_model=list[PostOut],
            summary="The post catalogue (POLICY.md §4); with `region`, the one that applies there")
async def list_posts(principal: CurrentPrincipal, service: PostServiceDep,
                     region: Annotated[str | None, Query(pattern=r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$")] = None
                     ) -> list[PostOut]:
    return await service.catalogue(principal, region)


@router.post("", response_model=PostOut, status_code=201,
             summary="Add a post to a catalogue (a more specific prefix makes a new catalogue for that region)")
async def add_post(body: PostIn, principal: CurrentPrincipal, service: PostServiceDep) -> PostOut:
    return await service.add(principal, body)


@router.patch("/{code}", response_model=PostOut, summary="Change a post's labels, kind or contract term (audited)")
async def update_post(code: Annotated[str, Path(max_length=32)], body: PostUpdate, principal: CurrentPrincipal,
                      service: PostServiceDep) -> PostOut:
    return await service.update(principal, code, body)
