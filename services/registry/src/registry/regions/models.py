from sqlalchemy import CheckConstraint, ForeignKey, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base

LEVEL_BY_LENGTH = {2: "province", 4: "city", 6: "county", 9: "township", 12: "community"}


class Region(Base):
    """A division with its 2/4/6/9/12-digit statistical code (POLICY.md §2)."""

    __tablename__ = "region"
    __table_args__ = (
        CheckConstraint("length(code) IN (2, 4, 6, 9, 12)", name="code_length"),
        CheckConstraint("parent_code IS NULL OR code LIKE parent_code || '%'", name="code_under_parent"),
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


class StarRating(Base):
    """The community party organisation's star rating (1–5) for a year."""

    __tablename__ = "star_rating"
    __table_args__ = (CheckConstraint("stars BETWEEN 1 AND 5", name="stars_range"),)

    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)
    year: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    stars: Mapped[int] = mapped_column(SmallInteger)
