from typing import Annotated

from fastapi import APIRouter, Query

from cwm_kit.db import SessionDep
from cwm_kit.security import CurrentPrincipal

from .repository import ChangeRepository
from .schemas import ChangeOut, ChangePage

router = APIRouter(prefix="/changes", tags=["changes"])


@router.get("", response_model=ChangePage,
            summary="Every write to the registry, in order, from a cursor (the audit log id); no before/after")
async def changes(
    principal: CurrentPrincipal,
    session: SessionDep,
    after: Annotated[int, Query(ge=0, description="cursor of the last item already seen (0 = from the start)")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> ChangePage:
    # Officers see rows of their region prefix, workers rows about themselves, service tokens everything.
    # Only settled rows are served (see ChangeRepository.horizon), so advancing the cursor never skips a row.
    rows = await ChangeRepository(session).after(principal, after, limit)
    items = [ChangeOut(cursor=r["id"], entity=r["entity"], entity_id=r["entity_id"],
                       worker_id=r["worker_id"], region_code=r["region_code"], action=r["action"], at=r["at"])
             for r in rows]
    return ChangePage(items=items, next_cursor=items[-1].cursor if items else after)
