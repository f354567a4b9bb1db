from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from assessment.assessments.models import Assessment

from .models import Cycle, DecidingUnit


class CycleRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def get(self, cycle_id: UUID) -> Cycle | None:
        return await self.session.get(Cycle, cycle_id)

    async def find(self, county_code: str, year: int) -> Cycle | None:
        return await self.session.scalar(select(Cycle).where(Cycle.county_code == county_code, Cycle.year == year))

    async def visible(self, principal: Principal, year: int | None) -> list[Cycle]:
        # A cycle belongs to a county: officers above it see it by prefix, officers below it (township,
        # secretary) because their jurisdiction lies inside the county.
        if principal.is_worker:
            return []
        prefix = principal.jurisdiction
        statement = select(Cycle).where(
            principal.region_filter(Cycle.county_code) | (func.left(prefix, 6) == Cycle.county_code)
        ).order_by(Cycle.year.desc(), Cycle.county_code)
        if year is not None:
            statement = statement.where(Cycle.year == year)
        return list((await self.session.scalars(statement)).all())

    async def add(self, cycle: Cycle) -> Cycle:
        self.session.add(cycle)
        await self.session.flush()
        return cycle

    async def historical_workers(self, year: int, worker_ids: list[UUID]) -> set[UUID]:
        if not worker_ids:
            return set()
        return set((await self.session.scalars(select(Assessment.worker_id).where(
            Assessment.historical, Assessment.year == year, Assessment.kind == "annual",
            Assessment.worker_id.in_(worker_ids)))).all())

    async def add_assessees(self, cycle: Cycle, rows: list[dict]) -> list[UUID]:
        """Insert the snapshot rows in one statement; workers already listed stay as they are."""
        if not rows:
            return []
        units = sorted({r["township_code"] for r in rows})
        await self.session.execute(insert(DecidingUnit).values(
            [{"cycle_id": cycle.id, "township_code": t} for t in units]).on_conflict_do_nothing())
        values = [{**r, "cycle_id": cycle.id, "year": cycle.year, "status": "pending", "revision": 0,
                   "tolerance": False} for r in rows]
        added: list[UUID] = []
        for start in range(0, len(values), 1000):
            statement = insert(Assessment).values(values[start:start + 1000]).on_conflict_do_nothing(
                index_elements=["cycle_id", "worker_id"]).returning(Assessment.worker_id)
            added += list((await self.session.scalars(statement)).all())
        return added
