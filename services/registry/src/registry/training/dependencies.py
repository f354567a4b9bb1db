from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .service import TrainingService


async def get_training_service(session: SessionDep) -> TrainingService:
    return TrainingService(session)


TrainingServiceDep = Annotated[TrainingService, Depends(get_training_service)]
