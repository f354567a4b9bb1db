from cwm_kit.dependencies import service_dep
from cwm_kit.security import OfficerPrincipal

from payroll.oneoff.service import ItemService

OfficerItemsDep = service_dep(ItemService, OfficerPrincipal)
