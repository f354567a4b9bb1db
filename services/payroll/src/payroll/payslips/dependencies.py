from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep
from cwm_kit.security import OfficerPrincipal, WorkerPrincipal

from payroll.payslips.service import PayslipService


def officer_payslips(session: SessionDep, principal: OfficerPrincipal) -> PayslipService:
    return PayslipService(session, principal)


def worker_payslips(session: SessionDep, principal: WorkerPrincipal) -> PayslipService:
    return PayslipService(session, principal)


OfficerPayslipsDep = Annotated[PayslipService, Depends(officer_payslips)]
WorkerPayslipsDep = Annotated[PayslipService, Depends(worker_payslips)]
