import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from cwm_kit.types import RegionCode, ResponseModel, StrictModel


class QuotaLine(ResponseModel):
    level: str
    region_code: str
    name: str
    computed: int
    exception_posts: int
    allowed: int
    filled: int
    vacancies: int
    rule_kind: str
    rule_prefix: str
    rule_params: dict[str, Any]


class QuotaExceptionIn(StrictModel):
    region_code: RegionCode
    extra_posts: Annotated[int, Field(ge=1, le=10_000)]
    reason: Annotated[str, Field(min_length=2, max_length=500)]
    valid_from: date | None = None
    valid_until: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "QuotaExceptionIn":
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("有效期截止日早于起始日 / valid_until is before valid_from")
        return self


class QuotaExceptionDecision(StrictModel):
    decision: Literal["approve", "reject"]
    note: Annotated[str | None, Field(max_length=500)] = None


class QuotaExceptionOut(ResponseModel):
    id: uuid.UUID
    region_code: str
    extra_posts: int
    reason: str
    status: str  # pending / approved / rejected; only approved ones raise the quota
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None
    valid_from: date
    valid_until: date | None
