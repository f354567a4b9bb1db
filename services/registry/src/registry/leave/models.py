import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from registry.decisions import Decided
from registry.models import Base

LEAVE_KINDS = ("annual", "sick", "personal", "marriage", "bereavement", "maternity", "other")
LEAVE_STATUSES = ("pending", "approved", "rejected")


class LeaveRequest(Decided, Base):
    """A leave request and its decision (IM art.27 请销假; CENTRAL §9; NX 三): asked by the worker or an officer,
    decided by another officer of the worker's township."""

    __tablename__ = "leave_request"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="period_ordered"),
        CheckConstraint(f"kind IN {LEAVE_KINDS}", name="kind_known"),
        CheckConstraint(f"status IN {LEAVE_STATUSES}", name="status_known"),
        Index("ix_leave_request_worker_start", "worker_id", "start_date"),
        Index("ix_leave_request_community_status", "community_code", "status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("worker.id", ondelete="CASCADE"))
    community_code: Mapped[str] = mapped_column(String(12))
    kind: Mapped[str] = mapped_column(String(16))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    # Working days (Monday to Friday) in the period: what an annual leave takes from the balance.
    days: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(500), nullable=True)
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
