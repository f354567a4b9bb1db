"""What a month's calculation produces: payslip lines with their clause and the figures used."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from cwm_kit.types import Money

LineKind = Literal["earning", "deduction", "employer", "info"]
ZERO = Decimal("0.00")


class PayLine(BaseModel):
    code: str
    label_zh: str
    label_en: str
    amount: Money
    kind: LineKind
    clause: str = ""
    inputs: dict[str, Any] = {}


class YearToDate(BaseModel):
    """Cumulative amounts of the tax year before this payslip (累计预扣法)."""

    model_config = ConfigDict(frozen=True)

    taxable_income: Money = ZERO
    basic_deductions: Money = ZERO
    special_deductions: Money = ZERO
    tax_withheld: Money = ZERO
    # Recomputed each month from the declarations (never summed from earlier payslips): a late declaration
    # catches up. Filled in ytd_after only, for the record.
    additional_deductions: Money = ZERO
    other_deductions: Money = ZERO


class GradeOut(BaseModel):
    post: str
    level: int
    years: Decimal
    yijiantiao: bool
    steps: list[dict[str, str]]


class PayslipCalc(BaseModel):
    worker_id: str
    month: str
    run_kind: Literal["regular", "year_end", "retiree", "one_off"] = "regular"
    payable: bool = True
    reason: str = ""
    grade: GradeOut | None = None
    lines: list[PayLine] = []
    gross: Money = ZERO
    employee_social_insurance: Money = ZERO
    housing_fund: Money = ZERO
    income_tax: Money = ZERO
    net: Money = ZERO
    employer_contributions: Money = ZERO
    funding: dict[str, Money] = Field(default_factory=dict)
    ytd_after: YearToDate = YearToDate()
    inputs: dict[str, Any] = {}
