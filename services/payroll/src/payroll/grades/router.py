import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from cwm_kit.dates import today_in_china
from cwm_kit.db import SessionDep
from cwm_kit.ready import ReadyAnswer
from cwm_kit.security import OfficerPrincipal, WorkerPrincipal
from cwm_kit.types import YEAR_MONTH_PATTERN, YearMonth

from payroll.upstream import assessment_client, registry_client

from .schemas import GradeOut
from . import projection
from .service import current_month, grade_for
from .service import my_grade as projected_grade

router = APIRouter(tags=["grades"])
MonthQuery = Annotated[YearMonth | None, Query(description="YYYY-MM; default the current month")]
MONTH = re.compile(YEAR_MONTH_PATTERN)


def projection_max_age(settings: object) -> timedelta:
    """How old a worker's projection row may be when served (ADR 0005), as the process is configured."""
    return timedelta(seconds=getattr(settings, "grade_projection_max_age_seconds",
                                     projection.DEFAULT_MAX_AGE_SECONDS))


def grade_key(month: str | None, max_age: timedelta) -> str:
    """The stored grade's key: the month (default this one) and the projection's maximum age — a process told a
    shorter one serves no answer stored under a longer one."""
    return f"{month or current_month()}:{max_age.total_seconds():g}"


def _grade_key_of_query(path_params: Mapping[str, str], query: Mapping[str, str], settings: object) -> str | None:
    month = query.get("month")
    if set(query) - {"month"} or (month is not None and not MONTH.fullmatch(month)):
        return None  # the route answers (and refuses) what the fast path does not take
    return grade_key(month, projection_max_age(settings))


# Stored per worker and month, sent again while the worker's projection row, the pay schemes and the reference
# figures are unchanged, and no longer than the projection row may be served (ADR 0011).
MY_GRADE = ReadyAnswer("grade", GradeOut, "payroll", path="/v1/me/grade", key=_grade_key_of_query)


@router.get("/me/grade", response_model=GradeOut, summary="My post and level this month, with the reasoning")
async def my_grade(request: Request, principal: WorkerPrincipal, session: SessionDep,
                   month: MonthQuery = None) -> Response:
    max_age = projection_max_age(request.app.state.settings)
    month = month or current_month()
    read_at: list[datetime] = []

    async def compute() -> GradeOut:
        return await projected_grade(session, principal, registry_client(request), assessment_client(request),
                                     month, max_age.total_seconds(), read_at.append)

    return await MY_GRADE.respond(request, session, principal, as_of=today_in_china(),
                                  key=grade_key(month, max_age), compute=compute,
                                  expires_at=lambda: read_at[0] + max_age if read_at else None)


@router.get("/workers/{worker_id}/grade", response_model=GradeOut,
            summary="A worker's post and level for a month, with the reasoning (officers)")
async def worker_grade(request: Request, worker_id: Annotated[str, Path(min_length=1, max_length=64)],
                       principal: OfficerPrincipal, session: SessionDep, month: MonthQuery = None) -> GradeOut:
    return await grade_for(session, principal, registry_client(request), assessment_client(request), worker_id,
                           month or current_month())
