import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base


class ManagementRule(Base):
    """One versioned rule document (see quota/rules.py): numbers live here, never in code paths."""

    __tablename__ = "management_rule"
    __table_args__ = (UniqueConstraint("kind", "region_prefix", "effective_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(64))
    # "" = national (CENTRAL); otherwise a 2/4/6/9/12-digit region-code prefix.
    region_prefix: Mapped[str] = mapped_column(String(12))
    effective_from: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(200))
    params: Mapped[dict] = mapped_column(JSONB)
    # Per key, the clause of `source` that states it (shown by the rules API: where each number comes from).
    clauses: Mapped[dict | None] = mapped_column(JSONB, nullable=True)


class QuotaException(Base):
    """A county's approval to staff a county or community above its computed quota (POLICY.md §2)."""

    __tablename__ = "quota_exception"
    __table_args__ = (CheckConstraint("extra_posts > 0", name="extra_positive"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    extra_posts: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(500))
    approved_by: Mapped[str] = mapped_column(String(64))
    approved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)
