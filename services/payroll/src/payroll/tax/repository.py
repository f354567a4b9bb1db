from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from payroll.tax.models import TaxDeclaration


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
