from cwm_kit.dependencies import service_dep
from cwm_kit.security import OfficerPrincipal

from .service import CompositionService

CompositionServiceDep = service_dep(CompositionService, OfficerPrincipal)
