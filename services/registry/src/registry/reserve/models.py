import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, String
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base


class ReserveCandidate(Base):
    """A party-secretary candidate in a street's reserve pool (NX: 1:3, POLICY.md §3)."""

    __tablename__ = "reserve_candidate"
    __table_args__ = (CheckConstraint("removed_on IS NULL OR removed_on >= added_on", name="period_ordered"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    township_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    # A candidate may be a serving worker or someone from outside the registry.
    worker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("worker.id", ondelete="SET NULL"), nullable=True)
    added_on: Mapped[date] = mapped_column(Date)
    removed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str | None] = mapped_column(String(500), nullable=True)
