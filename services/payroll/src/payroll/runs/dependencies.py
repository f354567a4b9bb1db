from __future__ import annotations

from typing import Annotated

from fastapi import Depends, FastAPI, Request

from cwm_kit.db import SessionDep
from cwm_kit.security import OfficerPrincipal

from payroll.jobs import ProcrastinateQueue, RunQueue
from payroll.runs.service import RunService


async def get_run_queue(request: Request) -> RunQueue:
    """The app's queue (tests install their own on app.state.run_queue)."""
    queue = getattr(request.app.state, "run_queue", None)
    if queue is None:
        queue = ProcrastinateQueue(request.app.state.settings)
        request.app.state.run_queue = queue
    return queue


async def close_run_queue(app: FastAPI) -> None:
    """Shutdown hook: release the job queue's connection pool if a request opened it."""
    close = getattr(getattr(app.state, "run_queue", None), "close", None)
    if close is not None:
        await close()


async def get_run_service(session: SessionDep, principal: OfficerPrincipal,
                    queue: Annotated[RunQueue, Depends(get_run_queue)]) -> RunService:
    return RunService(session, principal, queue)


RunServiceDep = Annotated[RunService, Depends(get_run_service)]
