from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from cwm_kit.security import CurrentPrincipal

from .dependencies import RegionServiceDep
from .schemas import RegionOut, RegionUpdate, StarRatingIn

router = APIRouter(prefix="/regions", tags=["regions"])

CodePath = Annotated[str, Path(pattern=r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$", description="statistical division code")]


@router.get("", response_model=list[RegionOut], summary="Regions in a subtree of the jurisdiction")
async def list_regions(
    principal: CurrentPrincipal,
    service: RegionServiceDep,
    prefix: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
    level: Annotated[Literal["province", "city", "county", "township", "community"] | None, Query()] = None,
    parent: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None,
) -> list[RegionOut]:
    return await service.subtree(principal, prefix, level, parent)


@router.get("/{code}", response_model=RegionOut)
async def get_region(code: CodePath, principal: CurrentPrincipal, service: RegionServiceDep) -> RegionOut:
    return await service.get(principal, code)


@router.patch("/{code}", response_model=RegionOut, summary="Update a region's facts (audited)")
async def update_region(code: CodePath, body: RegionUpdate, principal: CurrentPrincipal,
                        service: RegionServiceDep) -> RegionOut:
    return await service.update(principal, code, body)


@router.put("/{code}/star-ratings/{year}", response_model=RegionOut, summary="Set a community's star rating")
async def set_star_rating(code: CodePath, year: Annotated[int, Path(ge=2000, le=2100)], body: StarRatingIn,
                          principal: CurrentPrincipal, service: RegionServiceDep) -> RegionOut:
    return await service.set_star(principal, code, year, body.stars)
