"""Pay scheme versions and reference figures (POLICY.md §5: rules are data, figures arrive late)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, Numeric, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from payroll.models import Base


class PaySchemeVersion(Base):
    """One version of a pay scheme for a region-code prefix. A published version is never edited:
    a later version (same prefix, later or equal effective date) supersedes it."""

    __tablename__ = "pay_scheme_version"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published')", name="status_known"),
        CheckConstraint("length(region_prefix) IN (2, 4, 6, 9, 12)", name="prefix_length"),
        Index("ix_pay_scheme_version_prefix_effective", "region_prefix", "effective_from"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_prefix: Mapped[str] = mapped_column(String(12))
    effective_from: Mapped[date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    document: Mapped[dict[str, Any]] = mapped_column(JSONB)
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("pay_scheme_version.id"), nullable=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    published_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ReferenceFigure(Base):
    """A published statistic for a region and year (average wage, disposable income, contribution base
    limits, housing-fund rate). Provisional and official rows are both kept: the official one supersedes
    the provisional one from its publication date, and payroll-runs computes arrears from the change."""

    __tablename__ = "reference_figure"
    __table_args__ = (
        CheckConstraint("status IN ('provisional', 'official')", name="status_known"),
        CheckConstraint(
            "kind IN ('avg_wage_annual', 'avg_wage_monthly', 'disposable_income', 'si_base_floor', "
            "'si_base_ceiling', 'housing_fund_rate')", name="kind_known"),
        CheckConstraint("value >= 0", name="value_not_negative"),
        Index("ix_reference_figure_lookup", "kind", "year", "region_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(String(12))
    region_name: Mapped[str] = mapped_column(String(64), default="")
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    status: Mapped[str] = mapped_column(String(16))
    published_on: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
