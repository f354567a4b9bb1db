import uuid
from typing import Annotated

from cwm_kit import etags
from cwm_kit.db import SessionDep
from fastapi import Depends, Header, Query

from .repository import SORTS, WorkerFilters
from .schemas import CertificateLevel, EducationLevel, WorkerStatus
from .service import WorkerService


async def get_worker_service(session: SessionDep) -> WorkerService:
    return WorkerService.for_session(session)


WorkerServiceDep = Annotated[WorkerService, Depends(get_worker_service)]


async def worker_filters(
    name: Annotated[str | None, Query(min_length=1, max_length=64, description="part of the name")] = None,
    id_tail: Annotated[str | None, Query(pattern=r"^[0-9Xx]{1,8}$", description="last digits of the national ID")] = None,
    region: Annotated[str | None, Query(pattern=r"^\d{2,12}$", description="community / region code prefix")] = None,
    post: Annotated[str | None, Query(max_length=32)] = None,
    status: Annotated[list[WorkerStatus] | None, Query()] = None,
    education: Annotated[EducationLevel | None, Query()] = None,
    certificate: Annotated[CertificateLevel | None, Query()] = None,
    min_years: Annotated[float | None, Query(ge=0, le=80, description="cumulative service years, as of today")] = None,
    max_years: Annotated[float | None, Query(ge=0, le=80)] = None,
    sort: Annotated[str, Query(pattern="^(" + "|".join(k.replace("-", r"\-") for k in SORTS) + ")$")] = "community_code",
    id: Annotated[list[uuid.UUID] | None, Query(max_length=200, description=(
        "only these workers (repeat the parameter): pages that show people by name (audit entries) name a "
        "page of ids in one request"))] = None,
) -> tuple[str | None, WorkerFilters]:
    return region, WorkerFilters(ids=tuple(id or ()), name=name, id_tail=id_tail, post=post,
                                 status=tuple(status or ()), education=education, certificate=certificate,
                                 min_years=min_years, max_years=max_years, sort=sort)


WorkerFiltersDep = Annotated[tuple[str | None, WorkerFilters], Depends(worker_filters)]


def if_match_version(if_match: Annotated[str | None, Header(alias="If-Match")] = None) -> int | None:
    """The version a writer last read, from `If-Match: "7"` (weak form and the gateway's coding mark
    `"7-zstd"` accepted, cwm_kit.etags). Unparseable = stale."""
    if if_match is None:
        return None
    value = etags.opaque(if_match)
    return int(value) if value.isdigit() else -1


IfMatchDep = Annotated[int | None, Depends(if_match_version)]
