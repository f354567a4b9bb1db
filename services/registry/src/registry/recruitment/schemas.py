import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from cwm_kit.types import RegionCode, ResponseModel, StrictModel

from registry.workers import national_id as national_ids
from registry.workers.schemas import OtherStatus

EducationLevel = Literal["below_dazhuan", "dazhuan", "benke", "master", "doctor"]


class CampaignIn(StrictModel):
    region_code: RegionCode
    title: Annotated[str, Field(min_length=2, max_length=200)]
    positions: Annotated[int, Field(ge=1, le=10_000)]


class StepIn(StrictModel):
    step: Annotated[str, Field(min_length=1, max_length=32)]
    note: Annotated[str | None, Field(max_length=500)] = None


class ReviewIn(StrictModel):
    note: Annotated[str | None, Field(max_length=500)] = None


class StepOut(ResponseModel):
    step_index: int
    step: str
    entered_at: datetime
    entered_by: str
    note: str | None


class CampaignOut(ResponseModel):
    id: uuid.UUID
    region_code: str
    title: str
    positions: int
    steps: list[str]
    step_index: int
    current_step: str
    review_required: bool
    reviewed_by: str | None
    reviewed_at: datetime | None
    created_by: str
    created_at: datetime
    history: list[StepOut] = []


class EligibilityIn(StrictModel):
    """The facts the registration review checks (IM art.9–11)."""

    national_id: str
    education: EducationLevel
    citizen: bool = True
    groups: Annotated[list[str], Field(max_length=20)] = []
    # A recorded street recommendation (who, when) is what allows relaxing age and education.
    street_recommendation_by: Annotated[str | None, Field(min_length=2, max_length=128)] = None
    street_recommendation_on: date | None = None
    disqualifications: Annotated[list[str], Field(max_length=20)] = []

    @field_validator("national_id")
    @classmethod
    def _valid(cls, value: str) -> str:
        return national_ids.parse(value).number


class EligibilityCheckIn(EligibilityIn):
    region_code: RegionCode
    on: date | None = None


class ApplicantIn(EligibilityIn):
    name: Annotated[str, Field(min_length=1, max_length=64)]
    graduated_on: date | None = None


class EligibilityOut(ResponseModel):
    eligible: bool
    age: int
    failures: list[dict[str, Any]]
    priority: list[str]


class ApplicantOut(ResponseModel):
    id: uuid.UUID
    campaign_id: uuid.UUID
    name: str
    sex: str
    birth_date: date
    education: str
    eligible: bool
    failures: list[dict[str, Any]]
    priority: list[str]
    hired_worker_id: uuid.UUID | None
    hired_on: date | None


class HireIn(StrictModel):
    community_code: Annotated[str, Field(pattern=r"^\d{12}$")]
    post: Annotated[str, Field(min_length=1, max_length=32)]
    hired_on: date
    contract_term_years: Annotated[int | None, Field(ge=1, le=10)] = None
    probation_end: date | None = None
    # Another status the person holds (SS 二(一) excludes some: rule eligibility.exclusions) and since when.
    other_status: OtherStatus | None = None
    other_status_since: date | None = None
