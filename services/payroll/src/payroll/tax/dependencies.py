from cwm_kit.dependencies import service_dep
from cwm_kit.security import OfficerPrincipal, WorkerPrincipal

from payroll.tax.service import BonusElectionService, DeclarationService

OfficerDeclarationsDep = service_dep(DeclarationService, OfficerPrincipal)
WorkerDeclarationsDep = service_dep(DeclarationService, WorkerPrincipal)

OfficerBonusElectionDep = service_dep(BonusElectionService, OfficerPrincipal)
WorkerBonusElectionDep = service_dep(BonusElectionService, WorkerPrincipal)
