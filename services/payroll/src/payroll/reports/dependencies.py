from typing import Annotated

from cwm_kit.db import SessionDep, StreamSessionDep
from cwm_kit.security import OfficerPrincipal
from fastapi import Depends

from payroll.reports.service import ReportService


def get_report_service(session: SessionDep, principal: OfficerPrincipal) -> ReportService:
    return ReportService(session, principal)


def get_streaming_report_service(session: StreamSessionDep, principal: OfficerPrincipal) -> ReportService:
    """For reports whose body is read from the database while it is sent (the 工资表)."""
    return ReportService(session, principal)


ReportServiceDep = Annotated[ReportService, Depends(get_report_service)]
StreamingReportServiceDep = Annotated[ReportService, Depends(get_streaming_report_service)]
