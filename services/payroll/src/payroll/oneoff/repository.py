from __future__ import annotations

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from payroll.oneoff.models import OneOffItem
from payroll.runs.models import PAYSLIPS_SHOWN_STATES, OneOffItemPayment, PayrollRun

LOCKED_STATES = ("approved", "paid")


class ItemRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def list(self, scope: ColumnElement[bool], month: str | None, worker_id: str | None,
                   prefix: str | None) -> list[OneOffItem]:
        statement = select(OneOffItem).where(scope)
        if month:
            statement = statement.where(OneOffItem.month == month)
        if worker_id:
            statement = statement.where(OneOffItem.worker_id == worker_id)
        if prefix:
            statement = statement.where(OneOffItem.region_code.startswith(prefix, autoescape=True))
        statement = statement.order_by(OneOffItem.month.desc(), OneOffItem.region_code, OneOffItem.worker_id,
                                       OneOffItem.id).limit(5000)
        return list((await self.session.execute(statement)).scalars())

    async def get(self, item_id: int, *, lock: bool = False) -> OneOffItem | None:
        return await self.session.get(OneOffItem, item_id, with_for_update=lock)

    async def month_closed(self, region_code: str, month: str) -> bool:
        """An approved (or paid) monthly run of that month already covers this community."""
        statement = select(exists().where(
            PayrollRun.month == month, PayrollRun.kind == "monthly", PayrollRun.state.in_(LOCKED_STATES),
            PayrollRun.region_code.in_([region_code[:n] for n in (2, 4, 6, 9)])))
        return bool((await self.session.execute(statement)).scalar())

    async def paid_by_locked_run(self, item_id: int) -> PayrollRun | None:
        """The approved (or paid) run whose payslip carries the item, if any."""
        statement = (select(PayrollRun).join(OneOffItemPayment, OneOffItemPayment.run_id == PayrollRun.id)
                     .where(OneOffItemPayment.item_id == item_id, PayrollRun.state.in_(LOCKED_STATES)).limit(1))
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def paid_by(self, item_ids: list[int]) -> dict[int, PayrollRun]:
        """Per item, the run whose payslip carries it (a calculated, approved or paid run), if any."""
        if not item_ids:
            return {}
        statement = (select(OneOffItemPayment.item_id, PayrollRun)
                     .join(PayrollRun, OneOffItemPayment.run_id == PayrollRun.id)
                     .where(OneOffItemPayment.item_id.in_(item_ids),
                            PayrollRun.state.in_(PAYSLIPS_SHOWN_STATES))
                     .order_by(OneOffItemPayment.item_id, PayrollRun.calculated_at))
        return {item_id: run for item_id, run in (await self.session.execute(statement)).all()}
