from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, status

from cwm_kit.security import CurrentPrincipal

from .dependencies import RegionServiceDep
from .schemas import RegionChangeOut, RegionCreate, RegionOut, RegionRetire, RegionUpdate, StarRatingIn

router = APIRouter(prefix="/regions", tags=["regions"])

CodePath = Annotated[str, Path(pattern=r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$", description="statistical division code")]


@router.get("", response_model=list[RegionOut], summary="Regions in a subtree of the jurisdiction")
async def list_regions(
    principal: CurrentPrincipal,
    service: RegionServiceDep,
    prefix: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
    level: Annotated[Literal["province", "city", "county", "township", "community"] | None, Query()] = None,
    parent: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None,
    include_retired: bool = False,
) -> list[RegionOut]:
    return await service.subtree(principal, prefix, level, parent, include_retired)


@router.post("", response_model=RegionOut, status_code=status.HTTP_201_CREATED,
             summary="Add a township or community inside the jurisdiction (county level and above; dated, audited)")
async def create_region(body: RegionCreate, principal: CurrentPrincipal, service: RegionServiceDep) -> RegionOut:
    return await service.create(principal, body)


@router.get("/{code}", response_model=RegionOut,
            summary="One region of the jurisdiction; a region above it (its province, city, county or township) "
                    "by name, level and parent only, its figures null; any other 404")
async def get_region(code: CodePath, principal: CurrentPrincipal, service: RegionServiceDep) -> RegionOut:
    return await service.get(principal, code)


@router.patch("/{code}", response_model=RegionOut, summary="Update a region's facts (audited)")
async def update_region(code: CodePath, body: RegionUpdate, principal: CurrentPrincipal,
                        service: RegionServiceDep) -> RegionOut:
    return await service.update(principal, code, body)


@router.post("/{code}/retirement", response_model=RegionOut,
             summary="Retire a township or community from a date (county level and above; audited)")
async def retire_region(code: CodePath, body: RegionRetire, principal: CurrentPrincipal,
                        service: RegionServiceDep) -> RegionOut:
    return await service.retire(principal, code, body)


@router.get("/{code}/history", response_model=list[RegionChangeOut],
            summary="The region's dated changes: added, renamed, changed, retired")
async def region_history(code: CodePath, principal: CurrentPrincipal,
                         service: RegionServiceDep) -> list[RegionChangeOut]:
    return await service.history(principal, code)


@router.put("/{code}/star-ratings/{year}", response_model=RegionOut, summary="Set a community's star rating")
async def set_star_rating(code: CodePath, year: Annotated[int, Path(ge=2000, le=2100)], body: StarRatingIn,
                          principal: CurrentPrincipal, service: RegionServiceDep) -> RegionOut:
    return await service.set_star(principal, code, year, body.stars)
