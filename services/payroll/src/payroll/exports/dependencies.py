from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep
from cwm_kit.security import CurrentPrincipal, OfficerPrincipal

from payroll.exports.service import ExportService


def officer_exports(session: SessionDep, principal: OfficerPrincipal) -> ExportService:
    return ExportService(session, principal)


def any_exports(session: SessionDep, principal: CurrentPrincipal) -> ExportService:
    return ExportService(session, principal)


OfficerExportsDep = Annotated[ExportService, Depends(officer_exports)]
AnyExportsDep = Annotated[ExportService, Depends(any_exports)]
