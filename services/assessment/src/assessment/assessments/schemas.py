from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import Field, model_validator

from cwm_kit.types import ResponseModel, StrictModel

from assessment.cycles.schemas import DimensionCode, Score
from assessment.vocabulary import Result, ResultIn

Reason = Annotated[str, Field(min_length=1, max_length=2000)]
Period = Annotated[str, Field(pattern=r"^(19|2\d)\d{2}-(0[1-9]|1[0-2]|Q[1-4])$", examples=["2025-03", "2025-Q2"])]


class DailyRecordIn(StrictModel):
    worker_id: UUID
    period: Period
    score: Score | None = None
    # At most the days of the period (a month 28-31, a quarter 90-92): checked per record by the service.
    absent_days: Annotated[int, Field(ge=0, le=92)] = 0
    longest_absence_streak: Annotated[int, Field(ge=0, le=92)] = 0
    # The absence streaks touching the period's edges, so that a streak running into the next period is counted
    # whole (SS 「连续旷工15天」): each at most longest_absence_streak.
    absent_at_start: Annotated[int, Field(ge=0, le=92, description="从期间第一天起连续缺勤天数 / consecutive days "
                                                                   "absent from the period's first day")] = 0
    absent_at_end: Annotated[int, Field(ge=0, le=92, description="截至期间最后一天连续缺勤天数 / consecutive days "
                                                                 "absent up to the period's last day")] = 0

    @model_validator(mode="after")
    def _streak_within_absences(self) -> DailyRecordIn:
        if self.longest_absence_streak > self.absent_days:
            raise ValueError("最长连续缺勤天数不能超过缺勤天数 / longest_absence_streak cannot exceed absent_days")
        return self


class DailyRecordsIn(StrictModel):
    records: Annotated[list[DailyRecordIn], Field(min_length=1, max_length=20000)]


class DailyRecordsSaved(ResponseModel):
    saved: int


class SatisfactionIn(StrictModel):
    respondents: Annotated[int, Field(ge=1, le=100_000)]
    # Either votes per option (the plan's options) or a score already computed elsewhere.
    votes: dict[Annotated[str, Field(max_length=32)], Annotated[int, Field(ge=0, le=100_000)]] | None = None
    score: Score | None = None

    @model_validator(mode="after")
    def _votes_or_score(self) -> SatisfactionIn:
        if (self.votes is None) == (self.score is None):
            raise ValueError("须且只须提供各选项票数或测评得分之一 / give exactly one of votes or score")
        return self


class TextIn(StrictModel):
    text: Annotated[str, Field(min_length=1, max_length=10000)]


class ProposalIn(StrictModel):
    # Omitted: the result the plan's thresholds give for the score.
    result: ResultIn | None = None
    # Omitted dimensions take the suggestion from daily records / the satisfaction survey.
    dimension_scores: dict[DimensionCode, Score] = {}
    reason: Reason


class DecisionIn(StrictModel):
    # Omitted: the proposed result. A different result needs a reason.
    result: ResultIn | None = None
    reason: Annotated[str | None, Field(min_length=1, max_length=2000)] = None


class ReasonIn(StrictModel):
    reason: Reason


class ObjectionIn(StrictModel):
    reason: Reason


class ResolutionIn(StrictModel):
    outcome: Literal["upheld", "rejected"]
    note: Reason


class EventOut(ResponseModel):
    action: str
    from_status: str | None
    to_status: str | None
    actor: str
    actor_role: str
    at: datetime
    reason: str | None
    data: dict[str, Any] | None


class DailyRecordOut(ResponseModel):
    period: str
    score: Decimal | None
    absent_days: int
    longest_absence_streak: int
    absent_at_start: int = 0
    absent_at_end: int = 0


class SatisfactionOut(ResponseModel):
    respondents: int
    votes: dict[str, int] | None
    score: Decimal
    recorded_by: str
    recorded_at: datetime


class ObjectionOut(ResponseModel):
    id: UUID
    assessment_id: UUID
    reason: str
    status: str
    raised_at: datetime
    resolution: str | None
    resolved_by: str | None
    resolved_at: datetime | None


class CycleObjectionOut(ObjectionOut):
    worker_id: UUID
    worker_name: str
    community_code: str


class Suggestion(ResponseModel):
    """What the records say, shown to the secretary as the suggested proposal (SS §4.4)."""

    dimension_scores: dict[str, Decimal | None]
    score: Decimal | None
    result: Result | None
    missing: list[str]


class AssessmentOut(ResponseModel):
    id: UUID
    cycle_id: UUID | None  # None: a result from before the system (historical)
    year: int
    worker_id: UUID
    worker_name: str
    community_code: str
    township_code: str
    county_code: str
    post: str | None
    kind: str
    status: str
    proposed_result: str | None
    proposed_score: Decimal | None
    proposal_reason: str | None
    proposed_by: str | None
    proposed_at: datetime | None
    dimension_scores: dict[str, Any] | None
    result: str | None
    score: Decimal | None
    decision_reason: str | None
    decided_by: str | None
    decided_at: datetime | None
    notice_from: date | None
    notice_until: date | None
    finalized_by: str | None
    finalized_at: datetime | None
    revision: int
    tolerance: bool
    tolerance_reason: str | None
    self_summary: str | None
    community_review: str | None
    historical: bool = False
    source_document: str | None = None
    due_on: date | None = None  # a probation case: the probation's last day


class AssessmentDetail(AssessmentOut):
    history: list[EventOut] = []
    daily_records: list[DailyRecordOut] = []
    satisfaction: SatisfactionOut | None = None
    objections: list[ObjectionOut] = []
    suggestion: Suggestion | None = None
    # Exit cases for a person to decide (POLICY.md §9): absences over the plan's limits.
    flags: list[str] = []


class MyAssessment(ResponseModel):
    """A worker's own view: the result and scores once the township has decided (public notice onward)."""

    id: UUID
    year: int
    kind: str
    status: str
    result: str | None
    score: Decimal | None
    dimension_scores: dict[str, Any] | None
    notice_from: date | None
    notice_until: date | None
    revision: int
    tolerance: bool
    self_summary: str | None
    historical: bool = False
    source_document: str | None = None
    # True while the public notice runs: the worker may object now.
    can_object: bool = False
    objections: list[ObjectionOut] = []


class ExitFlag(ResponseModel):
    assessment_id: UUID
    worker_id: UUID
    worker_name: str
    community_code: str
    absent_days: int
    longest_absence_streak: int
    flags: list[str]


class UnitFinalizationIn(StrictModel):
    township_code: Annotated[str, Field(pattern=r"^\d{9}$")]


class UnitFinalized(ResponseModel):
    finalized: list[UUID]


class UnitDecisionIn(StrictModel):
    township_code: Annotated[str, Field(pattern=r"^\d{9}$")]
    # Each decided as proposed; a different result is decided one by one (with its reason).
    assessment_ids: Annotated[list[UUID], Field(min_length=1, max_length=5000)]

    @model_validator(mode="after")
    def _distinct(self) -> UnitDecisionIn:
        if len(set(self.assessment_ids)) != len(self.assessment_ids):
            raise ValueError("考核记录重复 / an assessment is listed twice")
        return self


class UnitDecided(ResponseModel):
    decided: list[UUID]
    notice_from: date
    notice_until: date
