import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from registry.decisions import Decided, decided_checks
from registry.models import Base


class QuotaException(Decided, Base):
    """A request to staff a county or community above its computed quota, and its decision (POLICY.md §2)."""

    __tablename__ = "quota_exception"
    __table_args__ = (CheckConstraint("extra_posts > 0", name="extra_positive"), *decided_checks())

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    extra_posts: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(500))
    # Requested by one officer, decided (approved / rejected) by another of a level the quota.approval rule
    # lists (IM art.6: the city for a county's total); only approved exceptions count.
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)


class CommunityNumber(Decided, Base):
    """A community's approved number of workers (IM art.6: proposed by the county social-work department, approved
    by the county, filed with the city): when one is approved and in force it replaces the households formula."""

    __tablename__ = "community_number"
    __table_args__ = (CheckConstraint("number > 0", name="number_positive"), *decided_checks(),
                      CheckConstraint("filed_on IS NULL OR status = 'approved'", name="filed_only_if_approved"))

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(500))
    proposed_by: Mapped[str] = mapped_column(String(64))
    proposed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # 备案: the body it was filed with (IM: the city's social-work department), the day and the reference.
    filed_with: Mapped[str | None] = mapped_column(String(128), nullable=True)
    filed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    filed_reference: Mapped[str | None] = mapped_column(String(64), nullable=True)
    filed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
