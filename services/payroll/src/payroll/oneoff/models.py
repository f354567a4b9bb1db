"""One-off items of a month (heating allowance, work subsidy, back pay, recovery, salary advance repaid)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, DateTime, Index, Integer, Numeric, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from payroll.models import Base


class OneOffItem(Base):
    """An amount for one worker in one month, with its clause and whether it is taxed; the month's run
    puts it on the payslip as line `one_off_<id>`. Locked once a run paying that month is approved."""

    __tablename__ = "one_off_item"
    __table_args__ = (
        CheckConstraint("month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'", name="month_format"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("source IN ('officer', 'import')", name="source_known"),
        Index("ix_one_off_item_worker_month", "worker_id", "month"),
        Index("ix_one_off_item_region_month", "region_code", "month"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    worker_id: Mapped[str] = mapped_column(String(64))
    worker_name: Mapped[str] = mapped_column(String(64), server_default="")
    region_code: Mapped[str] = mapped_column(String(12))
    month: Mapped[str] = mapped_column(String(7))
    kind: Mapped[str] = mapped_column(String(32))
    label_zh: Mapped[str] = mapped_column(String(60))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    taxable: Mapped[bool] = mapped_column(Boolean, server_default="true")
    clause: Mapped[str] = mapped_column(String(300), server_default="")
    basis: Mapped[str] = mapped_column(Text, server_default="")
    source: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
