"""Who sees which payslip: officers inside their jurisdiction (404 outside), workers their own, and only
once the run is approved."""

from __future__ import annotations

import uuid

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.audit import RegionNames
from cwm_kit.pagination import PageParams
from cwm_kit.problems import Problem, not_found
from cwm_kit.security import Principal

from payroll.inputs.lookup import visible_worker
from payroll.payslips.repository import PayslipRepository, detail
from payroll.payslips.schemas import MonthPayslips, PayslipDetail, PayslipSummary
from payroll.runs.models import PAYSLIPS_SHOWN_STATES, Payslip, PayrollRun

# What a payslip summary shows: the list reads these columns only (not the view's rebuilt inputs, nor funding).
SUMMARY_COLUMNS = tuple(PayslipSummary.model_fields)


def no_payslip_of_mine(period_zh: str, period_en: str) -> Problem:
    """A worker's own month or year without a payslip: said as such, not in the jurisdiction wording of an
    officer's 404 (a worker has no jurisdiction). Still the `not_found` code."""
    return Problem(404, "not_found", f"{period_zh}没有您的工资条（工资条在当月工资核算审批后才能查看）",
                   f"you have no payslip for {period_en} (a payslip is shown once the month's payroll is approved)")


class PayslipService:
    def __init__(self, session: AsyncSession, principal: Principal):
        self.session = session
        self.principal = principal
        self.repo = PayslipRepository(session)

    async def _run(self, run_id: uuid.UUID) -> PayrollRun:
        run = await self.session.get(PayrollRun, run_id)
        if run is None or not self.principal.covers(run.region_code):
            raise not_found("工资发放批次", "payroll run")
        return run

    async def list_for_run(self, run_id: uuid.UUID, params: PageParams,
                           region: str | None) -> tuple[list[PayslipSummary], int]:
        if (await self._run(run_id)).state not in PAYSLIPS_SHOWN_STATES:
            return [], 0
        prefix = self.principal.scope_prefix(region) if region else None
        rows, total = await self.repo.page_of_run(run_id, self.principal.region_filter(Payslip.community_code),
                                                  params, prefix)
        return [PayslipSummary.model_validate(r) for r in rows], total

    async def get_for_run(self, run_id: uuid.UUID, worker_id: str) -> PayslipDetail:
        run = await self._run(run_id)
        if run.state not in PAYSLIPS_SHOWN_STATES:  # no need to look one up
            raise not_found("工资条", "payslip")
        payslip = await self.repo.one(run_id, worker_id, self.principal.region_filter(Payslip.community_code))
        if payslip is None:
            raise not_found("工资条", "payslip")
        lines = await self.repo.lines_of_worker(worker_id, [run_id], payslip.month)
        return PayslipDetail.model_validate(detail(payslip, run.state, lines[run_id]))

    async def for_worker(self, request: Request, worker_id: str, limit: int) -> list[PayslipDetail]:
        """An officer's view of one worker's recent payslips inside the jurisdiction; a worker outside it is 404,
        not an empty list."""
        rows = await self.repo.of_worker_in_scope(worker_id, self.principal.region_filter(Payslip.community_code),
                                                  limit)
        if not rows:
            await visible_worker(request, self.principal, worker_id)
        lines = await self.repo.lines_of_worker(worker_id, [p.run_id for p, _ in rows])
        return [PayslipDetail.model_validate(detail(p, state, lines[p.run_id])) for p, state in rows]

    async def mine(self) -> list[PayslipSummary]:
        rows = await self.repo.of_worker(str(self.principal.worker_id), columns=SUMMARY_COLUMNS)
        return [PayslipSummary.model_validate(p) for p, _ in rows]

    async def mine_for_month(self, month: str) -> MonthPayslips:
        worker_id = str(self.principal.worker_id)
        rows = await self.repo.of_worker(worker_id, month)
        if not rows:
            raise no_payslip_of_mine(f"{month} ", month)
        lines = await self.repo.lines_of_worker(worker_id, [p.run_id for p, _ in rows], month)
        return MonthPayslips(month=month, payslips=[
            PayslipDetail.model_validate(detail(p, state, lines[p.run_id])) for p, state in rows])

    async def mine_for_year(self, year: int) -> list[PayslipDetail]:
        """My payslips of a year in approved or paid runs, oldest first, with their lines."""
        worker_id = str(self.principal.worker_id)
        rows = [(p, state) for p, state in await self.repo.of_worker(worker_id) if p.month.startswith(f"{year}-")]
        if not rows:
            raise no_payslip_of_mine(f"{year} 年", str(year))
        lines = await self.repo.lines_of_worker(worker_id, [p.run_id for p, _ in rows])
        return sorted((PayslipDetail.model_validate(detail(p, state, lines[p.run_id]))
                       for p, state in rows), key=lambda d: (d.month, d.kind))

    async def community_names(self, slips: list[PayslipDetail], naming: RegionNames) -> dict[str, str]:
        """The names of the payslips' communities by code, as the registry gives them (`RegistryRegionNames`:
        asked with the caller's token, cached); a community it cannot name is left out."""
        return await naming(self.session, {slip.community_code for slip in slips})
