"""The year's tax summary for the annual settlement (综合所得年度汇算, 汇算清缴).

Two kinds of income are withheld on, and the settlement keeps them apart: comprehensive income (wages, withheld
cumulatively, 累计预扣法) and a year-end one-off bonus taxed separately (全年一次性奖金单独计税). The cumulative
figures (`income` … `tax_due`, `tax_withheld`) are the comprehensive income's alone, so `tax_due` and
`tax_withheld` compare like with like; the bonus and its tax have their own fields, and `tax_withheld_total` is
everything withheld (the sum of the payslips' tax)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from cwm_kit.types import Money, ResponseModel


class TaxSummaryMonth(ResponseModel):
    month: str
    kind: Annotated[str, Field(description="the run's kind (monthly, year_end, retiree, one-off)")]
    gross: Money
    social_insurance_housing_fund: Money
    tax: Annotated[Money, Field(description="the payslip's whole income tax withheld, a separately taxed "
                                            "year-end bonus's tax included")]
    net: Money


class TaxSummaryBonus(ResponseModel):
    month: str
    bonus: Money
    tax: Money


class TaxSummaryOut(ResponseModel):
    worker_id: str
    year: int
    months: list[TaxSummaryMonth]
    income: Annotated[Money, Field(description="cumulative income (comprehensive income; a year-end bonus taxed "
                                               "separately is not in it)")]
    basic_deduction: Money
    social_insurance_housing_fund: Money
    additional_deductions: dict[str, Money]
    other_deductions: dict[str, Money]
    taxable_income: Money
    tax_due: Annotated[Money, Field(description="cumulative tax due on `taxable_income` (annual table)")]
    tax_withheld: Annotated[Money, Field(description="tax withheld on the comprehensive income: the payslips' "
                                                     "tax less `year_end_bonus_tax`; compare with `tax_due`")]
    year_end_bonus: Annotated[Money, Field(description="year-end one-off bonus taxed separately (全年一次性奖金"
                                                       "单独计税), 0.00 when none")]
    year_end_bonus_tax: Annotated[Money, Field(description="the tax withheld on `year_end_bonus`")]
    tax_withheld_total: Annotated[Money, Field(description="all income tax withheld in the year: `tax_withheld` + "
                                                           "`year_end_bonus_tax`, the sum of `months[].tax`")]
    net: Money
    year_end_bonus_separate: Annotated[list[TaxSummaryBonus], Field(description="each year-end bonus taxed "
                                                                              "separately, by month")]
    note_zh: str
