from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from cwm_kit.db import SessionDep
from cwm_kit.security import OfficerPrincipal, WorkerPrincipal
from cwm_kit.types import YearMonth

from payroll.upstream import assessment_client, registry_client

from .schemas import GradeOut
from . import projection
from .service import current_month, grade_for
from .service import my_grade as projected_grade

router = APIRouter(tags=["grades"])
MonthQuery = Annotated[YearMonth | None, Query(description="YYYY-MM; default the current month")]


@router.get("/me/grade", response_model=GradeOut, summary="My post and level this month, with the reasoning")
async def my_grade(request: Request, principal: WorkerPrincipal, session: SessionDep,
                   month: MonthQuery = None) -> GradeOut:
    max_age = getattr(request.app.state.settings, "grade_projection_max_age_seconds",
                      projection.DEFAULT_MAX_AGE_SECONDS)
    return await projected_grade(session, principal, registry_client(request), assessment_client(request),
                                 month or current_month(), max_age)


@router.get("/workers/{worker_id}/grade", response_model=GradeOut,
            summary="A worker's post and level for a month, with the reasoning (officers)")
async def worker_grade(request: Request, worker_id: Annotated[str, Path(min_length=1, max_length=64)],
                       principal: OfficerPrincipal, session: SessionDep, month: MonthQuery = None) -> GradeOut:
    return await grade_for(session, principal, registry_client(request), assessment_client(request), worker_id,
                           month or current_month())
