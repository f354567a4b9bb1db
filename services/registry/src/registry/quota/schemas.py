import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from cwm_kit.types import RegionCode, ResponseModel, StrictModel


class QuotaWarning(ResponseModel):
    code: str  # below_minimum
    message_zh: str
    message_en: str
    rule: dict[str, Any] | None = None  # the rule and the clause stating the number (rules.describe)


class QuotaLine(ResponseModel):
    level: str
    region_code: str
    name: str
    computed: int
    # A community's approved number in force (IM art.6), which replaces the formula (`computed`) when present.
    approved_number: int | None = None
    exception_posts: int
    allowed: int
    filled: int
    vacancies: int
    # The formula's rule; null for a community staffed by an approved number where no formula applies (IM).
    rule_kind: str | None
    rule_prefix: str | None
    rule_params: dict[str, Any] | None
    # The community rule's floor (SS 二(三)1 「每个社区最少不低于6人」); null where no rule sets one.
    minimum: int | None = None
    # E.g. below_minimum: fewer workers in post than that floor — a staffing gap, not only a vacancy.
    warnings: list[QuotaWarning] = []


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


class CommunityNumberIn(StrictModel):
    region_code: RegionCode
    number: Annotated[int, Field(ge=1, le=1_000)]
    reason: Annotated[str, Field(min_length=2, max_length=500)]
    valid_from: date | None = None


class CommunityNumberFiling(StrictModel):
    filed_with: Annotated[str, Field(min_length=2, max_length=128)]
    filed_on: date
    reference: Annotated[str | None, Field(max_length=64)] = None


class CommunityNumberOut(ResponseModel):
    id: uuid.UUID
    region_code: str
    number: int
    valid_from: date
    reason: str
    status: str  # pending / approved / rejected; an approved one in force is the community's number
    proposed_by: str
    proposed_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None
    filed_with: str | None
    filed_on: date | None
    filed_reference: str | None
    filed_by: str | None
