from __future__ import annotations

from decimal import Decimal

from cwm_kit.types import CoveredRegion, Money, ResponseModel


class ComponentTotal(ResponseModel):
    county_code: str
    code: str
    label_zh: str
    label_en: str
    kind: str
    amount: Money


class FiscalLevelTotal(ResponseModel):
    county_code: str
    level: str
    amount: Money


class CountyTotal(ResponseModel):
    county_code: str
    workers: int
    gross: Money
    employer_cost: Money
    net: Money
    # The pay total (薪酬总额) and the employer's contributions paid out of it (scheme pay_total "inside").
    pay_total: Money
    contributions_inside: Money


class BudgetSummary(ResponseModel):
    month: str
    region: CoveredRegion
    states: list[str]
    counties: list[CountyTotal]
    by_component: list[ComponentTotal]
    by_fiscal_level: list[FiscalLevelTotal]
    total_cost: Money  # 应发 + employer contributions: the pay total when they are inside it
    total_pay: Money
    contributions_inside: Money


class PayLevelRow(ResponseModel):
    region_code: str
    workers: int
    months: int
    average_monthly_pay: Money
    annual_pay_per_worker: Money
    average_wage_monthly: Money | None
    average_wage_ratio: Decimal | None  # NX target: 1.00 (100%)
    disposable_income: Money | None
    disposable_income_ratio: Decimal | None  # SS floor: ≥ 1.00
    figures_year: int


class PayLevelReport(ResponseModel):
    year: int
    region: CoveredRegion
    rows: list[PayLevelRow]
