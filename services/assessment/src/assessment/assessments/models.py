import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (BigInteger, Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, Numeric,
                        SmallInteger, String, Text, UniqueConstraint, func, text)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from assessment.models import Base

RESULTS_SQL = "('excellent', 'competent', 'basically_competent', 'incompetent')"


class Assessment(Base):
    """One worker's assessment in one cycle: the snapshot of who they were, the inputs' outcome, and where
    the workflow stands (pending → proposed → notice → final; reopen goes back to proposed).

    A result from before the system (`historical`) has no cycle: an officer enters or imports it, final at
    once with its source document (no public notice runs today), and it feeds grades like any final result.
    """

    __tablename__ = "assessment"
    __table_args__ = (
        UniqueConstraint("cycle_id", "worker_id"),
        CheckConstraint("status IN ('pending', 'proposed', 'notice', 'final')", name="status_known"),
        CheckConstraint("kind IN ('annual', 'probation')", name="kind_known"),
        CheckConstraint(f"result IS NULL OR result IN {RESULTS_SQL}", name="result_known"),
        CheckConstraint(f"proposed_result IS NULL OR proposed_result IN {RESULTS_SQL}", name="proposed_result_known"),
        CheckConstraint("status <> 'final' OR result IS NOT NULL", name="final_has_result"),
        CheckConstraint("community_code LIKE township_code || '%'", name="community_in_township"),
        CheckConstraint("cycle_id IS NOT NULL OR NOT historical OR (status = 'final' AND source_document IS NOT NULL)",
                        name="historical_is_final_with_source"),
        Index("ix_assessment_cycle_township", "cycle_id", "township_code"),
        # One probation case per worker and probation end (opened whatever the month, no cycle).
        Index("uq_assessment_probation_case", "worker_id", "due_on", unique=True,
              postgresql_where=text("cycle_id IS NULL AND kind = 'probation'")),
        # One historical result per worker, year and kind.
        Index("uq_assessment_historical", "worker_id", "year", "kind", unique=True,
              postgresql_where=text("historical")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    cycle_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), nullable=True)
    year: Mapped[int] = mapped_column(SmallInteger)
    # Snapshot of the registry's facts when the worker was listed.
    worker_id: Mapped[uuid.UUID] = mapped_column(index=True)
    worker_name: Mapped[str] = mapped_column(String(64))
    community_code: Mapped[str] = mapped_column(String(12), index=True)
    township_code: Mapped[str] = mapped_column(String(9))
    county_code: Mapped[str] = mapped_column(String(6))
    post: Mapped[str | None] = mapped_column(String(32), nullable=True)
    kind: Mapped[str] = mapped_column(String(16), default="annual")
    status: Mapped[str] = mapped_column(String(16), default="pending")

    self_summary: Mapped[str | None] = mapped_column(Text, nullable=True)
    community_review: Mapped[str | None] = mapped_column(Text, nullable=True)

    proposed_result: Mapped[str | None] = mapped_column(String(24), nullable=True)
    proposed_score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2), nullable=True)
    proposal_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    proposed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    proposed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # {dimension code: "85.00"} as proposed (and kept through the decision).
    dimension_scores: Mapped[dict | None] = mapped_column(JSONB, nullable=True)

    result: Mapped[str | None] = mapped_column(String(24), nullable=True)
    score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2), nullable=True)
    decision_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    notice_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    notice_until: Mapped[date | None] = mapped_column(Date, nullable=True)  # last day of the notice, inclusive
    finalized_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    finalized_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # How many times this result has been published (1 = first final, 2 = first correction, ...).
    revision: Mapped[int] = mapped_column(Integer, default=0)

    tolerance: Mapped[bool] = mapped_column(Boolean, default=False)  # 容错 (IM art.36)
    tolerance_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    # A result from before the system, entered or imported with the document it comes from.
    historical: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    source_document: Mapped[str | None] = mapped_column(Text, nullable=True)
    # A probation case (no cycle): the plan frozen when it opened and the probation's last day.
    plan: Mapped[dict | None] = mapped_column(JSONB, nullable=True)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class AssessmentEvent(Base):
    """The workflow history: every step with who, when, from which state to which, and why."""

    __tablename__ = "assessment_event"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    to_status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    actor: Mapped[str] = mapped_column(String(64))
    actor_role: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    data: Mapped[dict | None] = mapped_column(JSONB, nullable=True)


class DailyRecord(Base):
    """A month's (YYYY-MM) or quarter's (YYYY-Qn) daily-management score and absences. One worker's records in a
    cycle never cover a month twice (a month is recorded monthly or in its quarter, not both)."""

    __tablename__ = "daily_record"
    __table_args__ = (
        CheckConstraint("absent_days >= 0 AND longest_absence_streak >= 0", name="absences_non_negative"),
        CheckConstraint("longest_absence_streak <= absent_days", name="streak_within_absences"),
        CheckConstraint("absent_at_start >= 0 AND absent_at_end >= 0", name="edges_non_negative"),
        CheckConstraint("absent_at_start <= longest_absence_streak AND absent_at_end <= longest_absence_streak",
                        name="edges_within_streak"),
    )

    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"),
                                                     primary_key=True)
    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2), nullable=True)
    absent_days: Mapped[int] = mapped_column(Integer, default=0)
    longest_absence_streak: Mapped[int] = mapped_column(Integer, default=0)
    # Consecutive days absent from the period's first day / up to its last day: a streak across two periods
    # is the one's absent_at_end joined to the next's absent_at_start (assessments/absences.py).
    absent_at_start: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    absent_at_end: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SatisfactionSurvey(Base):
    """Residents' satisfaction (满意度测评): votes per option or a direct score, and the score it gives."""

    __tablename__ = "satisfaction_survey"

    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"),
                                                     primary_key=True)
    respondents: Mapped[int] = mapped_column(Integer)
    votes: Mapped[dict | None] = mapped_column(JSONB, nullable=True)
    score: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Objection(Base):
    """A worker's objection during the public notice; open objections block finalisation."""

    __tablename__ = "objection"
    __table_args__ = (CheckConstraint("status IN ('open', 'upheld', 'rejected')", name="status_known"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    worker_id: Mapped[uuid.UUID] = mapped_column()
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    raised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    resolution: Mapped[str | None] = mapped_column(Text, nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
