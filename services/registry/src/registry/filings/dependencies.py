from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep

from .service import FilingService


async def get_filing_service(session: SessionDep) -> FilingService:
    return FilingService(session)


FilingServiceDep = Annotated[FilingService, Depends(get_filing_service)]
