from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.regions.models import Region

from .models import Secondment


class SecondmentRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def lock_community(self, code: str) -> None:
        # Two officers seconding from one community at once must not both pass the per-community limit.
        await self.session.execute(select(Region.code).where(Region.code == code).with_for_update())

    async def periods_in_community(self, community_code: str, start: date, end: date) -> list[tuple[date, date]]:
        """The periods of the community's secondments that overlap [start, end]."""
        statement = select(Secondment.start_date, Secondment.end_date).where(
            Secondment.community_code == community_code, Secondment.start_date <= end, Secondment.end_date >= start)
        return [(row.start_date, row.end_date) for row in (await self.session.execute(statement)).all()]

    async def periods_of_worker(self, worker_id: uuid.UUID) -> list[tuple[date, date]]:
        statement = select(Secondment.start_date, Secondment.end_date).where(Secondment.worker_id == worker_id)
        return [(row.start_date, row.end_date) for row in (await self.session.execute(statement)).all()]

    async def overlapping_for_worker(self, worker_id: uuid.UUID, start: date, end: date) -> int:
        statement = select(func.count()).where(Secondment.worker_id == worker_id, Secondment.start_date <= end,
                                               Secondment.end_date >= start)
        return int(await self.session.scalar(statement) or 0)

    async def in_scope(self, principal: Principal, scope: str, active_on: date | None) -> list[Secondment]:
        statement = select(Secondment).where(Secondment.community_code.startswith(scope, autoescape=True),
                                             principal.region_filter(Secondment.community_code))
        if active_on:
            statement = statement.where(Secondment.start_date <= active_on, Secondment.end_date >= active_on)
        return list((await self.session.scalars(statement.order_by(Secondment.start_date.desc()))).all())
