"""Workers' declarations of special additional deductions (专项附加扣除) and other deductions, per tax year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (CheckConstraint, DateTime, Index, Integer, Numeric, SmallInteger, String, Text, UniqueConstraint,
                        func)
from sqlalchemy.orm import Mapped, mapped_column

from payroll.models import Base

SOURCES = ("self", "officer", "import")
BONUS_METHODS = ("combined", "separate")


class TaxDeclaration(Base):
    """One declared deduction: what (kind, variant, units), how much a month (the year's amount for a
    once-a-year item), which months of the tax year, on what basis, and who entered it."""

    __tablename__ = "tax_declaration"
    __table_args__ = (
        CheckConstraint("start_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'", name="start_month_format"),
        CheckConstraint("end_month IS NULL OR (end_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND end_month >= start_month"
                        " AND left(end_month, 4) = left(start_month, 4))", name="end_month_in_year"),
        CheckConstraint("left(start_month, 4)::int = tax_year", name="start_month_in_year"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("units BETWEEN 1 AND 20", name="units_range"),
        CheckConstraint("source IN ('self', 'officer', 'import')", name="source_known"),
        Index("ix_tax_declaration_worker_year", "worker_id", "tax_year"),
        Index("ix_tax_declaration_region", "region_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    worker_id: Mapped[str] = mapped_column(String(64))
    worker_name: Mapped[str] = mapped_column(String(64), server_default="")
    # The worker's community when declared: officers see declarations inside their prefix.
    region_code: Mapped[str] = mapped_column(String(12))
    tax_year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    variant: Mapped[str] = mapped_column(String(40), server_default="standard")
    units: Mapped[int] = mapped_column(SmallInteger, server_default="1")
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    start_month: Mapped[str] = mapped_column(String(7))
    end_month: Mapped[str | None] = mapped_column(String(7), nullable=True)
    basis: Mapped[str] = mapped_column(Text, server_default="")
    source: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class YearEndBonusElection(Base):
    """How a worker's year-end one-off bonus (全年一次性奖金) is taxed in one tax year: `combined` (added to the
    cumulative income, the default when no row exists) or `separate` (the year's tax rules, `year_end_bonus`). One
    row per worker and tax year; who recorded it last and when (the audit log keeps every change)."""

    __tablename__ = "year_end_bonus_election"
    __table_args__ = (
        UniqueConstraint("worker_id", "tax_year"),
        CheckConstraint("method IN ('combined', 'separate')", name="method_known"),
        CheckConstraint("tax_year BETWEEN 2019 AND 2100", name="tax_year_range"),
        Index("ix_year_end_bonus_election_region", "region_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    worker_id: Mapped[str] = mapped_column(String(64))
    worker_name: Mapped[str] = mapped_column(String(64), server_default="")
    # The worker's community when recorded: officers see elections inside their prefix.
    region_code: Mapped[str] = mapped_column(String(12))
    tax_year: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))
    updated_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
