from datetime import date
from typing import Annotated

from cwm_kit import etags
from cwm_kit.db import SessionDep
from cwm_kit.security import OfficerPrincipal
from fastapi import APIRouter, Header, Query, Response

from .schemas import Statistics
from .service import StatsService

router = APIRouter(prefix="/stats", tags=["statistics"])


@router.get("", response_model=Statistics, responses={304: {"description": "Not modified (ETag)"}},
            summary="Statistics for a jurisdiction (ETag / If-None-Match → 304)")
async def statistics(response: Response, principal: OfficerPrincipal, session: SessionDep,
                     region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                     if_none_match: Annotated[str | None, Header(alias="If-None-Match")] = None):
    scope = principal.scope_prefix(region)
    service = StatsService(session)
    on = date.today()
    etag = await service.etag(principal, scope, on)
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if etags.none_match(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    response.headers.update(headers)
    return await service.statistics(principal, scope, on, etag)
