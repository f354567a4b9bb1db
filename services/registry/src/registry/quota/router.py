import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from cwm_kit.db import SessionDep
from cwm_kit.types import PlausibleDate
from cwm_kit.security import OfficerPrincipal, WriterPrincipal

from . import rules
from .dependencies import QuotaServiceDep
from .models import ManagementRule
from .schemas import QuotaExceptionDecision, QuotaExceptionIn, QuotaExceptionOut, QuotaLine, RuleIn, RuleOut
from .service import add_rule_version

router = APIRouter(tags=["quota"])
PrefixQuery = Annotated[str | None, Query(pattern=r"^\d{0,12}$", description="region-code prefix")]


@router.get("/quota", response_model=list[QuotaLine], summary="Allowed vs filled places per county / community")
async def quota_overview(principal: OfficerPrincipal, service: QuotaServiceDep, region: PrefixQuery = None,
                         on: PlausibleDate | None = None) -> list[QuotaLine]:
    return await service.overview(principal, region, on or date.today())


@router.get("/quota/exceptions", response_model=list[QuotaExceptionOut])
async def list_exceptions(principal: OfficerPrincipal, service: QuotaServiceDep,
                          region: PrefixQuery = None) -> list[QuotaExceptionOut]:
    return await service.exceptions(principal, region)


@router.post("/quota/exceptions", response_model=QuotaExceptionOut, status_code=201,
             summary="Request staffing above quota (county officers and above; pending until decided; audited)")
async def request_exception(body: QuotaExceptionIn, principal: OfficerPrincipal,
                            service: QuotaServiceDep) -> QuotaExceptionOut:
    return await service.request_exception(principal, body)


@router.post("/quota/exceptions/{exception_id}/decision", response_model=QuotaExceptionOut,
             summary="Approve or reject a pending exception (the level the quota.approval rule names; not the "
                     "requester; audited)")
async def decide_exception(exception_id: uuid.UUID, body: QuotaExceptionDecision, principal: OfficerPrincipal,
                           service: QuotaServiceDep) -> QuotaExceptionOut:
    return await service.decide_exception(principal, exception_id, body)


@router.get("/management-rules", response_model=list[RuleOut],
            summary="The rules that apply to a region, each key with the document and clause that state it")
async def applying_rules(principal: OfficerPrincipal, session: SessionDep,
                         region: Annotated[str, Query(pattern=r"^\d{2,12}$")],
                         on: PlausibleDate | None = None) -> list[RuleOut]:
    principal.scope_prefix(region)
    kinds = (await session.scalars(select(ManagementRule.kind).distinct().order_by(ManagementRule.kind))).all()
    found = [await rules.resolve(session, kind, region, on or date.today()) for kind in kinds]
    return [RuleOut.model_validate(r, from_attributes=True) for r in found if r is not None]


@router.post("/management-rules", response_model=RuleOut, status_code=201,
             summary="Add a rule document version for a region (county level and above; audited)")
async def add_rule(body: RuleIn, principal: WriterPrincipal, session: SessionDep) -> RuleOut:
    document = await add_rule_version(session, principal, body)
    return RuleOut.model_validate(rules.merge(document.kind, [document]), from_attributes=True)
