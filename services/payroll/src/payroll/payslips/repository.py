from __future__ import annotations

import uuid
from collections import defaultdict
from functools import lru_cache
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, Row, any_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.db import CompiledSelect
from cwm_kit.pagination import PageParams, paginate

from payroll.runs.models import PAYSLIPS_SHOWN_STATES, PayrollRun, Payslip, PayslipLine

WORKER_VISIBLE_STATES = ("approved", "paid")
# Self-service reads load plain rows (Core), not ORM instances: no identity map, no instance state per line.
PAYSLIP = Payslip.__table__
LINE = PayslipLine.__table__


@lru_cache(maxsize=8)
def _of_worker(columns: tuple[str, ...] | None, by_month: bool) -> CompiledSelect:
    """A worker's payslips for the worker themself, built once per shape and run straight on asyncpg."""
    selected = [PAYSLIP.c[name] for name in columns] if columns else [PAYSLIP]
    statement = (select(*selected, PayrollRun.state.label("run_state"))
                 .join(PayrollRun, PayrollRun.id == PAYSLIP.c.run_id)
                 .where(PAYSLIP.c.worker_id == bindparam("worker_id", type_=PAYSLIP.c.worker_id.type),
                        PayrollRun.state.in_(WORKER_VISIBLE_STATES)))
    if by_month:
        statement = statement.where(PAYSLIP.c.month == bindparam("month", type_=PAYSLIP.c.month.type))
    return CompiledSelect(statement.order_by(PAYSLIP.c.month.desc(), PAYSLIP.c.kind))


_LINES = (select(LINE).where(LINE.c.worker_id == bindparam("worker_id", type_=LINE.c.worker_id.type),
                             LINE.c.run_id == any_(bindparam("run_ids", type_=ARRAY(LINE.c.run_id.type))))
          .order_by(LINE.c.run_id, LINE.c.position))
_LINES_OF_WORKER = CompiledSelect(_LINES)
# One month's: PostgreSQL reads that month's partition only (a month as a plain parameter is pruned at execution
# start, a list of months is not), not one index probe per month ever paid.
_LINES_OF_WORKER_MONTH = CompiledSelect(_LINES.where(LINE.c.month == bindparam("month", type_=LINE.c.month.type)))


class PayslipRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def page_of_run(self, run_id: uuid.UUID, scope: ColumnElement[bool], params: PageParams,
                          region: str | None) -> tuple[list[Payslip], int]:
        statement = select(Payslip).where(Payslip.run_id == run_id, scope)
        if region:
            statement = statement.where(Payslip.community_code.startswith(region, autoescape=True))
        return await paginate(self.session, statement.order_by(Payslip.community_code, Payslip.worker_id), params)

    async def one(self, run_id: uuid.UUID, worker_id: str, scope: ColumnElement[bool]) -> Payslip | None:
        statement = select(Payslip).where(Payslip.run_id == run_id, Payslip.worker_id == worker_id, scope)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def of_worker(self, worker_id: str, month: str | None = None, *,
                        columns: tuple[str, ...] | None = None) -> list[tuple[Any, str]]:
        """A worker's payslips in approved or paid runs only (a draft is not yet the worker's pay), as rows
        (attribute access like a Payslip) with the run's state. `columns`: only those (a list that shows no
        inputs never has the view rebuild them: `payslip_inputs()` runs per row selected, ADR 0007)."""
        query = _of_worker(columns, month is not None)
        rows = await (query.fetch(self.session, worker_id=worker_id) if month is None
                      else query.fetch(self.session, worker_id=worker_id, month=month))
        return [(row, row.run_state) for row in rows]

    async def lines_of_worker(self, worker_id: str, run_ids: list[uuid.UUID],
                              month: str | None = None) -> dict[uuid.UUID, list[Any]]:
        """The lines of a worker's payslips in those runs, by run (rows: attribute access like a PayslipLine):
        every payslip shown, to the worker or to an officer, is one worker's. `month`: the payslips are all of
        that month (read from its partition only)."""
        grouped: dict[uuid.UUID, list[Any]] = defaultdict(list)
        if run_ids:
            lines = (await _LINES_OF_WORKER_MONTH.fetch(self.session, worker_id=worker_id, run_ids=run_ids, month=month)
                     if month else await _LINES_OF_WORKER.fetch(self.session, worker_id=worker_id, run_ids=run_ids))
            for line in lines:
                grouped[line.run_id].append(line)
        return grouped

    async def of_worker_in_scope(self, worker_id: str, scope: ColumnElement[bool],
                                 limit: int) -> list[tuple[Payslip, str]]:
        """A worker's payslips in the run states shown to officers (not a draft's), newest month first, as an
        officer inside `scope` sees them."""
        statement = (select(Payslip, PayrollRun.state).join(PayrollRun, PayrollRun.id == Payslip.run_id)
                     .where(Payslip.worker_id == worker_id, scope, PayrollRun.state.in_(PAYSLIPS_SHOWN_STATES))
                     .order_by(Payslip.month.desc(), Payslip.kind).limit(limit))
        return [(row[0], row[1]) for row in (await self.session.execute(statement)).all()]


def detail(payslip: Payslip | Row, run_state: str, lines: list[PayslipLine] | list[Row]) -> dict[str, Any]:
    data = {c.key: getattr(payslip, c.key) for c in PAYSLIP.columns}
    data["run_state"] = run_state
    data["lines"] = lines
    return data
