from typing import Annotated

from fastapi import APIRouter, Query, Request

from cwm_kit.dates import today_in_china
from cwm_kit.db import SessionDep
from cwm_kit.types import PlausibleDate
from cwm_kit.security import OfficerPrincipal

from registry.upstream import assessment_client

from .schemas import FlagKind, FlagReport
from .service import FlagService

router = APIRouter(prefix="/flags", tags=["flags"])
ALL_KINDS = ["probation_failed", "consecutive_incompetent", "contract_ending", "career_track", "retirement_age",
             "discipline", "secretary_not_filed"]


@router.get("", response_model=FlagReport,
            summary="Cases for a person to decide: exits (assessment, discipline), contracts ending, career track, "
                    "retirement, secretaries not filed (never automatic)")
async def flags(request: Request, principal: OfficerPrincipal, session: SessionDep,
                region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                kind: Annotated[list[FlagKind] | None, Query()] = None,
                on: PlausibleDate | None = None,
                require_assessment: Annotated[bool, Query(
                    description="503 instead of a partial answer when the assessment service is down")] = False,
                ) -> FlagReport:
    return await FlagService(session, assessment_client(request)).report(principal, region, on or today_in_china(),
                                                                         set(kind or ALL_KINDS), require_assessment)
