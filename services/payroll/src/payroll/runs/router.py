import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status

from cwm_kit.pagination import Page, PageDep
from cwm_kit.types import YearMonth

from payroll.runs.dependencies import RunServiceDep
from payroll.runs.schemas import RunDetail, RunOut, RunPaid, RunStart

router = APIRouter(prefix="/runs", tags=["runs"])


@router.post("", response_model=RunOut, status_code=status.HTTP_201_CREATED,
             summary="Start a payroll run (or get the existing one for the same region, month and kind)",
             responses={200: {"description": "The run already existed"}, 409: {"description": "Overlapping run"}})
async def start_run(body: RunStart, service: RunServiceDep, response: Response) -> RunOut:
    run, created = await service.start(body)
    if not created:
        response.status_code = status.HTTP_200_OK
    return RunOut.model_validate(run)


@router.get("", response_model=Page[RunOut], summary="Runs inside the jurisdiction")
async def list_runs(service: RunServiceDep, page: PageDep, month: Annotated[YearMonth | None, Query()] = None,
                    state: Annotated[Literal["draft", "calculated", "approved", "paid"] | None, Query()] = None,
                    region: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None) -> Page[RunOut]:
    rows, total = await service.list(page, month, state, region)
    return Page[RunOut](items=[RunOut.model_validate(r) for r in rows], total=total, page=page.page, size=page.size)


@router.get("/{run_id}", response_model=RunDetail, summary="A run with its progress and input snapshot")
async def get_run(run_id: uuid.UUID, service: RunServiceDep) -> RunDetail:
    return RunDetail.model_validate(await service.visible(run_id))


@router.post("/{run_id}/recalculate", response_model=RunOut, status_code=status.HTTP_202_ACCEPTED,
             summary="Calculate again with current inputs (only before approval)")
async def recalculate(run_id: uuid.UUID, service: RunServiceDep) -> RunOut:
    return RunOut.model_validate(await service.recalculate(run_id))


@router.post("/{run_id}/cancel", response_model=RunOut, summary="Cancel a queued or running calculation")
async def cancel(run_id: uuid.UUID, service: RunServiceDep) -> RunOut:
    return RunOut.model_validate(await service.cancel(run_id))


@router.post("/{run_id}/approve", response_model=RunOut, summary="Approve (finance officer): locks the run")
async def approve(run_id: uuid.UUID, service: RunServiceDep) -> RunOut:
    return RunOut.model_validate(await service.approve(run_id))


@router.post("/{run_id}/pay", response_model=RunOut,
             summary="Mark an approved run paid (finance officer); the bank file's checksum is checked and kept")
async def mark_paid(run_id: uuid.UUID, service: RunServiceDep, body: RunPaid | None = None) -> RunOut:
    return RunOut.model_validate(await service.mark_paid(run_id, body.bank_file_sha256 if body else None))
