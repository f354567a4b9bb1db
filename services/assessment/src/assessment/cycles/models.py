import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, SmallInteger, String, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from assessment.models import Base


class Cycle(Base):
    """One county's annual assessment for one year, with the guidance plan it runs under (POLICY.md §8).

    `plan` is the versioned rule document (dimensions and weights, thresholds, deadlines, quota, who is
    assessed), frozen into the cycle so later changes to the defaults never rewrite a past year.
    """

    __tablename__ = "cycle"
    __table_args__ = (
        UniqueConstraint("county_code", "year"),
        CheckConstraint("length(county_code) = 6", name="county_code_length"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    year: Mapped[int] = mapped_column(SmallInteger)
    county_code: Mapped[str] = mapped_column(String(6))
    name: Mapped[str] = mapped_column(String(128))
    plan: Mapped[dict] = mapped_column(JSONB)
    opened_by: Mapped[str] = mapped_column(String(64))
    opened_by_name: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class DecidingUnit(Base):
    """The township whose party committee decides; its row is the lock that serialises quota checks."""

    __tablename__ = "deciding_unit"

    cycle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cycle.id", ondelete="CASCADE"), primary_key=True)
    township_code: Mapped[str] = mapped_column(String(9), primary_key=True)
