"""Reports over payslips, all aggregate SQL: 工资表 per township (.xlsx, payroll_sheet.py), budget by fiscal level, county
and component, and pay against the local average wage (NX target 100%) and disposable income (SS floor)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from fastapi import Request
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.problems import not_found
from cwm_kit.security import Principal
from cwm_kit.types import money

from payroll.reports.payroll_sheet import payroll_sheet
from payroll.reports.schemas import (
    BudgetSummary,
    ComponentTotal,
    CountyTotal,
    FiscalLevelTotal,
    PayLevelReport,
    PayLevelRow,
)
from payroll.runs.models import PAYSLIPS_SHOWN_STATES, PayrollRun

BUDGET_STATES = ("calculated", "approved", "paid")
PAID_STATES = ("approved", "paid")


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

    async def payroll_sheet(self, request: Request, run_id: uuid.UUID,
                            township: str | None) -> tuple[PayrollRun, str, AsyncIterator[bytes]]:
        """The run's sheet over `township` (default: the jurisdiction), and the prefix it covers (a wider one asked
        is narrowed to the jurisdiction)."""
        run = await self._run(run_id)
        prefix = self.principal.scope_prefix(township) if township else self.principal.jurisdiction
        scope = self.principal.region_filter_sql("p.community_code")
        visible = "true" if run.state in PAYSLIPS_SHOWN_STATES else "false"
        params = {"run_id": run_id, "prefix": prefix}
        return run, prefix, await payroll_sheet(self.session, self.principal, request, run,
                                                f"{scope} AND {visible} AND starts_with(p.community_code, :prefix)",
                                                params)

    # ------------------------------------------------------------------ budget

    async def budget(self, month: str, region: str | None) -> BudgetSummary:
        prefix = self.principal.scope_prefix(region)
        scope = self.principal.region_filter_sql("p.community_code")
        params = {"month": month, "prefix": prefix, "states": list(BUDGET_STATES)}
        base = f"""FROM payslip p JOIN payroll_run r ON r.id = p.run_id
                   WHERE p.month = :month AND r.state = ANY(:states) AND {scope}
                     AND starts_with(p.community_code, :prefix)"""
        # The pay total (薪酬总额) is 应发 with the scheme's pay_total lines undone: the employer's contributions
        # taken out of it (NX, inside) added back, the worker's added on top (on_top) taken away. The cost is
        # 应发 + employer contributions either way: the total itself when they are inside, total + them on top.
        counties = (await self.session.execute(text(f"""
            SELECT p.county_code, count(DISTINCT p.worker_id) AS workers, sum(p.gross) AS gross,
                   sum(p.employer_cost) AS employer_cost, sum(p.net) AS net,
                   sum(p.gross - s.switched) AS pay_total, sum(-s.inside) AS inside
            FROM payslip p JOIN payroll_run r ON r.id = p.run_id
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(l.amount), 0) AS switched,
                       coalesce(sum(l.amount) FILTER (WHERE l.code = 'employer_contributions_inside'), 0) AS inside
                FROM payslip_line l WHERE l.run_id = p.run_id AND l.worker_id = p.worker_id
                  AND l.code IN ('employer_contributions_inside', 'employee_contributions_on_top')) s
            WHERE p.month = :month AND r.state = ANY(:states) AND {scope}
              AND starts_with(p.community_code, :prefix)
            GROUP BY p.county_code ORDER BY p.county_code"""), params)).all()
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
                                  employer_cost=c.employer_cost, net=c.net, pay_total=money(c.pay_total),
                                  contributions_inside=money(c.inside)) for c in counties],
            by_component=[ComponentTotal(county_code=c.county_code, code=c.code, label_zh=c.label_zh,
                                         label_en=c.label_en, kind=c.kind, amount=c.amount) for c in components],
            by_fiscal_level=[FiscalLevelTotal(county_code=lv.county_code, level=lv.level, amount=money(lv.amount))
                             for lv in levels],
            total_cost=money(total_cost),
            total_pay=money(sum((money(c.pay_total) for c in counties), Decimal(0))),
            contributions_inside=money(sum((money(c.inside) for c in counties), Decimal(0))))

    # ------------------------------------------------------------------ pay level

    async def pay_level(self, year: int, region: str | None, group_length: int) -> PayLevelReport:
        """Average pay per worker against the previous year's local average wage (the base the NX scheme
        uses; target 100%) and urban per-capita disposable income (SS floor: annual pay ≥ 100%). Pay is the
        scheme's pay total (NX: 含五险一金), i.e. 应发 with the pay_total lines undone."""
        from payroll.policy import service as policy_service

        prefix = self.principal.scope_prefix(region)
        scope = self.principal.region_filter_sql("p.community_code")
        params = {"from": f"{year}-01", "to": f"{year}-12", "prefix": prefix, "states": list(PAID_STATES),
                  "length": group_length}
        rows = (await self.session.execute(text(f"""
            SELECT left(p.community_code, :length) AS region_code, count(DISTINCT p.worker_id) AS workers,
                   count(DISTINCT p.month) AS months,
                   sum(p.gross - p.arrears - s.switched) FILTER (WHERE p.kind = 'monthly') AS monthly_gross,
                   count(*) FILTER (WHERE p.kind = 'monthly') AS monthly_slips,
                   sum(p.gross - p.arrears - s.switched) AS year_gross
            FROM payslip p JOIN payroll_run r ON r.id = p.run_id
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(l.amount), 0) AS switched FROM payslip_line l
                WHERE l.run_id = p.run_id AND l.worker_id = p.worker_id
                  AND l.code IN ('employer_contributions_inside', 'employee_contributions_on_top')) s
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

