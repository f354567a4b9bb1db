from cwm_kit.db import StreamSessionDep
from cwm_kit.dependencies import service_dep
from cwm_kit.security import OfficerPrincipal

from payroll.reports.service import ReportService

ReportServiceDep = service_dep(ReportService, OfficerPrincipal)
# For reports whose body is read from the database while it is sent (the 工资表).
StreamingReportServiceDep = service_dep(ReportService, OfficerPrincipal, StreamSessionDep)
