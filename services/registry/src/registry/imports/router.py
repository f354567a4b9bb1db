import uuid
from typing import Annotated

from cwm_kit.dates import today_in_china
from cwm_kit.db import SessionDep, StreamSessionDep
from cwm_kit.security import CurrentPrincipal, OfficerPrincipal
from fastapi import APIRouter, File, Path, UploadFile
from fastapi.responses import Response, StreamingResponse

from registry.workers.dependencies import WorkerFiltersDep

from . import spreadsheet
from .export import export_workers
from .schemas import ImportReport
from .service import ImportService

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

router = APIRouter(prefix="/imports", tags=["imports"])
export_router = APIRouter(prefix="/workers", tags=["imports"])

ImportId = Annotated[uuid.UUID, Path(description="import id")]


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/template", response_class=Response, responses={200: {"content": {XLSX: {}}}},
            summary="The worker spreadsheet template (.xlsx) with the code lists")
async def template(principal: OfficerPrincipal) -> Response:
    return Response(spreadsheet.template(), media_type=XLSX, headers=_attachment("workers-template.xlsx"))


@router.post("", response_model=ImportReport, status_code=201,
             summary="Upload a filled template: every row is validated, nothing is written until confirm")
async def upload(principal: CurrentPrincipal, session: SessionDep,
                 file: Annotated[UploadFile, File(description=".xlsx from the template")]) -> ImportReport:
    content = await file.read()
    return await ImportService(session).upload(principal, file.filename or "upload.xlsx", content)


@router.get("/{import_id}", response_model=ImportReport, summary="The validation report (and outcome once confirmed)")
async def report(import_id: ImportId, principal: CurrentPrincipal, session: SessionDep) -> ImportReport:
    return await ImportService(session).report(principal, import_id)


@router.post("/{import_id}/confirm", response_model=ImportReport,
             summary="Import the valid rows: new workers created, existing ones (by national ID) updated or skipped")
async def confirm(import_id: ImportId, principal: CurrentPrincipal, session: SessionDep) -> ImportReport:
    return await ImportService(session).confirm(principal, import_id)


@export_router.get("/export", response_class=StreamingResponse, responses={200: {"content": {XLSX: {}}}},
                   summary="The filtered worker list as .xlsx (same filters as GET /workers; masked per role)")
async def export(principal: OfficerPrincipal, session: StreamSessionDep, filters: WorkerFiltersDep) -> StreamingResponse:
    region, criteria = filters
    prefix = principal.scope_prefix(region)
    return StreamingResponse(export_workers(session, principal, prefix, criteria), media_type=XLSX,
                             headers=_attachment(f"workers-{prefix or 'all'}-{today_in_china():%Y%m%d}.xlsx"))
