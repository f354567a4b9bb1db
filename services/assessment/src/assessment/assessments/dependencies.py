from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .repository import AssessmentRepository
from .service import AssessmentService


def get_assessment_service(session: SessionDep) -> AssessmentService:
    return AssessmentService(AssessmentRepository(session))


AssessmentServiceDep = Annotated[AssessmentService, Depends(get_assessment_service)]
