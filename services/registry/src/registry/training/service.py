"""Training records and yearly compliance per post (POLICY.md §6; requirements are rule documents)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import func, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.pagination import PageParams
from cwm_kit.problems import not_found
from cwm_kit.security import Principal

from registry.models import audit_log
from registry.workers.models import Worker

from .models import TrainingRecord
from .repository import TrainingRepository, compliance_statement
from .schemas import ComplianceLine, ComplianceReport, TrainingBatchIn


async def hours_this_year(session: AsyncSession, worker_id: uuid.UUID, year: int) -> Decimal:
    """Training hours a worker attended in `year` (for /v1/me)."""
    return await TrainingRepository(session).hours_in_year(worker_id, year)


class TrainingService:
    def __init__(self, session: AsyncSession):
        self.session = session
        self.repository = TrainingRepository(session)

    async def record(self, principal: Principal, body: TrainingBatchIn) -> list[TrainingRecord]:
        principal.ensure_can_write()
        ids = {r.worker_id for r in body.records}
        if await self.repository.visible_worker_ids(principal, ids) != ids:
            raise not_found("社区工作者", "worker")
        rows = [{"id": uuid.uuid4(), **r.model_dump()} for r in body.records]
        await self.session.execute(insert(TrainingRecord), rows)
        await audit.record(self.session, audit_log, principal, action="training.record", entity="training_record",
                           entity_id=rows[0]["id"] if len(rows) == 1 else f"batch:{len(rows)}",
                           region_code=principal.jurisdiction, after=rows)
        return list((await self.session.scalars(
            select(TrainingRecord).where(TrainingRecord.id.in_([r["id"] for r in rows]))
            .order_by(TrainingRecord.training_date))).all())

    async def list(self, principal: Principal, worker_id: uuid.UUID, year: int | None) -> list[TrainingRecord]:
        worker = await self.session.get(Worker, worker_id)
        if worker is None:
            raise not_found("社区工作者", "worker")
        principal.ensure_visible(worker.community_code, worker.id, what_zh="社区工作者", what_en="worker")
        statement = select(TrainingRecord).where(TrainingRecord.worker_id == worker_id)
        if year:
            statement = statement.where(func.extract("year", TrainingRecord.training_date) == year)
        return list((await self.session.scalars(statement.order_by(TrainingRecord.training_date))).all())

    async def compliance(self, principal: Principal, prefix: str | None, year: int, only_shortfalls: bool,
                         page: PageParams) -> ComplianceReport:
        scope = principal.scope_prefix(prefix)
        rows = compliance_statement(principal, scope, year).subquery()
        short = or_(rows.c.yearly_shortfall > 0, rows.c.initial_shortfall > 0)
        workers, with_shortfall = (await self.session.execute(
            select(func.count(), func.count().filter(short)).select_from(rows))).one()
        listing = select(rows)
        if only_shortfalls:
            listing = listing.where(short)
        total = with_shortfall if only_shortfalls else workers
        result = await self.session.execute(
            listing.order_by(rows.c.community_code, rows.c.name, rows.c.worker_id)
            .limit(page.size).offset(page.offset))
        items = [ComplianceLine.model_validate(dict(r._mapping)) for r in result]
        return ComplianceReport(year=year, workers=workers, compliant=workers - with_shortfall,
                                with_shortfall=with_shortfall, items=items, total=total, page=page.page,
                                size=page.size)
