from cwm_kit.db import ReadSessionDep
from cwm_kit.dependencies import service_dep
from cwm_kit.security import OfficerPrincipal, WorkerPrincipal

from payroll.payslips.service import PayslipService

OfficerPayslipsDep = service_dep(PayslipService, OfficerPrincipal)
# A worker's own payslips are only read (approved runs, which no longer change): no transaction round trips.
WorkerPayslipsDep = service_dep(PayslipService, WorkerPrincipal, ReadSessionDep)
