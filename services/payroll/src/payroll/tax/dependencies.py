from cwm_kit.dependencies import service_dep
from cwm_kit.security import OfficerPrincipal, WorkerPrincipal

from payroll.tax.service import DeclarationService

OfficerDeclarationsDep = service_dep(DeclarationService, OfficerPrincipal)
WorkerDeclarationsDep = service_dep(DeclarationService, WorkerPrincipal)
