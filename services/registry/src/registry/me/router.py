from fastapi import APIRouter

from cwm_kit.db import ReadSessionDep
from cwm_kit.security import WorkerPrincipal

from .schemas import MeOut
from .service import me

router = APIRouter(prefix="/me", tags=["me"])


@router.get("", response_model=MeOut, summary="The signed-in worker's own record, contract and training hours")
async def my_record(principal: WorkerPrincipal, session: ReadSessionDep) -> MeOut:
    return await me(session, principal)
