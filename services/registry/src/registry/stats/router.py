from typing import Annotated

from cwm_kit.dates import today_in_china
from cwm_kit.security import OfficerPrincipal
from fastapi import APIRouter, Header, Query, Request, Response

from .dependencies import poll_sessions
from .schemas import Statistics
from .service import Snapshots

router = APIRouter(prefix="/stats", tags=["statistics"])


@router.get("", response_model=Statistics, responses={304: {"description": "Not modified (ETag)"}},
            summary="Statistics for a jurisdiction, at most 60 s old (computed_at; ETag / If-None-Match → 304)")
async def statistics(request: Request, principal: OfficerPrincipal,
                     region: Annotated[str | None, Query(pattern=r"^(|\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$",
                                                         description="a region's code (2, 4, 6, 9 or 12 digits)")] = None,
                     if_none_match: Annotated[str | None, Header(alias="If-None-Match")] = None) -> Response:
    scope = principal.scope_prefix(region)  # jurisdiction first: a foreign scope is refused before any lookup
    snapshots: Snapshots = request.app.state.stats_snapshots
    on = today_in_china()
    # This process's copy while its version was looked up less than a second ago: no session, no database.
    snapshot = snapshots.held((principal.jurisdiction, scope), on)
    if snapshot is None:
        async with poll_sessions(request) as (read, write):
            snapshot = await snapshots.current(read, write, principal, scope, on)
    return snapshot.response(if_none_match)
