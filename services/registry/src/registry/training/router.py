import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from cwm_kit.dates import today_in_china
from cwm_kit.pagination import PageDep
from cwm_kit.types import PlausibleDate
from cwm_kit.security import CurrentPrincipal, OfficerPrincipal, WriterPrincipal

from .dependencies import TrainingServiceDep
from .schemas import ComplianceReport, RotationReport, SplitReport, TrainingBatchIn, TrainingRecordOut

router = APIRouter(prefix="/training", tags=["training"])


@router.post("/records", response_model=list[TrainingRecordOut], status_code=201,
             summary="Record trainings (one or many; audited)")
async def record_training(body: TrainingBatchIn, principal: WriterPrincipal,
                          service: TrainingServiceDep) -> list[TrainingRecordOut]:
    return await service.record(principal, body)


@router.get("/records", response_model=list[TrainingRecordOut], summary="A worker's trainings")
async def list_training(principal: CurrentPrincipal, service: TrainingServiceDep, worker_id: uuid.UUID,
                        year: Annotated[int | None, Query(ge=1990, le=2100)] = None) -> list[TrainingRecordOut]:
    return await service.list(principal, worker_id, year)


@router.get("/compliance", response_model=ComplianceReport,
            summary="Yearly training compliance per post, listing shortfalls")
async def compliance(principal: OfficerPrincipal, service: TrainingServiceDep, page: PageDep,
                     region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                     year: Annotated[int | None, Query(ge=1990, le=2100)] = None,
                     only_shortfalls: bool = True) -> ComplianceReport:
    return await service.compliance(principal, region, year or today_in_china().year, only_shortfalls, page)


@router.get("/rotation", response_model=RotationReport,
            summary="Three-year rotation of workers other than secretaries and directors, listing who is overdue")
async def rotation(principal: OfficerPrincipal, service: TrainingServiceDep, page: PageDep,
                   region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                   on: PlausibleDate | None = None, only_overdue: bool = True) -> RotationReport:
    return await service.rotation(principal, region, on or today_in_china(), only_overdue, page)


@router.get("/levels", response_model=SplitReport,
            summary="The year's training of secretaries and directors by organiser level against the 2:3:5 rule")
async def levels(principal: OfficerPrincipal, service: TrainingServiceDep,
                 region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                 year: Annotated[int | None, Query(ge=1990, le=2100)] = None) -> SplitReport:
    return await service.split(principal, region, year or today_in_china().year)
