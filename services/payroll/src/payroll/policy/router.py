from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from cwm_kit.dates import today_in_china
from cwm_kit.security import CurrentPrincipal
from cwm_kit.types import PlausibleDate

from payroll.upstream import assessment_client, registry_client

from .dependencies import PolicyServiceDep
from .scheme import PayScheme
from .schemas import (
    FigureIn,
    FigureKind,
    FigureOut,
    PreviewIn,
    PreviewOut,
    SchemeCreate,
    SchemeOut,
    SchemeSummary,
    SchemeUpdate,
    SimulationIn,
    SimulationOut,
    ValidationOut,
)

router = APIRouter(tags=["pay policy"])
SchemeId = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.get("/pay-schemes", response_model=list[SchemeSummary],
            summary="Pay scheme versions that apply to, or lie inside, the caller's jurisdiction")
async def list_schemes(principal: CurrentPrincipal, service: PolicyServiceDep,
                       prefix: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None) -> list[SchemeSummary]:
    return await service.list(principal, prefix)


@router.post("/pay-schemes", response_model=SchemeOut, status_code=201, summary="Create a draft version")
async def create_scheme(body: SchemeCreate, principal: CurrentPrincipal, service: PolicyServiceDep) -> SchemeOut:
    return await service.create(principal, body)


@router.get("/pay-schemes/schema", summary="JSON Schema of the pay scheme document (for editors)")
async def scheme_schema(principal: CurrentPrincipal) -> dict:
    return PayScheme.model_json_schema()


@router.get("/pay-schemes/in-force", response_model=SchemeOut,
            summary="The published version in force for a region on a date (most specific prefix)")
async def scheme_in_force(principal: CurrentPrincipal, service: PolicyServiceDep,
                          region: Annotated[str, Query(pattern=r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$")],
                          on: Annotated[PlausibleDate | None, Query(description="default today")] = None) -> SchemeOut:
    return await service.in_force(principal, region, on or today_in_china())


@router.get("/pay-schemes/{scheme_id}", response_model=SchemeOut)
async def get_scheme(scheme_id: SchemeId, principal: CurrentPrincipal, service: PolicyServiceDep) -> SchemeOut:
    return await service.get(principal, scheme_id)


@router.patch("/pay-schemes/{scheme_id}", response_model=SchemeOut,
              summary="Update a draft (a published version answers 409)")
async def update_scheme(scheme_id: SchemeId, body: SchemeUpdate, principal: CurrentPrincipal,
                        service: PolicyServiceDep) -> SchemeOut:
    return await service.update(principal, scheme_id, body)


@router.post("/pay-schemes/{scheme_id}/validate", response_model=ValidationOut,
             summary="Check the document: every problem named by field")
async def validate_scheme(scheme_id: SchemeId, principal: CurrentPrincipal, service: PolicyServiceDep) -> ValidationOut:
    return await service.validate(principal, scheme_id)


@router.post("/pay-schemes/{scheme_id}/preview", response_model=PreviewOut,
             summary="Payslips of sample workers under this version (nothing is saved)")
async def preview_scheme(scheme_id: SchemeId, body: PreviewIn, principal: CurrentPrincipal,
                         service: PolicyServiceDep, request: Request) -> PreviewOut:
    return await service.preview(principal, scheme_id, body, registry_client(request), assessment_client(request))


@router.post("/pay-schemes/{scheme_id}/simulation", response_model=SimulationOut,
             summary="A version's month for every worker of a region next to the version in force: totals only, "
                     "nothing saved")
async def simulate_scheme(scheme_id: SchemeId, body: SimulationIn, principal: CurrentPrincipal,
                          service: PolicyServiceDep, request: Request) -> SimulationOut:
    return await service.simulate(principal, scheme_id, body, registry_client(request), assessment_client(request))


@router.post("/pay-schemes/{scheme_id}/publish", response_model=SchemeOut,
             summary="Publish a draft (provincial admin of the prefix); it is never edited afterwards")
async def publish_scheme(scheme_id: SchemeId, principal: CurrentPrincipal, service: PolicyServiceDep) -> SchemeOut:
    return await service.publish(principal, scheme_id)


@router.get("/reference-figures", response_model=list[FigureOut],
            summary="Reference figures (average wage, disposable income, contribution limits, housing-fund rate)")
async def list_figures(principal: CurrentPrincipal, service: PolicyServiceDep,
                       region: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None,
                       year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
                       kind: Annotated[FigureKind | None, Query()] = None) -> list[FigureOut]:
    return await service.list_figures(principal, region, year, kind)


@router.post("/reference-figures", response_model=FigureOut, status_code=201,
             summary="Add a provisional or official figure (provincial/city officers inside their prefix)")
async def add_figure(body: FigureIn, principal: CurrentPrincipal, service: PolicyServiceDep) -> FigureOut:
    return await service.add_figure(principal, body)
