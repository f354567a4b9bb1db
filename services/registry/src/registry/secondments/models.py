import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, CheckConstraint, Date, DateTime, Index, String, func
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base

BORROWER_LEVELS = ("central", "province", "city", "county", "township", "community", "other")


class Secondment(Base):
    """A worker lent to another body for a period (借调, POLICY.md §7); refused outside the limits."""

    __tablename__ = "secondment"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="period_ordered"),
        CheckConstraint(f"borrower_level IN {BORROWER_LEVELS}", name="borrower_level_known"),
        Index("ix_secondment_community_period", "community_code", "start_date", "end_date"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("worker.id", ondelete="CASCADE"), index=True)
    # The worker's community when seconded (the per-community limit counts by it).
    community_code: Mapped[str] = mapped_column(String(12))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    borrower: Mapped[str] = mapped_column(String(128))
    borrower_level: Mapped[str] = mapped_column(String(16))
    approving_department: Mapped[str] = mapped_column(String(128))
    approval_reference: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Every step the rule named, as given: [{step, body, reference}] (null on records made before it was asked).
    approvals: Mapped[list | None] = mapped_column(JSONB, nullable=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
