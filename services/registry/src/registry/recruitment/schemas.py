import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, PlainSerializer, field_validator

from cwm_kit.types import RegionCode, ResponseModel, StrictModel

from registry.workers import national_id as national_ids
from registry.workers.schemas import OtherStatus

EducationLevel = Literal["below_dazhuan", "dazhuan", "benke", "master", "doctor"]
# The steps whose outcome is recorded per applicant (IM art.8 (四)–(六)), named as in the procedure's steps.
OutcomeStep = Literal["exam", "medical", "background_check"]
OUTCOME_STEPS: tuple[str, ...] = ("exam", "medical", "background_check")
# The written test and interview's score: 0–100, two places; sent back as a string (never a binary float).
ExamScore = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
ScoreOut = Annotated[Decimal, PlainSerializer(lambda v: str(v), return_type=str, when_used="json")]


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


class OutcomeIn(StrictModel):
    """One applicant's outcome of the written test and interview, the medical or the background check."""

    step: OutcomeStep
    passed: bool
    # Only the written test and interview has a score.
    score: ExamScore | None = None
    note: Annotated[str | None, Field(max_length=500)] = None


class StepOutcomeOut(ResponseModel):
    passed: bool
    score: ScoreOut | None
    note: str | None
    recorded_by: str
    recorded_at: datetime


class ApplicantOutcomesOut(ResponseModel):
    """Per step, the recorded outcome; null when none is recorded yet (or the procedure has no such step)."""

    exam: StepOutcomeOut | None
    medical: StepOutcomeOut | None
    background_check: StepOutcomeOut | None


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
    outcomes: ApplicantOutcomesOut
    # Eligible and passed every one of the three: on the list of persons to be hired (公示拟聘用人员名单).
    on_public_notice_list: bool


class HireIn(StrictModel):
    community_code: Annotated[str, Field(pattern=r"^\d{12}$")]
    post: Annotated[str, Field(min_length=1, max_length=32)]
    hired_on: date
    contract_term_years: Annotated[int | None, Field(ge=1, le=10)] = None
    probation_end: date | None = None
    # Another status the person holds (SS 二(一) excludes some: rule eligibility.exclusions) and since when.
    other_status: OtherStatus | None = None
    other_status_since: date | None = None
