from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep
from cwm_kit.security import OfficerPrincipal

from payroll.reports.service import ReportService


def get_report_service(session: SessionDep, principal: OfficerPrincipal) -> ReportService:
    return ReportService(session, principal)


ReportServiceDep = Annotated[ReportService, Depends(get_report_service)]
