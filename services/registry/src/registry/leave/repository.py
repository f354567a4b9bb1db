from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.worker_records import visible
from registry.workers.models import Worker

from .models import LeaveRequest


class LeaveRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def requests(self, principal: Principal, scope: str, worker_id: uuid.UUID | None,
                       status: str | None) -> list[tuple[LeaveRequest, str]]:
        statement = visible(principal, LeaveRequest, scope, worker_id).add_columns(Worker.name).join(
            Worker, Worker.id == LeaveRequest.worker_id)
        if status is not None:
            statement = statement.where(LeaveRequest.status == status)
        statement = statement.order_by(LeaveRequest.start_date.desc(), LeaveRequest.requested_at.desc()).limit(1000)
        return [(request, name) for request, name in (await self.session.execute(statement)).all()]

    async def annual_days(self, worker_id: uuid.UUID, year: int, exclude: uuid.UUID | None = None) -> dict[str, int]:
        """Annual-leave working days of the year by status (pending and approved)."""
        statement = (select(LeaveRequest.status, func.sum(LeaveRequest.days))
                     .where(LeaveRequest.worker_id == worker_id, LeaveRequest.kind == "annual",
                            LeaveRequest.start_date >= date(year, 1, 1), LeaveRequest.start_date <= date(year, 12, 31),
                            LeaveRequest.status.in_(("pending", "approved")))
                     .group_by(LeaveRequest.status))
        if exclude is not None:
            statement = statement.where(LeaveRequest.id != exclude)
        return {status: int(days) for status, days in (await self.session.execute(statement)).all()}

    async def lock_worker(self, worker_id: uuid.UUID) -> None:
        """Serialise balance checks per worker (two requests at once cannot both take the last days)."""
        await self.session.execute(select(Worker.id).where(Worker.id == worker_id).with_for_update())
