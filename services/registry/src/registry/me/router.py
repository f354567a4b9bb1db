from fastapi import APIRouter, Request, Response

from cwm_kit.dates import today_in_china
from cwm_kit.db import ReadSessionDep
from cwm_kit.ready import ReadyAnswer
from cwm_kit.security import WorkerPrincipal

from .schemas import MeOut
from .service import me

router = APIRouter(prefix="/me", tags=["me"])

# Stored per worker, sent again while the worker's rows, the regions and the rules are unchanged (ADR 0011).
MY_RECORD = ReadyAnswer("me", MeOut, "registry", path="/v1/me")


@router.get("", response_model=MeOut, summary="The signed-in worker's own record, contract and training hours")
async def my_record(request: Request, principal: WorkerPrincipal, session: ReadSessionDep) -> Response:
    return await MY_RECORD.respond(request, session, principal, as_of=today_in_china(),
                                   compute=lambda: me(session, principal))
