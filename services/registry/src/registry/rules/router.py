from typing import Annotated

from fastapi import APIRouter, Query

from cwm_kit.dates import today_in_china
from cwm_kit.db import SessionDep
from cwm_kit.security import OfficerPrincipal, WriterPrincipal
from cwm_kit.types import PlausibleDate

from . import service as rules
from .repository import rule_kinds
from .schemas import RuleIn, RuleOut

router = APIRouter(tags=["rules"])


@router.get("/management-rules", response_model=list[RuleOut],
            summary="The rules that apply to a region, each key with the document and clause that state it")
async def applying_rules(principal: OfficerPrincipal, session: SessionDep,
                         region: Annotated[str, Query(pattern=r"^\d{2,12}$")],
                         on: PlausibleDate | None = None) -> list[RuleOut]:
    principal.scope_prefix(region)
    kinds = await rule_kinds(session)
    found = [await rules.resolve(session, kind, region, on or today_in_china()) for kind in kinds]
    return [RuleOut.model_validate(r, from_attributes=True) for r in found if r is not None]


@router.post("/management-rules", response_model=RuleOut, status_code=201,
             summary="Add a rule document version for a region (county level and above; audited)")
async def add_rule(body: RuleIn, principal: WriterPrincipal, session: SessionDep) -> RuleOut:
    document = await rules.add_rule_version(session, principal, body)
    return RuleOut.model_validate(rules.merge(document.kind, [document]), from_attributes=True)
