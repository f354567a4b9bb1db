import uuid
from typing import Annotated, Literal

from cwm_kit.dates import today_in_china
from cwm_kit.db import StreamSessionDep
from cwm_kit.problems import field_problem
from cwm_kit.security import OfficerPrincipal
from cwm_kit.types import PlausibleDate
from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from .service import stream_facts

router = APIRouter(prefix="/workers", tags=["facts"])


@router.get("/facts", response_class=StreamingResponse,
            responses={200: {"content": {"application/x-ndjson": {}}}},
            summary="Worker facts for payroll and assessment, one JSON object per line (docs/contracts.md)")
async def worker_facts(
    principal: OfficerPrincipal,
    session: StreamSessionDep,
    region: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None,
    as_of: Annotated[PlausibleDate | None, Query()] = None,
    since: Annotated[PlausibleDate | None, Query()] = None,
    population: Annotated[Literal["employed", "retired_honours", "former"], Query(
        description="employed (default): employed at some time in [since, as_of]; retired_honours: retired "
                    "(normal retirement) on as_of and holding an honour awarded by then; former: the workers named "
                    "by worker_id (required) who had left by as_of, however long ago (payroll's arrears and "
                    "one-off items owed to a worker who has left)")] = "employed",
    worker_id: Annotated[list[uuid.UUID] | None, Query(
        max_length=1000, description="only these workers (repeat the parameter); the jurisdiction still applies")] = None,
) -> StreamingResponse:
    as_of = as_of or today_in_china()
    since = since or as_of.replace(day=1)
    if since > as_of:
        raise field_problem("since", "since_after_as_of", "since 不能晚于 as_of", "since cannot be after as_of")
    if population == "former" and not worker_id:
        raise field_problem("worker_id", "worker_id_required", "population=former 须指定 worker_id（按人读取）",
                            "population=former reads named workers only: give worker_id")
    prefix = principal.scope_prefix(region)
    return StreamingResponse(stream_facts(session, principal, prefix, since, as_of, population, worker_id),
                             media_type="application/x-ndjson")
