"""Training records and yearly compliance per post (POLICY.md §6; requirements are rule documents)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.dates import today_in_china
from cwm_kit.pagination import PageParams
from cwm_kit.problems import not_found
from cwm_kit.security import Principal

from registry.models import audit_log
from registry.rules import service as rules
from registry.worker_records import date_fault, refuse_date_faults

from .models import TrainingRecord
from .repository import SPLIT_RULE, TrainingRepository
from .schemas import (ComplianceLine, ComplianceReport, RotationLine, RotationReport, SplitLevel, SplitReport,
                      TrainingBatchIn)


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
        first_days = await self.repository.visible_first_days(principal, ids)
        if first_days.keys() != ids:
            raise not_found("社区工作者", "worker")
        # Hours count toward the year's requirement once attended, and only at work: initial training alone
        # comes before the first day (IM art.20 「上岗前」).
        today = today_in_china()
        refuse_date_faults(date_fault(f"records.{index}.training_date", record.training_date, "培训日期",
                                      "the training date", today=today,
                                      first_day=None if record.kind == "initial" else first_days[record.worker_id])
                           for index, record in enumerate(body.records))
        rows = [{"id": uuid.uuid4(), **r.model_dump()} for r in body.records]
        records = await self.repository.add_records(rows)
        await audit.record(self.session, audit_log, principal, action="training.record", entity="training_record",
                           entity_id=rows[0]["id"] if len(rows) == 1 else f"batch:{len(rows)}",
                           region_code=principal.jurisdiction, after=rows)
        return records

    async def list(self, principal: Principal, worker_id: uuid.UUID, year: int | None) -> list[TrainingRecord]:
        worker = await self.repository.worker(worker_id)
        if worker is None:
            raise not_found("社区工作者", "worker")
        principal.ensure_visible(worker.community_code, worker.id, what_zh="社区工作者", what_en="worker")
        return await self.repository.records(worker_id, year)

    async def compliance(self, principal: Principal, prefix: str | None, year: int, only_shortfalls: bool,
                         page: PageParams) -> ComplianceReport:
        scope = principal.scope_prefix(prefix)
        workers, with_shortfall, lines = await self.repository.compliance(
            principal, scope, year, only_shortfalls, page.size, page.offset)
        total = with_shortfall if only_shortfalls else workers
        items = [ComplianceLine.model_validate(line) for line in lines]
        return ComplianceReport(region=scope, year=year, workers=workers, compliant=workers - with_shortfall,
                                with_shortfall=with_shortfall, items=items, total=total, page=page.page,
                                size=page.size)

    async def rotation(self, principal: Principal, prefix: str | None, on: date, only_overdue: bool,
                       page: PageParams) -> RotationReport:
        """The three-year rotation (`training.rotation`: CENTRAL §8, NX 二, IM art.20): who is overdue on `on`."""
        scope = principal.scope_prefix(prefix)
        workers, late, lines = await self.repository.rotation(principal, scope, on, only_overdue, page.size,
                                                              page.offset)
        return RotationReport(region=scope, as_of=on, workers=workers, overdue=late,
                              items=[RotationLine.model_validate(line) for line in lines],
                              total=late if only_overdue else workers, page=page.page, size=page.size)

    async def split(self, principal: Principal, prefix: str | None, year: int) -> SplitReport:
        """NX 2:3:5 (`training.split`): secretaries and directors trained in `year` at the region (province), city
        and county levels, against the shares of the rule over the scope."""
        scope = principal.scope_prefix(prefix)
        heads, trained, by_level = await self.repository.split(principal, scope, year)
        rule = await rules.resolve(self.session, SPLIT_RULE, scope, date(year, 12, 31))
        shares = (rule.params.get("organiser_shares") or {}) if rule is not None else {}
        whole = Decimal(sum(shares.values()) or 1)
        cent = Decimal("0.01")
        levels = [SplitLevel(level=level, target_share=(Decimal(shares.get(level, 0)) / whole).quantize(cent, ROUND_HALF_UP),
                             target_workers=(heads * Decimal(shares.get(level, 0)) / whole).quantize(cent, ROUND_HALF_UP),
                             trained_workers=count,
                             share=(Decimal(count) / trained).quantize(cent, ROUND_HALF_UP) if trained else None)
                  for level, count in zip(("province", "city", "county"), by_level)]
        return SplitReport(region=scope, year=year, head_workers=heads, trained_workers=trained, untrained_workers=heads - trained,
                           levels=levels if rule is not None else [],
                           rule=rules.describe(rule, "organiser_shares") if rule is not None else None)
