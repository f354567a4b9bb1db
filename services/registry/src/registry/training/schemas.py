import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from cwm_kit.types import CoveredRegion, ResponseModel, StrictModel

TrainingKind = Literal["initial", "in_service", "special"]
OrganiserLevel = Literal["national", "province", "city", "county", "township", "community"]


class TrainingRecordIn(StrictModel):
    worker_id: uuid.UUID
    training_date: date
    hours: Annotated[Decimal, Field(gt=0, le=2000, max_digits=6, decimal_places=1)]
    kind: TrainingKind
    organiser_level: OrganiserLevel
    title: Annotated[str, Field(min_length=1, max_length=200)]


class TrainingBatchIn(StrictModel):
    records: Annotated[list[TrainingRecordIn], Field(min_length=1, max_length=5000)]


class TrainingRecordOut(ResponseModel):
    id: uuid.UUID
    worker_id: uuid.UUID
    training_date: date
    hours: Decimal
    kind: str
    organiser_level: str
    title: str


class ComplianceLine(ResponseModel):
    worker_id: uuid.UUID
    name: str
    community_code: str
    post: str
    hired_on: date
    hours_done: Decimal
    yearly_required: Decimal
    yearly_shortfall: Decimal
    initial_done: Decimal
    initial_required: Decimal
    initial_shortfall: Decimal
    rule_prefix: str


class ComplianceReport(ResponseModel):
    region: CoveredRegion
    year: int
    workers: int
    compliant: int
    with_shortfall: int
    items: list[ComplianceLine]
    total: int
    page: int
    size: int


class RotationLine(ResponseModel):
    """A worker other than the secretary / director not trained (at a counted level) within the rule's years."""

    worker_id: uuid.UUID
    name: str
    community_code: str
    post: str
    hired_on: date
    last_trained_on: date | None
    due_on: date
    every_years: int
    rule_prefix: str


class RotationReport(ResponseModel):
    region: CoveredRegion
    as_of: date
    workers: int
    overdue: int
    items: list[RotationLine]
    total: int
    page: int
    size: int


class SplitLevel(ResponseModel):
    level: Literal["province", "city", "county"]
    target_share: Decimal
    target_workers: Decimal
    trained_workers: int
    share: Decimal | None


class SplitReport(ResponseModel):
    """NX 2:3:5: the year's training of secretaries and directors by organiser level against the rule's shares."""

    region: CoveredRegion
    year: int
    head_workers: int
    trained_workers: int
    untrained_workers: int
    levels: list[SplitLevel]
    rule: dict | None
