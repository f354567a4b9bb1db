from typing import Annotated

from fastapi import Depends

from cwm_kit.db import ReadSessionDep, SessionDep

from .repository import AssessmentRepository
from .service import AssessmentService


async def get_assessment_service(session: SessionDep) -> AssessmentService:
    return AssessmentService(AssessmentRepository(session))


async def get_reading_assessment_service(session: ReadSessionDep) -> AssessmentService:
    return AssessmentService(AssessmentRepository(session))


AssessmentServiceDep = Annotated[AssessmentService, Depends(get_assessment_service)]
# For GET endpoints that only read (no transaction round trips; a write through it is refused).
ReadingAssessmentServiceDep = Annotated[AssessmentService, Depends(get_reading_assessment_service)]
