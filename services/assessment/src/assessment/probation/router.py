from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from cwm_kit.db import SessionDep
from cwm_kit.security import CurrentPrincipal, OfficerPrincipal

from assessment.assessments.schemas import AssessmentOut
from assessment.upstream import registry_client

from .service import ProbationCasesIn, ProbationCasesOpened, ProbationService

router = APIRouter(prefix="/probation-cases", tags=["probation"])


@router.post("", response_model=ProbationCasesOpened,
             summary="Open a probation case for every probation ending by a date (whatever the month)")
async def open_probation_cases(request: Request, body: ProbationCasesIn, principal: CurrentPrincipal,
                               session: SessionDep) -> ProbationCasesOpened:
    return await ProbationService(session, registry_client(request)).open(principal, body)


@router.get("", response_model=list[AssessmentOut], summary="Probation cases in the jurisdiction")
async def list_probation_cases(request: Request, principal: OfficerPrincipal, session: SessionDep,
                               region: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None,
                               status: Literal["pending", "proposed", "notice", "final"] | None = None,
                               ) -> list[AssessmentOut]:
    return await ProbationService(session, registry_client(request)).list(principal, region,
                                                                                               status)
