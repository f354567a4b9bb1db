import hashlib
from typing import Annotated

from cwm_kit import etags
from cwm_kit.security import OfficerPrincipal
from fastapi import APIRouter, Header, Query, Response

from assessment.clock import TodayDep

from .dependencies import ResultServiceDep
from .schemas import ResultFeed, Statistics

router = APIRouter(tags=["results"])
RegionQuery = Annotated[str | None, Query(pattern=r"^\d{2,12}$", description="region-code prefix")]


@router.get("/results", response_model=ResultFeed,
            summary="Final results after a cursor (corrections re-appear with a higher revision)")
async def result_feed(
    principal: OfficerPrincipal, service: ResultServiceDep,
    after: Annotated[str | None, Query(max_length=20)] = None,
    region: RegionQuery = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> ResultFeed:
    return await service.feed(principal, after, region, year, limit)


@router.get("/statistics", response_model=Statistics,
            summary="Distribution, excellent share vs quota and completion by county and township",
            responses={304: {"description": "Not modified (ETag)"}})
async def statistics(
    principal: OfficerPrincipal, service: ResultServiceDep, response: Response,
    year: Annotated[int, Query(ge=2000, le=2100)],
    today: TodayDep,
    region: RegionQuery = None,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Statistics | Response:
    body = await service.statistics(principal, region, year, today)
    etag = '"' + hashlib.sha256(body.model_dump_json().encode()).hexdigest()[:32] + '"'
    if etags.none_match(if_none_match, etag):
        return Response(status_code=304, headers={"ETag": etag})
    response.headers["ETag"] = etag
    return body
