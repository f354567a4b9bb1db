"""The national income-tax rules for wages (个人所得税·工资薪金 预扣预缴) as versioned documents by tax year.

The law is national and kept once (`documents/cn-iit-<first year>.json`): basic deduction, the annual
bracket table of comprehensive income, and the special additional deductions (专项附加扣除) and other
deductions with their caps. The document for a tax year is the one with the latest
`effective_from_year` not after it, so a change of law is a new document, never a code change. Pay
schemes no longer carry brackets: every scheme's payslips use this document.

`year_end_bonus` (optional) is the separate method for the year-end one-off bonus (全年一次性奖金单独计税):
the monthly bracket table, the clause and the last tax year the method is available under that document's law
(2019: 财税〔2018〕164号, through 2021; 2022: extended by 财政部 税务总局公告2021年第42号, through 2023; 2023:
财政部 税务总局公告2023年第30号, through 2027). A year whose document lacks the section, or a year after its last
year, has no separate method.

`cumulative_deductions` is the pure arithmetic of 累计专项附加扣除 for one month: each declaration's
monthly amount (capped per unit by the document) times the months from January — or the month the
worker joined this office — through this month inside the declaration's period. A declaration made
late in the year therefore catches up the earlier months in the next calculation (国发〔2018〕41号
第二十五条: 扣缴义务人…在当年剩余月份发放工资时补充扣除).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Annotated, Literal

from pydantic import Field, model_validator

from cwm_kit.errors import Problem
from cwm_kit.types import StrictModel, money

from payroll.policy.scheme import Amount, TaxBracket, check_brackets

DOCUMENTS = "documents"
ZERO = Decimal("0.00")


class DeductionVariant(StrictModel):
    label_zh: str
    label_en: str
    # Per unit (child) per month; a once-a-year item (vocational certificate) has `annual_cap` instead.
    monthly_cap: Amount | None = None
    annual_cap: Amount | None = None
    once_a_year: bool = False

    @model_validator(mode="after")
    def _a_cap(self) -> DeductionVariant:
        if (self.annual_cap if self.once_a_year else self.monthly_cap) is None:
            raise ValueError("每种情形必须有扣除标准 / every variant needs its cap")
        return self


class DeductionKind(StrictModel):
    label_zh: str
    label_en: str
    group: Literal["special_additional", "other"]
    clause: str = ""
    per_unit: bool = False
    unit_zh: str = ""
    # The kind's total over a year (private pension 12000).
    annual_cap: Amount | None = None
    exclusive_with: list[str] = []
    variants: Annotated[dict[str, DeductionVariant], Field(min_length=1)]


def bracket_of(brackets: list[TaxBracket], amount: Decimal) -> TaxBracket:
    """The bracket `amount` falls in (upper bounds inclusive; the last bracket is open-ended, validated)."""
    return next(b for b in brackets if b.up_to is None or amount <= b.up_to)


class YearEndBonusRules(StrictModel):
    """全年一次性奖金单独计税: bonus ÷ 12 picks a rate and quick deduction from the MONTHLY table; tax = bonus ×
    rate − quick deduction. One worker, one use per tax year; available through `last_year`."""

    label_zh: str = "全年一次性奖金单独计税"
    label_en: str = "year-end one-off bonus taxed separately"
    # Shown on every payslip line it taxes (payslip_line_text.clause holds 500 characters).
    clause: Annotated[str, Field(min_length=1, max_length=500)]
    last_year: Annotated[int, Field(ge=2019, le=2100)]
    brackets: Annotated[list[TaxBracket], Field(min_length=1)]

    @model_validator(mode="after")
    def _ordered(self) -> YearEndBonusRules:
        check_brackets(self.brackets)
        return self

    def tax(self, bonus: Decimal) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        """(tax, bonus ÷ 12 to the fen, rate, quick deduction): the bracket of bonus ÷ 12 (upper bounds
        inclusive), tax = round_half_up(bonus × rate − quick deduction, 2)."""
        monthly = bonus / 12
        b = bracket_of(self.brackets, monthly)
        return max(money(bonus * b.rate - b.quick_deduction), ZERO), money(monthly), b.rate, money(b.quick_deduction)


class TaxRules(StrictModel):
    name: str
    effective_from_year: Annotated[int, Field(ge=2019, le=2100)]
    source: str = ""
    basic_deduction_monthly: Amount
    clause: str = ""
    brackets: Annotated[list[TaxBracket], Field(min_length=1)]
    deductions: dict[str, DeductionKind]
    year_end_bonus: YearEndBonusRules | None = None
    notes: list[str] = []

    @model_validator(mode="after")
    def _ordered(self) -> TaxRules:
        check_brackets(self.brackets)
        for code, kind in self.deductions.items():
            unknown = [k for k in kind.exclusive_with if k not in self.deductions]
            if unknown:
                raise ValueError(f"{code} 互斥项不存在 {unknown} / {code} excludes unknown kinds {unknown}")
        return self

    def bracket(self, taxable: Decimal) -> tuple[Decimal, Decimal, Decimal]:
        """(tax on the cumulative taxable income, rate, quick deduction) from the annual table."""
        if taxable <= 0:
            return ZERO, Decimal(0), ZERO
        b = bracket_of(self.brackets, taxable)
        return money(taxable * b.rate - b.quick_deduction), b.rate, money(b.quick_deduction)

    def separate_bonus(self, year: int) -> YearEndBonusRules | None:
        """The separate year-end bonus method for `year`, if the document has it and `year` is not past its
        last year."""
        section = self.year_end_bonus
        return section if section is not None and year <= section.last_year else None

    def variant(self, kind: str, variant: str) -> DeductionVariant | None:
        rule = self.deductions.get(kind)
        return rule.variants.get(variant) if rule else None

    def cap(self, kind: str, variant: str, units: int) -> Decimal | None:
        """The most a declaration may claim: per month, or per year for a once-a-year item."""
        rule = self.deductions.get(kind)
        v = self.variant(kind, variant)
        if rule is None or v is None:
            return None
        per_unit = v.annual_cap if v.once_a_year else v.monthly_cap
        return money(per_unit * (units if rule.per_unit else 1))


@lru_cache
def _documents() -> tuple[TaxRules, ...]:
    folder = resources.files(__package__).joinpath(DOCUMENTS)
    docs = [TaxRules.model_validate(json.loads(f.read_text(encoding="utf-8")))
            for f in folder.iterdir() if f.name.endswith(".json")]
    return tuple(sorted(docs, key=lambda d: d.effective_from_year))


def documents() -> list[TaxRules]:
    return list(_documents())


def _in_force(year: int) -> TaxRules | None:
    """The document in force for a tax year (the latest one starting in or before it), if any."""
    in_force = [d for d in _documents() if d.effective_from_year <= year]
    return in_force[-1] if in_force else None


def rules_for_year(year: int) -> TaxRules:
    """The document in force for a tax year."""
    rules = _in_force(year)
    if rules is None:
        raise Problem(422, "no_tax_rules", f"{year} 年没有个人所得税规则", f"no income-tax rules for {year}")
    return rules


def separate_bonus_for(year: int) -> YearEndBonusRules | None:
    """The separate year-end bonus method available in a tax year (None: none, or no rules for the year)."""
    rules = _in_force(year)
    return rules.separate_bonus(year) if rules is not None else None


@dataclass(frozen=True)
class Declaration:
    """One declared deduction as the calculation needs it (tax.models.TaxDeclaration carries more)."""

    kind: str
    variant: str
    amount: Decimal  # per month; for a once-a-year item the year's amount
    start_month: str  # "YYYY-MM", inside the tax year
    end_month: str | None = None
    units: int = 1
    id: str = ""


def _months(first: str, last: str) -> int:
    if last < first:
        return 0
    return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1


def cumulative_deductions(rules: TaxRules, declarations: list[Declaration], month: str,
                          first_month: str) -> dict[str, tuple[Decimal, str]]:
    """Cumulative amount per kind from `first_month` through `month` (same tax year) with its working:
    {kind: (amount, "2 × 2000.00 × 2 months = 8000.00; …")}. Unknown kinds or variants count nothing."""
    year_start = month[:4] + "-01"
    first = max(first_month, year_start)
    totals: dict[str, Decimal] = {}
    working: dict[str, list[str]] = {}
    for d in declarations:
        rule, v = rules.deductions.get(d.kind), rules.variant(d.kind, d.variant)
        if rule is None or v is None or d.start_month[:4] != month[:4]:
            continue
        cap = rules.cap(d.kind, d.variant, d.units) or ZERO
        amount = min(money(d.amount), cap)
        start = max(d.start_month, first)
        if v.once_a_year:
            counted = amount if d.start_month <= month and start <= month else ZERO
            text = f"{amount} ({v.label_zh}, {d.start_month})"
        else:
            months = _months(start, min(d.end_month or month, month))
            counted = money(amount * months)
            text = f"{amount} × {months} 个月 ({start}…{min(d.end_month or month, month)}) = {counted}"
        totals[d.kind] = totals.get(d.kind, ZERO) + counted
        working.setdefault(d.kind, []).append(text)
    out: dict[str, tuple[Decimal, str]] = {}
    for kind, total in totals.items():
        annual_cap = rules.deductions[kind].annual_cap
        text = "; ".join(working[kind])
        if annual_cap is not None and total > annual_cap:
            total, text = money(annual_cap), f"{text}; 年度限额 {money(annual_cap)}"
        out[kind] = (money(total), text)
    return out
