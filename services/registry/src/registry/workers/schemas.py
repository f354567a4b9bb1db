from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator

from cwm_kit.types import ResponseModel, StrictModel

from . import national_id as national_ids

EducationLevel = Literal["below_dazhuan", "dazhuan", "benke", "master", "doctor"]
CertificateLevel = Literal["assistant_social_worker", "social_worker", "senior_social_worker"]
HonourLevel = Literal["regional_government", "national_ministry", "central"]
HeadRole = Literal["secretary", "director", "both"]
# Another status held besides community work (SS 二(一)); see registry.composition.
OtherStatus = Literal["retired", "civil_servant", "public_institution", "enterprise", "toll_station_transferee"]
WorkerStatus = Literal["probation", "active", "seconded", "resigned", "dismissed", "retired", "deceased"]

# Ranks used to pick the "current" (highest) education and certificate.
EDUCATION_RANK = {"below_dazhuan": 0, "dazhuan": 1, "benke": 2, "master": 3, "doctor": 4}
CERTIFICATE_RANK = {"assistant_social_worker": 1, "social_worker": 2, "senior_social_worker": 3}

CommunityCode = Annotated[str, Field(pattern=r"^\d{12}$", examples=["640104001001"])]
Phone = Annotated[str, Field(pattern=r"^(1\d{10}|0\d{2,3}-?\d{7,8})$", examples=["13812345678"])]
# A personal account or card number as banks print it: 12 to 30 digits (spaces are not kept).
BankAccount = Annotated[str, Field(pattern=r"^\d{12,30}$", examples=["6228480402564890018"])]
Reason = Annotated[str, Field(min_length=2, max_length=500)]


class NationalIdField(StrictModel):
    national_id: str

    @field_validator("national_id")
    @classmethod
    def _valid(cls, value: str) -> str:
        return national_ids.parse(value).number  # raises "中文 / English" ValueError


class EducationIn(StrictModel):
    level: EducationLevel
    institution: Annotated[str | None, Field(max_length=128)] = None
    graduated_on: date
    # A degree obtained after the worker's current continuous service began is an in-service degree (POLICY.md §4).
    # Omitted, the registry derives it from the dates; false for such a degree is refused (422 naming in_service).
    in_service: Annotated[bool | None, Field(description=(
        "in-service degree: omit to derive it from graduated_on and the start of the worker's current continuous "
        "service (after it: true); false for a degree obtained after that start is refused"))] = None


class CertificateIn(StrictModel):
    level: CertificateLevel
    approved_on: date


class HonourIn(StrictModel):
    level: HonourLevel
    title: Annotated[str | None, Field(max_length=200)] = None
    awarded_on: date


class ServicePeriodIn(StrictModel):
    community_code: CommunityCode
    start: date
    end: date | None = None


class ServicePeriodClose(StrictModel):
    end: date


class StatusChangeIn(StrictModel):
    status: WorkerStatus
    on: date
    reason: Reason | None = None


class PostChangeIn(StrictModel):
    post: Annotated[str, Field(min_length=1, max_length=32)]
    on: date
    # On a head post: secretary or director (一肩挑 is the yijiantiao change).
    head_role: Literal["secretary", "director"] | None = None
    reason: Reason | None = None


class YijiantiaoChangeIn(StrictModel):
    holds: bool
    on: date
    reason: Reason | None = None


class CircumstancesIn(StrictModel):
    """Fields a worker is created with and corrected by. Another status held (retired, serving civil servant…)
    and since when: SS 二(一) excludes some (rule eligibility.exclusions); the community's party-affairs worker
    and local residence (SS 二(三)1); the bank account pay goes to."""

    other_status: OtherStatus | None = None
    other_status_since: date | None = None
    # Not clearable in an update: a value sent must be true or false (a default is never applied to a partial
    # update).
    party_affairs: bool = False
    lives_locally: bool = False
    bank_name: Annotated[str | None, Field(min_length=2, max_length=64, examples=["中国农业银行"])] = None
    bank_branch: Annotated[str | None, Field(min_length=2, max_length=100, examples=["银川兴庆支行"])] = None
    bank_account: BankAccount | None = None


class WorkerCreate(NationalIdField, CircumstancesIn):
    name: Annotated[str, Field(min_length=1, max_length=64)]
    ethnicity: Annotated[str | None, Field(max_length=32)] = None
    political_status: Annotated[str | None, Field(max_length=32)] = None
    phone: Phone | None = None
    community_code: CommunityCode
    post: Annotated[str, Field(min_length=1, max_length=32)]
    hired_on: date
    # Defaults to the post's term in the catalogue; required where the catalogue has none (NX).
    contract_term_years: Annotated[int | None, Field(ge=1, le=10)] = None
    probation_end: date | None = None
    yijiantiao: bool = False
    # On a head post: 书记 secretary / 主任 director / 一肩挑 both (with yijiantiao); the career track counts
    # secretaries (CENTRAL §13, IM art.32).
    head_role: HeadRole | None = None
    # A 两委 member on a staff pay post (两委脱产委员, SS 三.1); committee posts are members anyway.
    committee_member: bool = False
    education: list[EducationIn] = []
    certificates: list[CertificateIn] = []
    honours: list[HonourIn] = []

    @field_validator("certificates")
    @classmethod
    def _each_certificate_once(cls, value: list[CertificateIn]) -> list[CertificateIn]:
        # A certificate is recorded once per level and approval date (a unique constraint).
        if len({(c.level, c.approved_on) for c in value}) != len(value):
            raise ValueError("同一等级、同一批准日期的证书重复 / the same certificate (level and approval date) is "
                             "listed twice")
        return value


class WorkerUpdate(CircumstancesIn):
    """Identity and contract corrections. Status, post, 一肩挑, service and career facts have their own
    dated sub-resources; birth date and sex follow the national ID."""

    name: Annotated[str | None, Field(min_length=1, max_length=64)] = None
    national_id: str | None = None
    ethnicity: Annotated[str | None, Field(max_length=32)] = None
    political_status: Annotated[str | None, Field(max_length=32)] = None
    phone: Phone | None = None
    contract_term_years: Annotated[int | None, Field(ge=1, le=10)] = None
    contract_start: date | None = None
    contract_end: date | None = None
    probation_end: date | None = None

    @field_validator("national_id")
    @classmethod
    def _valid(cls, value: str | None) -> str | None:
        return None if value is None else national_ids.parse(value).number


class EducationOut(ResponseModel):
    id: uuid.UUID
    level: str
    institution: str | None
    graduated_on: date
    in_service: bool


class CertificateOut(ResponseModel):
    id: uuid.UUID
    level: str
    approved_on: date


class HonourOut(ResponseModel):
    id: uuid.UUID
    level: str
    title: str | None
    awarded_on: date


class ServicePeriodOut(BaseModel):
    id: uuid.UUID
    community_code: str
    community_name: Annotated[str | None, Field(description=(
        "the community's name (also of one outside the caller's jurisdiction, which the regions API does not show)"
    ))] = None
    start: date
    end: date | None


class StatusPeriodOut(BaseModel):
    id: uuid.UUID
    status: str
    from_: date = Field(serialization_alias="from")
    to: date | None
    reason: str | None


class PostPeriodOut(BaseModel):
    id: uuid.UUID
    post: str
    head_role: str | None = None
    from_: date = Field(serialization_alias="from")
    to: date | None


class YijiantiaoPeriodOut(BaseModel):
    id: uuid.UUID
    from_: date = Field(serialization_alias="from")
    to: date | None


class ContractOut(BaseModel):
    term_years: int
    start: date
    end: date
    probation_end: date | None


class WorkerOut(BaseModel):
    id: uuid.UUID
    name: str
    national_id: str
    national_id_masked: bool
    sex: str
    birth_date: date
    ethnicity: str | None
    political_status: str | None
    phone: str | None
    bank_name: str | None = None
    bank_branch: str | None = None
    bank_account: Annotated[str | None, Field(description="masked like national_id")] = None
    community_code: str
    community_name: Annotated[str | None, Field(description="the community's name")] = None
    township_code: str
    county_code: str
    post: str
    post_since: date
    head_role: str | None = None
    committee_member: bool = False
    other_status: str | None = None
    other_status_since: date | None = None
    party_affairs: bool = False
    lives_locally: bool = False
    yijiantiao: bool
    status: str
    status_since: date
    education_level: str | None
    certificate_level: str | None
    hired_on: date
    contract: ContractOut
    exit_date: date | None
    exit_reason: str | None
    cumulative_service_years: Annotated[Decimal, Field(description="as of today; see registry.workers.seniority")]
    version: int


class WorkerDetail(WorkerOut):
    next_statuses: Annotated[list[str], Field(description="statuses the status machine allows next (none after an exit)")] = []
    education: list[EducationOut]
    certificates: list[CertificateOut]
    honours: list[HonourOut]
    service_periods: list[ServicePeriodOut]
    status_history: list[StatusPeriodOut]
    post_history: list[PostPeriodOut]
    yijiantiao_history: list[YijiantiaoPeriodOut]


class TransferIn(StrictModel):
    community_code: CommunityCode
    on: date
    reason: Reason | None = None


class RehireIn(StrictModel):
    """A former worker (resigned, dismissed, retired) signs a new contract: a new hire on the same record."""

    community_code: CommunityCode
    post: Annotated[str, Field(min_length=1, max_length=32)]
    hired_on: date
    contract_term_years: Annotated[int | None, Field(ge=1, le=10)] = None
    probation_end: date | None = None
    reason: Reason | None = None


class RenewalIn(StrictModel):
    """Renew the worker's current contract (续聘): the next contract starts the day after `current_end`."""

    current_end: Annotated[date, Field(description="the end of the contract being renewed, as the officer read it: "
                                                   "409 contract_not_current when it is no longer the current one")]
    end: Annotated[date | None, Field(description="an earlier end than the full term (never later)")] = None
    reason: Reason | None = None


class AssessmentResultOut(BaseModel):
    year: int
    result: str


class RenewalRefusalOut(BaseModel):
    code: str
    field: str
    message_zh: str
    message_en: str


class RenewalJudgement(BaseModel):
    """Renewal eligibility (workers/renewal.py judge): the rule's minimum result and the term's last final result."""

    renewal_status: Literal["no_condition", "assessment_unavailable", "pending", "eligible", "not_eligible"]
    renewal_eligible: bool | None
    renewal_condition: str | None
    assessment_years: list[int] = []
    last_result: AssessmentResultOut | None
    message_zh: str
    message_en: str


class RenewalOut(RenewalJudgement):
    """The renewal of the current contract as it would be decided today (nothing written)."""

    worker_id: uuid.UUID
    current: ContractOut
    next_start: date
    next_end: date
    term_years: int
    term_basis: str
    earliest_on: Annotated[date, Field(description="the first day a renewal may be decided (rule window_days)")]
    allowed: bool
    refusal: RenewalRefusalOut | None = None


class ContractEndingOut(RenewalJudgement):
    worker_id: uuid.UUID
    name: str
    community_code: str
    community_name: str
    post: str
    post_label_zh: str
    post_label_en: str
    status: str
    contract_start: date
    contract_end: date
    days_left: Annotated[int, Field(description="days from `on` to the end (negative: already ended)")]


class ContractsEndingOut(BaseModel):
    on: date
    until: date
    region: str
    assessment_available: bool
    items: list[ContractEndingOut]
