import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, CheckConstraint, Date, DateTime, Index, Numeric, String, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base

TRAINING_KINDS = ("initial", "in_service", "special")
ORGANISER_LEVELS = ("national", "province", "city", "county", "township", "community")


class TrainingRecord(Base):
    """One training a worker attended (POLICY.md §6)."""

    __tablename__ = "training_record"
    __table_args__ = (
        CheckConstraint("hours > 0 AND hours <= 2000", name="hours_range"),
        CheckConstraint(f"kind IN {TRAINING_KINDS}", name="kind_known"),
        CheckConstraint(f"organiser_level IN {ORGANISER_LEVELS}", name="organiser_known"),
        Index("ix_training_record_worker_date", "worker_id", "training_date"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("worker.id", ondelete="CASCADE"))
    training_date: Mapped[date] = mapped_column(Date)
    hours: Mapped[Decimal] = mapped_column(Numeric(6, 1))
    kind: Mapped[str] = mapped_column(String(16))
    organiser_level: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
