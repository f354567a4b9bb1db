from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response

from cwm_kit.db import SessionDep
from cwm_kit.security import CurrentPrincipal, OfficerPrincipal

from assessment.clock import TodayDep
from assessment.upstream import registry_client

from . import service as historical
from .schemas import HistoricalCorrectionIn, HistoricalIn, HistoricalOut, ImportReport
from .service import HistoricalService

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
router = APIRouter(prefix="/historical-results", tags=["historical results"])


def _service(request: Request, session) -> HistoricalService:
    return HistoricalService(session, registry_client(request))


@router.get("", response_model=list[HistoricalOut], summary="Results from before the system, in the jurisdiction")
async def list_historical(request: Request, principal: OfficerPrincipal, session: SessionDep,
                          region: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None,
                          worker_id: UUID | None = None) -> list[HistoricalOut]:
    return await _service(request, session).list(principal, region, worker_id)


@router.post("", response_model=HistoricalOut, status_code=201,
             summary="Enter one past year's result with its source document (final at once, published, audited)")
async def enter_historical(request: Request, body: HistoricalIn, principal: CurrentPrincipal, session: SessionDep,
                           today: TodayDep) -> HistoricalOut:
    return await _service(request, session).enter(principal, body, today)


@router.put("/{result_id}", response_model=HistoricalOut,
            summary="Correct a historical result (published again with the next revision; reason required)")
async def correct_historical(request: Request, result_id: UUID, body: HistoricalCorrectionIn,
                             principal: CurrentPrincipal, session: SessionDep) -> HistoricalOut:
    return await _service(request, session).correct(principal, result_id, body)


@router.get("/template", response_class=Response, responses={200: {"content": {XLSX: {}}}},
            summary="The import sheet (.xlsx): worker ID or national ID, name, year, result, source document")
async def historical_template(principal: OfficerPrincipal) -> Response:
    return Response(historical.template(), media_type=XLSX,
                    headers={"Content-Disposition": 'attachment; filename="historical-results.xlsx"'})


@router.post("/imports", response_model=ImportReport, status_code=201,
             summary="Upload a filled sheet: every row validated, nothing written until confirm")
async def upload_historical(request: Request, principal: CurrentPrincipal, session: SessionDep, today: TodayDep,
                            file: Annotated[UploadFile, File(description=".xlsx from the template")]) -> ImportReport:
    content = await file.read()
    return await _service(request, session).upload(principal, file.filename or "upload.xlsx", content, today)


@router.get("/imports/{import_id}", response_model=ImportReport, summary="The row report of an import")
async def historical_import_report(request: Request, import_id: UUID, principal: OfficerPrincipal,
                                   session: SessionDep) -> ImportReport:
    return await _service(request, session).report(principal, import_id)


@router.post("/imports/{import_id}/confirm", response_model=ImportReport,
             summary="Write the valid rows (each checked again), audited")
async def confirm_historical(request: Request, import_id: UUID, principal: CurrentPrincipal, session: SessionDep,
                             today: TodayDep) -> ImportReport:
    return await _service(request, session).confirm(principal, import_id, today)
