from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field

from cwm_kit.types import Money, ResponseModel, StrictModel, YearMonth

from payroll.tax.rules import YearEndBonusRules

Positive = Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=2)]


class DeclarationIn(StrictModel):
    """A declared deduction. `amount` is per month (children: for all `units` children together, at most
    the cap per child × units; a parent sharing 50/50 declares half), or the year's amount for a once-a-year
    item (vocational certificate). The period is months of one tax year; no end means to December."""

    kind: Annotated[str, Field(min_length=1, max_length=40, examples=["children_education"])]
    variant: Annotated[str, Field(min_length=1, max_length=40)] = "standard"
    units: Annotated[int, Field(ge=1, le=20)] = 1
    amount: Positive
    start_month: YearMonth
    end_month: YearMonth | None = None
    basis: Annotated[str, Field(min_length=1, max_length=2000,
                                description="what the deduction rests on: child and school, loan contract, "
                                            "landlord and city, parent and how the siblings share")]


class DeclarationOut(ResponseModel):
    id: int
    worker_id: str
    worker_name: str
    region_code: str
    tax_year: int
    kind: str
    kind_label_zh: str = ""
    variant: str
    units: int
    amount: Money
    start_month: str
    end_month: str | None
    basis: str
    source: str
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime


class ImportRowOut(StrictModel):
    row: int
    worker_id: str = ""
    status: Literal["created", "error"]
    id: int | None = None
    errors: list[dict[str, Any]] = []


class ImportOut(StrictModel):
    created: int
    errors: int
    rows: list[ImportRowOut]


BonusMethod = Literal["combined", "separate"]


class BonusElectionIn(StrictModel):
    """How the year-end one-off bonus (全年一次性奖金) is taxed in the tax year: `combined` (并入综合所得, the default)
    or `separate` (单独计税, while the year's tax rules allow it: 财税〔2018〕164号 for 2019–2021, extended by
    财政部 税务总局公告2021年第42号 to 2023 and by 财政部 税务总局公告2023年第30号 to 2027)."""

    method: BonusMethod


class BonusElectionOut(StrictModel):
    worker_id: str
    tax_year: int
    method: BonusMethod
    # False: nothing recorded, `combined` by default.
    recorded: bool
    # Whether the tax rules of the year allow the separate method, and that rule (table, clause, last year).
    separate_available: bool
    rule: YearEndBonusRules | None = None
    # A payslip of an approved or paid run this tax year already taxed a year-end bonus separately: the method
    # can no longer change.
    applied: bool = False
    updated_by: str | None = None
    updated_at: dt.datetime | None = None
