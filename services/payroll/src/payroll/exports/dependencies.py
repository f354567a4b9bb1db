from cwm_kit.dependencies import service_dep
from cwm_kit.security import CurrentPrincipal, OfficerPrincipal

from payroll.exports.service import ExportService

OfficerExportsDep = service_dep(ExportService, OfficerPrincipal)
AnyExportsDep = service_dep(ExportService, CurrentPrincipal)
