from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from cwm_kit.types import Money, ResponseModel, StrictModel, YearMonth

# retiree: retired honour holders' subsidy (NX 「正常退休的每月…500元…600元」), registry population=retired_honours.
# one-off: the month's one-off items not yet paid by another run, alone on the payslip ("one_off" is accepted too).
RunKind = Annotated[Literal["monthly", "year_end", "retiree", "one-off"],
                    BeforeValidator(lambda value: "one-off" if value == "one_off" else value)]


class RunStart(StrictModel):
    region_code: str = Field(pattern=r"^(\d{2}|\d{4}|\d{6}|\d{9})$", description="province, city, county or township",
                             examples=["640104001"])
    month: YearMonth
    kind: RunKind = "monthly"


class RunPaid(StrictModel):
    bank_file_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$",
                                         description="SHA-256 of the bank file sent (X-Checksum-SHA256 of the download)")


class RunOut(ResponseModel):
    id: uuid.UUID
    region_code: str
    month: str
    kind: str
    state: str
    job_status: str
    attempts: int
    processed: int
    total: int | None
    error: str | None
    worker_count: int
    gross_total: Money
    net_total: Money
    employer_total: Money
    arrears_total: Money
    created_by: str
    created_at: dt.datetime
    calculated_at: dt.datetime | None
    approved_by: str | None
    approved_at: dt.datetime | None
    paid_by: str | None
    paid_at: dt.datetime | None
    bank_file_sha256: str | None = None
    bank_file_by: str | None = None
    bank_file_at: dt.datetime | None = None


class RunDetail(RunOut):
    inputs_snapshot: dict[str, Any] | None
