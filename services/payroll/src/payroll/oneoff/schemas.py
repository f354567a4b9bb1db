from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from cwm_kit.types import Money, ResponseModel, StrictModel, YearMonth

ItemKindCode = Literal["heating", "work_subsidy", "back_pay", "recovery", "advance_repayment", "other_earning",
                       "other_deduction"]


class ItemIn(StrictModel):
    """A one-off amount for one worker in one month. `amount` is positive; the kind says whether it is paid
    (heating, subsidy, back pay), recovered from pay (recovery: lowers the taxable income) or taken off the net
    (salary advance repaid). `clause` defaults to the kind's text; `taxable` false marks exempt income."""

    worker_id: Annotated[str, Field(min_length=1, max_length=64)]
    month: YearMonth
    kind: ItemKindCode
    amount: Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=2)]
    taxable: bool = True
    label_zh: Annotated[str | None, Field(max_length=60)] = None
    clause: Annotated[str | None, Field(max_length=300)] = None
    basis: Annotated[str, Field(min_length=1, max_length=2000,
                                description="the decision it rests on (document number, minutes, who decided)")]


class ItemUpdate(StrictModel):
    amount: Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=2)]
    taxable: bool = True
    label_zh: Annotated[str | None, Field(max_length=60)] = None
    clause: Annotated[str | None, Field(max_length=300)] = None
    basis: Annotated[str, Field(min_length=1, max_length=2000)]


class PaidBy(ResponseModel):
    """The run whose payslip carries the item (calculated: not yet approved; approved or paid: the item is locked)."""
    run_id: uuid.UUID
    region_code: str
    month: str
    kind: str
    state: str


class ItemOut(ResponseModel):
    id: int
    worker_id: str
    worker_name: str
    region_code: str
    month: str
    kind: str
    label_zh: str
    amount: Money
    taxable: bool
    clause: str
    basis: str
    source: str
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime
    paid_by: PaidBy | None = None


class KindOut(StrictModel):
    code: str
    label_zh: str
    label_en: str
    effect: str
    clause: str


class ItemImportOut(StrictModel):
    created: int
    items: list[ItemOut]
