"""Monthly payroll runs and what they produced: one payslip per worker, its lines (POLICY.md §5)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from payroll.models import Base

RUN_STATES = ("draft", "calculated", "approved", "paid")
# Run states whose payslips are shown to officers: a draft's payslips are not the run's yet (a split run writes
# them county by county, ADR 0008). Workers see fewer: payslips.repository.WORKER_VISIBLE_STATES.
PAYSLIPS_SHOWN_STATES = ("calculated", "approved", "paid")
# one-off: the month's one-off items not already paid by another run (oneoff; issue 12 「or in a separate run of
# kind one-off」), alone on the payslip.
RUN_KINDS = ("monthly", "year_end", "retiree", "one-off")
# Where the background calculation stands (independent of the business state above).
JOB_STATUSES = ("queued", "running", "succeeded", "failed", "cancelled")
MONEY = Numeric(14, 2)


class PayrollRun(Base):
    """One run per (region, month, kind): the unique constraint is what makes a second start idempotent."""

    __tablename__ = "payroll_run"
    __table_args__ = (
        UniqueConstraint("region_code", "month", "kind"),
        CheckConstraint("state IN ('draft', 'calculated', 'approved', 'paid')", name="state_known"),
        CheckConstraint("kind IN ('monthly', 'year_end', 'retiree', 'one-off')", name="kind_known"),
        CheckConstraint(
            "job_status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')", name="job_status_known"
        ),
        CheckConstraint("length(region_code) IN (2, 4, 6, 9)", name="region_level"),
        CheckConstraint("month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'", name="month_format"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    region_code: Mapped[str] = mapped_column(String(12))
    month: Mapped[str] = mapped_column(String(7))
    kind: Mapped[str] = mapped_column(String(16), server_default="monthly")
    state: Mapped[str] = mapped_column(String(16), server_default="draft")
    job_status: Mapped[str] = mapped_column(String(16), server_default="queued")
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    processed: Mapped[int] = mapped_column(Integer, server_default="0")
    total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Scheme version, reference figures, cursors and source of every input the last calculation used.
    inputs_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSONB, nullable=True)
    worker_count: Mapped[int] = mapped_column(Integer, server_default="0")
    gross_total: Mapped[Decimal] = mapped_column(MONEY, server_default="0")
    net_total: Mapped[Decimal] = mapped_column(MONEY, server_default="0")
    employer_total: Mapped[Decimal] = mapped_column(MONEY, server_default="0")
    arrears_total: Mapped[Decimal] = mapped_column(MONEY, server_default="0")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    calculated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    approved_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    paid_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    paid_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The bank's payroll file (代发文件) last generated, and who generated it; marking the run paid checks it.
    bank_file_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    bank_file_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    bank_file_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class PayslipFigures:
    """The columns a payslip has both as stored (`payslip_compact`) and as read (`payslip`)."""

    kind: Mapped[str] = mapped_column(String(16))
    worker_name: Mapped[str] = mapped_column(String(64))
    community_code: Mapped[str] = mapped_column(String(12))
    township_code: Mapped[str] = mapped_column(String(12))
    county_code: Mapped[str] = mapped_column(String(12))
    post: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # The post's Chinese label and the grade level as calculated (the 工资表 shows words, not codes).
    post_label: Mapped[str | None] = mapped_column(String(64), nullable=True)
    grade_level: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    gross: Mapped[Decimal] = mapped_column(MONEY)
    social_insurance: Mapped[Decimal] = mapped_column(MONEY)
    housing_fund: Mapped[Decimal] = mapped_column(MONEY)
    # This month's basic deduction (累计预扣法): next month's year-to-date is the sum over earlier payslips.
    basic_deduction: Mapped[Decimal] = mapped_column(MONEY)
    tax: Mapped[Decimal] = mapped_column(MONEY)
    net: Mapped[Decimal] = mapped_column(MONEY)
    employer_cost: Mapped[Decimal] = mapped_column(MONEY)
    arrears: Mapped[Decimal] = mapped_column(MONEY, server_default="0")
    # Who pays what: {"region": "…", "city": "…", "county": "…"} (decimal strings).
    funding: Mapped[dict[str, Any]] = mapped_column(JSONB)


class Payslip(PayslipFigures, Base):
    """A worker's pay for a run; the facts and results it was computed from are kept in `inputs`.

    A VIEW over `payslip_compact` (ADR 0007) with the columns the table had: read it, delete from it; runs
    write `payslip_compact`."""

    __tablename__ = "payslip"
    __table_args__ = ({"info": {"is_view": True}},)

    run_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    worker_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7))
    inputs: Mapped[dict[str, Any]] = mapped_column(JSONB)


class PayslipLine(Base):
    """One explained line: label, amount, the policy clause and the inputs it was computed from.

    A VIEW (ADR 0007): the payslip's arrays of line texts and amounts, unnested and joined to the texts."""

    __tablename__ = "payslip_line"
    __table_args__ = ({"info": {"is_view": True}},)

    run_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    worker_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    code: Mapped[str] = mapped_column(String(64))
    label_zh: Mapped[str] = mapped_column(String(128))
    label_en: Mapped[str] = mapped_column(String(128))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    kind: Mapped[str] = mapped_column(String(32))
    clause: Mapped[str | None] = mapped_column(String(500), nullable=True)
    inputs: Mapped[dict[str, Any] | None] = mapped_column(JSONB, nullable=True)
    # Arrears lines: the past month whose difference this line pays (补发) or recovers (补扣).
    arrears_month: Mapped[str | None] = mapped_column(String(7), nullable=True)
    # The payslip's month: a read of one month names it, and only that month's partition is read.
    month: Mapped[str] = mapped_column(String(7))


class PayslipCompact(PayslipFigures, Base):
    """How a payslip is stored (ADR 0007): one row, LIST-partitioned by month (`payslip_partition(month)` adds a
    month's partition). Its lines are a `payslip_line_set` (texts and amounts, shared by workers paid alike) and,
    when some are arrears lines, their months (NULL otherwise). `inputs` is
    `payslip_inputs(inputs_own, inputs_parts)`."""

    __tablename__ = "payslip_compact"
    __table_args__ = (
        ForeignKeyConstraint(["run_id"], ["payroll_run.id"], ondelete="CASCADE"),
        Index("ix_payslip_compact_worker_month", "worker_id", "month"),
        Index("ix_payslip_compact_run_township", "run_id", "township_code"),
        Index("ix_payslip_compact_arrears", "worker_id", postgresql_where="line_arrears IS NOT NULL"),
        {"postgresql_partition_by": "LIST (month)"},
    )

    run_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    worker_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    # One-off earnings and the tax-exempt part of them (NULL: none): arrears and year-to-date read these
    # instead of the lines.
    one_off_gross: Mapped[Decimal | None] = mapped_column(MONEY, nullable=True)
    tax_exempt: Mapped[Decimal | None] = mapped_column(MONEY, nullable=True)
    # A year-end bonus taxed separately (全年一次性奖金单独计税) and that tax (NULL: none). `tax` is the payslip's
    # whole income tax; the year to date (累计预扣法) leaves these two out.
    bonus_separate: Mapped[Decimal | None] = mapped_column(MONEY, nullable=True)
    bonus_tax: Mapped[Decimal | None] = mapped_column(MONEY, nullable=True)
    inputs_own: Mapped[dict[str, Any]] = mapped_column(JSONB)
    inputs_parts: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(UUID(as_uuid=True)))
    line_set: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    line_arrears: Mapped[list[str | None] | None] = mapped_column(ARRAY(String(7)), nullable=True)


class PayslipLineSet(Base):
    """A payslip's lines in order: text ids and amounts, stored once however many payslips carry them."""

    __tablename__ = "payslip_line_set"
    __table_args__ = (CheckConstraint("cardinality(texts) = cardinality(amounts)", name="aligned"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    texts: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(UUID(as_uuid=True)))
    amounts: Mapped[list[Decimal]] = mapped_column(ARRAY(MONEY))


class PayslipLineText(Base):
    """A line's text, stored once however many payslips carry it; the id is a hash of the content."""

    __tablename__ = "payslip_line_text"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    code: Mapped[str] = mapped_column(String(64))
    label_zh: Mapped[str] = mapped_column(String(128))
    label_en: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(32))
    clause: Mapped[str | None] = mapped_column(String(500), nullable=True)
    inputs: Mapped[dict[str, Any] | None] = mapped_column(JSONB, nullable=True)


class PayslipInputPart(Base):
    """One top-level key of payslips' `inputs` (scheme, calculation, grade, a facts template…), stored once."""

    __tablename__ = "payslip_input_part"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    key: Mapped[str] = mapped_column(Text)
    body: Mapped[Any] = mapped_column(JSONB)


class PayrollRunPart(Base):
    """One county of a run's attempt (ADR 0008): its own job and transaction; the run's progress is the sum."""

    __tablename__ = "payroll_run_part"
    __table_args__ = (
        ForeignKeyConstraint(["run_id"], ["payroll_run.id"], ondelete="CASCADE"),
        CheckConstraint("status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')", name="status_known"),
    )

    run_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    attempt: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), server_default="queued")
    processed: Mapped[int] = mapped_column(Integer, server_default="0")
    total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The part's share of the run's inputs snapshot (scheme and figures of its county, changes cursor).
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSONB, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class OneOffItemPayment(Base):
    """Which run's payslip carries a one-off item (line `one_off_<id>`), written with the run's payslips when it
    is calculated (`runs.execution.mark_calculated`). An item is paid once: a monthly or one-off run leaves out
    the items another calculated, approved or paid run carries, and an item an approved run paid is locked."""

    __tablename__ = "one_off_item_payment"
    __table_args__ = (
        ForeignKeyConstraint(["item_id"], ["one_off_item.id"], ondelete="CASCADE"),
        ForeignKeyConstraint(["run_id"], ["payroll_run.id"], ondelete="CASCADE"),
        Index("ix_one_off_item_payment_run_id", "run_id"),
    )

    item_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
