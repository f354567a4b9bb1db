from datetime import date
from typing import Annotated

from cwm_kit import etags
from cwm_kit.db import SessionDep
from cwm_kit.security import OfficerPrincipal
from fastapi import APIRouter, Header, Query, Response

from .dependencies import SnapshotsDep, StatsReadSessionDep
from .schemas import Statistics

router = APIRouter(prefix="/stats", tags=["statistics"])


@router.get("", response_model=Statistics, responses={304: {"description": "Not modified (ETag)"}},
            summary="Statistics for a jurisdiction, at most 60 s old (computed_at; ETag / If-None-Match → 304)")
async def statistics(principal: OfficerPrincipal, session: SessionDep, read: StatsReadSessionDep,
                     snapshots: SnapshotsDep, region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                     if_none_match: Annotated[str | None, Header(alias="If-None-Match")] = None):
    scope = principal.scope_prefix(region)  # jurisdiction first: a foreign scope is refused before any lookup
    snapshot = await snapshots.current(read, session, principal, scope, date.today())
    # computed_at (in the body) is when the figures were computed; this, when they were last found current.
    headers = {"ETag": snapshot.etag, "Cache-Control": "private, no-cache",
               "X-Stats-Checked-At": snapshot.checked_at.isoformat()}
    if etags.none_match(if_none_match, snapshot.etag):
        return Response(status_code=304, headers=headers)
    return Response(snapshot.body, media_type="application/json", headers=headers)
