import uuid
from datetime import date

from sqlalchemy import ForeignKey, BigInteger, Date, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base


class HouseholdVisit(Base):
    """One household visit by a worker (入户走访, POLICY.md §7: SS ≥ 30 a month)."""

    __tablename__ = "household_visit"
    __table_args__ = (Index("ix_household_visit_worker_date", "worker_id", "visit_date"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("worker.id", ondelete="CASCADE"))
    visit_date: Mapped[date] = mapped_column(Date)
    household: Mapped[str] = mapped_column(String(128))
    note: Mapped[str | None] = mapped_column(String(500), nullable=True)
