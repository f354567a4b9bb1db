from typing import Annotated

from fastapi import Depends

from cwm_kit.db import SessionDep
from cwm_kit.security import CurrentPrincipal, OfficerPrincipal, WorkerPrincipal

from payroll.tax.service import DeclarationService


def officer_declarations(session: SessionDep, principal: OfficerPrincipal) -> DeclarationService:
    return DeclarationService(session, principal)


def worker_declarations(session: SessionDep, principal: WorkerPrincipal) -> DeclarationService:
    return DeclarationService(session, principal)


def any_declarations(session: SessionDep, principal: CurrentPrincipal) -> DeclarationService:
    return DeclarationService(session, principal)


OfficerDeclarationsDep = Annotated[DeclarationService, Depends(officer_declarations)]
WorkerDeclarationsDep = Annotated[DeclarationService, Depends(worker_declarations)]
