from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Date, DateTime, ForeignKey, Integer, SmallInteger, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base

LEVEL_BY_LENGTH = {2: "province", 4: "city", 6: "county", 9: "township", 12: "community"}


class Region(Base):
    """A division with its 2/4/6/9/12-digit statistical code (POLICY.md §2)."""

    __tablename__ = "region"
    __table_args__ = (
        CheckConstraint("length(code) IN (2, 4, 6, 9, 12)", name="code_length"),
        CheckConstraint("parent_code IS NULL OR code LIKE parent_code || '%'", name="code_under_parent"),
        CheckConstraint("urban_rural IS NULL OR urban_rural IN ('urban', 'rural')", name="urban_rural_known"),
    )

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(16))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"), nullable=True, index=True)
    # Counties: urban permanent residents (quota basis, 18 per 10,000).
    urban_population: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Communities: households (SS quota basis, one worker per ~300).
    households: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # e.g. "mountain" for Ningxia's nine mountain counties (funding split).
    fiscal_category: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # Permanent residents (communities, townships); "urban" 城市社区 or "rural" 农村社区.
    residents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    urban_rural: Mapped[str | None] = mapped_column(String(8), nullable=True)
    # Effective dates: in use from `established_on`, until the day before `retired_on`.
    established_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    retired_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class RegionChange(Base):
    """A region added, renamed, changed or retired, with the date it takes effect (the audit log says who and
    when it was recorded; this says from when it holds)."""

    __tablename__ = "region_change"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    effective_from: Mapped[date] = mapped_column(Date)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONB, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONB, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    changed_by: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class StarRating(Base):
    """The community party organisation's star rating (1–5) for a year."""

    __tablename__ = "star_rating"
    __table_args__ = (CheckConstraint("stars BETWEEN 1 AND 5", name="stars_range"),)

    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)
    year: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    stars: Mapped[int] = mapped_column(SmallInteger)
