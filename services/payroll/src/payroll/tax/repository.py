from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from payroll.runs.models import PayrollRun, PayslipCompact
from payroll.tax.models import TaxDeclaration, YearEndBonusElection


class DeclarationRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def of_worker(self, worker_id: str, year: int | None, scope: ColumnElement[bool]) -> list[TaxDeclaration]:
        statement = select(TaxDeclaration).where(TaxDeclaration.worker_id == worker_id, scope)
        if year is not None:
            statement = statement.where(TaxDeclaration.tax_year == year)
        statement = statement.order_by(TaxDeclaration.tax_year.desc(), TaxDeclaration.start_month, TaxDeclaration.id)
        return list((await self.session.execute(statement)).scalars())

    async def get(self, declaration_id: int, *, lock: bool = False) -> TaxDeclaration | None:
        return await self.session.get(TaxDeclaration, declaration_id, with_for_update=lock)


class BonusElectionRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def get(self, worker_id: str, year: int, *, lock: bool = False) -> YearEndBonusElection | None:
        statement = select(YearEndBonusElection).where(YearEndBonusElection.worker_id == worker_id,
                                                       YearEndBonusElection.tax_year == year)
        if lock:
            statement = statement.with_for_update()
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def applied(self, worker_id: str, year: int) -> bool:
        """A payslip of an approved or paid run in the tax year taxed a year-end bonus separately."""
        statement = (select(PayslipCompact.run_id).join(PayrollRun, PayrollRun.id == PayslipCompact.run_id)
                     .where(PayslipCompact.worker_id == worker_id,
                            PayslipCompact.month.startswith(f"{year}-", autoescape=True),
                            PayslipCompact.bonus_tax.is_not(None), PayrollRun.state.in_(("approved", "paid")))
                     .limit(1))
        return (await self.session.execute(statement)).first() is not None
