from cwm_kit.dependencies import service_dep
from cwm_kit.security import OfficerPrincipal, WorkerPrincipal

from payroll.payslips.service import PayslipService

OfficerPayslipsDep = service_dep(PayslipService, OfficerPrincipal)
WorkerPayslipsDep = service_dep(PayslipService, WorkerPrincipal)
