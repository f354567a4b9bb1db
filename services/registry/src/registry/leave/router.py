import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from cwm_kit.dates import today_in_china
from cwm_kit.security import OfficerPrincipal, WorkerPrincipal, WriterPrincipal

from .dependencies import LeaveServiceDep
from .schemas import LeaveBalance, LeaveDecision, LeaveIn, LeaveOut, LeaveStatus, MyLeaveIn

router = APIRouter(prefix="/leave", tags=["leave"])
me_router = APIRouter(prefix="/me", tags=["me"])
Year = Annotated[int | None, Query(ge=1990, le=2100)]


@router.post("/requests", response_model=LeaveOut, status_code=201,
             summary="Ask for leave on a worker's behalf (annual leave within the balance; audited)")
async def request_leave(body: LeaveIn, principal: WriterPrincipal, service: LeaveServiceDep) -> LeaveOut:
    return await service.request(principal, body)


@router.get("/requests", response_model=list[LeaveOut], summary="Leave requests in the jurisdiction")
async def list_leave(principal: OfficerPrincipal, service: LeaveServiceDep,
                     region: Annotated[str | None, Query(pattern=r"^\d{0,12}$")] = None,
                     worker_id: uuid.UUID | None = None, status: LeaveStatus | None = None) -> list[LeaveOut]:
    return await service.list(principal, region, worker_id, status)


@router.post("/requests/{request_id}/decision", response_model=LeaveOut,
             summary="Approve or reject a leave request (a township officer other than the one who asked; audited)")
async def decide_leave(request_id: uuid.UUID, body: LeaveDecision, principal: WriterPrincipal,
                       service: LeaveServiceDep) -> LeaveOut:
    return await service.decide(principal, request_id, body)


@router.get("/balance", response_model=LeaveBalance, summary="A worker's annual leave balance for a year")
async def leave_balance(principal: OfficerPrincipal, service: LeaveServiceDep, worker_id: uuid.UUID,
                        year: Year = None) -> LeaveBalance:
    return await service.balance(principal, worker_id, year or today_in_china().year)


@me_router.post("/leave-requests", response_model=LeaveOut, status_code=201,
                summary="The signed-in worker asks for leave (audited)")
async def my_leave_request(body: MyLeaveIn, principal: WorkerPrincipal, service: LeaveServiceDep) -> LeaveOut:
    return await service.request_own(principal, body)


@me_router.get("/leave-requests", response_model=list[LeaveOut], summary="The signed-in worker's leave requests")
async def my_leave_requests(principal: WorkerPrincipal, service: LeaveServiceDep) -> list[LeaveOut]:
    return await service.list(principal, None, None, None)


@me_router.get("/leave-balance", response_model=LeaveBalance, summary="The signed-in worker's annual leave balance")
async def my_leave_balance(principal: WorkerPrincipal, service: LeaveServiceDep, year: Year = None) -> LeaveBalance:
    return await service.balance(principal, uuid.UUID(str(principal.worker_id)), year or today_in_china().year)
