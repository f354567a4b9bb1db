from __future__ import annotations

import uuid
from typing import Any

from cwm_kit.types import Money, ResponseModel


class PayslipLineOut(ResponseModel):
    position: int
    code: str
    label_zh: str
    label_en: str
    amount: Money
    kind: str
    clause: str | None
    inputs: dict[str, Any] | None
    arrears_month: str | None


class PayslipSummary(ResponseModel):
    run_id: uuid.UUID
    worker_id: str
    month: str
    kind: str
    worker_name: str
    community_code: str
    township_code: str
    county_code: str
    post: str | None
    post_label: str | None = None
    grade_level: int | None = None
    gross: Money
    social_insurance: Money
    housing_fund: Money
    tax: Money
    net: Money
    employer_cost: Money
    arrears: Money


class PayslipDetail(PayslipSummary):
    run_state: str
    funding: dict[str, Any]
    inputs: dict[str, Any]
    lines: list[PayslipLineOut]


class MonthPayslips(ResponseModel):
    month: str
    payslips: list[PayslipDetail]
