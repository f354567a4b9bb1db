from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.quota.repository import IN_POST_STATUSES
from registry.worker_records import visible
from registry.workers.models import Worker

from .models import DisciplineRecord


class DisciplineRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def records(self, principal: Principal, scope: str, worker_id: uuid.UUID | None) -> list[DisciplineRecord]:
        statement = visible(principal, DisciplineRecord, scope, worker_id).order_by(
            DisciplineRecord.record_date.desc(), DisciplineRecord.created_at.desc())
        return list((await self.session.scalars(statement)).all())

    async def of_workers_in_post(self, principal: Principal, scope: str, on: date) -> list[tuple[DisciplineRecord, Worker]]:
        """Records dated up to `on` of workers still in post inside `scope` (the flag's candidates)."""
        statement = (select(DisciplineRecord, Worker).join(Worker, Worker.id == DisciplineRecord.worker_id)
                     .where(and_(Worker.community_code.startswith(scope, autoescape=True),
                                 principal.region_filter(Worker.community_code),
                                 Worker.status.in_(IN_POST_STATUSES)), DisciplineRecord.record_date <= on)
                     .order_by(DisciplineRecord.record_date))
        return [(record, worker) for record, worker in (await self.session.execute(statement)).all()]
