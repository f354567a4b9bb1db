import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, SmallInteger, String, func
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base


class Campaign(Base):
    """A recruitment campaign moving through the procedure's steps in order (IM art.8)."""

    __tablename__ = "recruitment_campaign"
    __table_args__ = (CheckConstraint("positions > 0", name="positions_positive"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    # The organising region (a city or county; a township for street-run campaigns where allowed).
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    positions: Mapped[int] = mapped_column(Integer)
    # Index into the procedure's steps (0 = plan).
    step_index: Mapped[int] = mapped_column(SmallInteger, default=0)
    steps: Mapped[list] = mapped_column(JSONB)  # the procedure's step names, frozen when the plan was made
    review_required: Mapped[bool] = mapped_column(default=False)
    reviewed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    review_note: Mapped[str | None] = mapped_column(String(500), nullable=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    @property
    def current_step(self) -> str:
        return self.steps[self.step_index]


class CampaignStep(Base):
    """When each step was entered, by whom (the campaign's history)."""

    __tablename__ = "recruitment_campaign_step"

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("recruitment_campaign.id", ondelete="CASCADE"),
                                                   primary_key=True)
    step_index: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    step: Mapped[str] = mapped_column(String(32))
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    entered_by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(String(500), nullable=True)


class Applicant(Base):
    """A person who registered for a campaign, with the eligibility review's outcome and the outcomes of the
    written test and interview, the medical and the background check (IM art.8 (四)–(六))."""

    __tablename__ = "recruitment_applicant"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("recruitment_campaign.id", ondelete="CASCADE"),
                                                   index=True)
    name: Mapped[str] = mapped_column(String(64))
    national_id: Mapped[str] = mapped_column(String(18))
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date] = mapped_column(Date)
    education: Mapped[str] = mapped_column(String(16))
    facts: Mapped[dict] = mapped_column(JSONB)  # the submitted eligibility facts, as checked
    eligible: Mapped[bool]
    failures: Mapped[list] = mapped_column(JSONB)
    priority: Mapped[list] = mapped_column(JSONB)
    # {"exam" | "medical" | "background_check": {passed, score, note, recorded_by, recorded_at}}; null = none yet.
    outcomes: Mapped[dict | None] = mapped_column(JSONB, nullable=True)
    hired_worker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("worker.id", ondelete="SET NULL"),
                                                          nullable=True)
    hired_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
