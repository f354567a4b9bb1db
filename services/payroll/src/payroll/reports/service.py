"""Reports over payslips, all aggregate SQL: 工资表 per township (.xlsx), budget by fiscal level, county
and component, and pay against the local average wage (NX target 100%) and disposable income (SS floor)."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import AsyncIterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.problems import not_found
from cwm_kit.security import Principal
from cwm_kit.types import money

from payroll.reports.schemas import (
    BudgetSummary,
    ComponentTotal,
    CountyTotal,
    FiscalLevelTotal,
    PayLevelReport,
    PayLevelRow,
)
from payroll.runs.models import PayrollRun

BUDGET_STATES = ("calculated", "approved", "paid")
PAID_STATES = ("approved", "paid")
CHUNK = 64 * 1024
DEDUCTION_ORDER = {"si_": 0, "housing_fund": 1, "income_tax": 2}


def _scope_sql(principal: Principal, column: str) -> tuple[str, dict[str, Any]]:
    """The jurisdiction as SQL for the raw report queries (same rule as Principal.region_filter)."""
    if principal.is_worker:
        return "false", {}
    return f"starts_with({column}, :jurisdiction)", {"jurisdiction": principal.jurisdiction}


class ReportService:
    def __init__(self, session: AsyncSession, principal: Principal):
        self.session = session
        self.principal = principal

    async def _run(self, run_id: uuid.UUID) -> PayrollRun:
        run = await self.session.get(PayrollRun, run_id)
        if run is None or not self.principal.covers(run.region_code):
            raise not_found("工资发放批次", "payroll run")
        return run

    # ------------------------------------------------------------------ 工资表 (.xlsx)

    async def payroll_sheet(self, run_id: uuid.UUID, township: str | None) -> tuple[PayrollRun, AsyncIterator[bytes]]:
        run = await self._run(run_id)
        prefix = self.principal.scope_prefix(township) if township else self.principal.jurisdiction
        scope, params = _scope_sql(self.principal, "p.community_code")
        params.update({"run_id": run_id, "prefix": prefix})
        columns = (await self.session.execute(text(f"""
            SELECT l.code, min(l.label_zh) AS label_zh, min(l.kind) AS kind, min(l.position) AS position
            FROM payslip_line l JOIN payslip p ON p.run_id = l.run_id AND p.worker_id = l.worker_id
            WHERE l.run_id = :run_id AND {scope} AND starts_with(p.community_code, :prefix)
              AND l.kind IN ('earning', 'deduction')
            GROUP BY l.code ORDER BY min(l.kind), min(l.position), l.code"""), params)).all()
        earnings = [c for c in columns if c.kind == "earning"]
        deductions = [c for c in columns if c.kind == "deduction"]
        rows = await self.session.stream(text(f"""
            SELECT p.township_code, p.community_code, p.worker_id, p.worker_name, p.post, p.gross, p.net,
                   jsonb_object_agg(l.code, l.amount) FILTER (WHERE l.kind IN ('earning', 'deduction')) AS amounts
            FROM payslip p LEFT JOIN payslip_line l ON l.run_id = p.run_id AND l.worker_id = p.worker_id
            WHERE p.run_id = :run_id AND {scope} AND starts_with(p.community_code, :prefix)
            GROUP BY p.run_id, p.worker_id
            ORDER BY p.township_code, p.community_code, p.worker_id"""), params)

        workbook = Workbook(write_only=True)
        bold = Font(bold=True)
        header = (["序号", "工号", "姓名", "社区", "岗位"] + [c.label_zh for c in earnings] + ["应发合计"]
                  + [c.label_zh for c in deductions] + ["实发"])
        sheet = None
        current_township = None
        index = 0
        sums: list[Decimal] = []

        def close_sheet() -> None:
            if sheet is not None:
                sheet.append(["合计", "", "", "", ""] + sums)

        async for row in rows:
            if row.township_code != current_township:
                close_sheet()
                current_township = row.township_code
                sheet = workbook.create_sheet(title=f"{row.township_code}")
                sheet.append([f"{run.month} 社区工作者工资表（{row.township_code}）"])
                sheet.append([_bold(sheet, h, bold) for h in header])
                index = 0
                sums = [Decimal(0)] * (len(earnings) + len(deductions) + 2)
            index += 1
            amounts = row.amounts or {}
            values = ([Decimal(str(amounts.get(c.code, 0))) for c in earnings] + [row.gross]
                      + [Decimal(str(amounts.get(c.code, 0))) for c in deductions] + [row.net])
            sums = [money(a + b) for a, b in zip(sums, values)]
            sheet.append([index, row.worker_id, row.worker_name, row.community_code, row.post or ""]
                         + [money(v) for v in values])
        close_sheet()
        if sheet is None:
            empty = workbook.create_sheet(title="工资表")
            empty.append([f"{run.month} 社区工作者工资表：无数据 / no payslips"])

        spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (closed by the stream)
        workbook.save(spool)
        spool.seek(0)

        async def chunks() -> AsyncIterator[bytes]:
            try:
                while data := spool.read(CHUNK):
                    yield data
            finally:
                spool.close()

        return run, chunks()

    # ------------------------------------------------------------------ budget

    async def budget(self, month: str, region: str | None) -> BudgetSummary:
        prefix = self.principal.scope_prefix(region)
        scope, params = _scope_sql(self.principal, "p.community_code")
        params.update({"month": month, "prefix": prefix, "states": list(BUDGET_STATES)})
        base = f"""FROM payslip p JOIN payroll_run r ON r.id = p.run_id
                   WHERE p.month = :month AND r.state = ANY(:states) AND {scope}
                     AND starts_with(p.community_code, :prefix)"""
        counties = (await self.session.execute(text(f"""
            SELECT p.county_code, count(DISTINCT p.worker_id) AS workers, sum(p.gross) AS gross,
                   sum(p.employer_cost) AS employer_cost, sum(p.net) AS net
            {base} GROUP BY p.county_code ORDER BY p.county_code"""), params)).all()
        components = (await self.session.execute(text(f"""
            SELECT p.county_code, l.code, min(l.label_zh) AS label_zh, min(l.label_en) AS label_en, l.kind,
                   sum(l.amount) AS amount
            FROM payslip_line l JOIN payslip p ON p.run_id = l.run_id AND p.worker_id = l.worker_id
            JOIN payroll_run r ON r.id = p.run_id
            WHERE p.month = :month AND r.state = ANY(:states) AND {scope} AND starts_with(p.community_code, :prefix)
              AND l.kind IN ('earning', 'employer')
            GROUP BY p.county_code, l.code, l.kind ORDER BY p.county_code, l.kind, l.code"""), params)).all()
        levels = (await self.session.execute(text(f"""
            SELECT p.county_code, f.key AS level, sum(f.value::numeric) AS amount
            {base.replace('WHERE', ', jsonb_each_text(p.funding) f WHERE', 1)}
            GROUP BY p.county_code, f.key ORDER BY p.county_code, f.key"""), params)).all()
        total_cost = sum((money(c.gross) + money(c.employer_cost) for c in counties), Decimal(0))
        return BudgetSummary(
            month=month, region=prefix, states=list(BUDGET_STATES),
            counties=[CountyTotal(county_code=c.county_code, workers=c.workers, gross=c.gross,
                                  employer_cost=c.employer_cost, net=c.net) for c in counties],
            by_component=[ComponentTotal(county_code=c.county_code, code=c.code, label_zh=c.label_zh,
                                         label_en=c.label_en, kind=c.kind, amount=c.amount) for c in components],
            by_fiscal_level=[FiscalLevelTotal(county_code=lv.county_code, level=lv.level, amount=money(lv.amount))
                             for lv in levels],
            total_cost=money(total_cost))

    # ------------------------------------------------------------------ pay level

    async def pay_level(self, year: int, region: str | None, group_length: int) -> PayLevelReport:
        """Average pay per worker against the previous year's local average wage (the base the NX scheme
        uses; target 100%) and urban per-capita disposable income (SS floor: annual pay ≥ 100%)."""
        from payroll.policy import service as policy_service

        prefix = self.principal.scope_prefix(region)
        scope, params = _scope_sql(self.principal, "p.community_code")
        params.update({"from": f"{year}-01", "to": f"{year}-12", "prefix": prefix, "states": list(PAID_STATES),
                       "length": group_length})
        rows = (await self.session.execute(text(f"""
            SELECT left(p.community_code, :length) AS region_code, count(DISTINCT p.worker_id) AS workers,
                   count(DISTINCT p.month) AS months,
                   sum(p.gross - p.arrears) FILTER (WHERE p.kind = 'monthly') AS monthly_gross,
                   count(*) FILTER (WHERE p.kind = 'monthly') AS monthly_slips,
                   sum(p.gross - p.arrears) AS year_gross
            FROM payslip p JOIN payroll_run r ON r.id = p.run_id
            WHERE p.month BETWEEN :from AND :to AND r.state = ANY(:states) AND {scope}
              AND starts_with(p.community_code, :prefix)
            GROUP BY 1 ORDER BY 1"""), params)).all()
        report_rows = []
        for row in rows:
            figures = await policy_service.figures_for_years(self.session, row.region_code, [year - 1])
            wage = _monthly_wage(figures, year - 1)
            income = figures.get("disposable_income", year - 1)
            average_monthly = money(Decimal(row.monthly_gross or 0) / row.monthly_slips) if row.monthly_slips else \
                money(0)
            annual_per_worker = money(Decimal(row.year_gross or 0) / row.workers) if row.workers else money(0)
            report_rows.append(PayLevelRow(
                region_code=row.region_code, workers=row.workers, months=row.months,
                average_monthly_pay=average_monthly, annual_pay_per_worker=annual_per_worker,
                average_wage_monthly=wage, average_wage_ratio=_ratio(average_monthly, wage),
                disposable_income=money(income.value) if income else None,
                disposable_income_ratio=_ratio(annual_per_worker, income.value if income else None),
                figures_year=year - 1))
        return PayLevelReport(year=year, region=prefix, rows=report_rows)


def _monthly_wage(figures: Any, year: int) -> Decimal | None:
    monthly = figures.get("avg_wage_monthly", year)
    if monthly is not None:
        return money(monthly.value)
    annual = figures.get("avg_wage_annual", year)
    return money(annual.value / 12) if annual is not None else None


def _ratio(value: Decimal, reference: Decimal | None) -> Decimal | None:
    if not reference:
        return None
    return (Decimal(value) / Decimal(reference)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def _bold(sheet: Any, value: str, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    return cell
