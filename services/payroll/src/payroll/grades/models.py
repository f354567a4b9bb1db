"""Payroll's projection of what a grade needs (ADR 0005): per (worker, month), the registry's facts line and the
worker's final assessment results, exactly as the live feeds answered them. Filled from the feeds a community
at a time, invalidated from the registry's change feed and assessment's results feed, never older than
`grade_projection_max_age_seconds`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from payroll.models import Base


class GradeInput(Base):
    __tablename__ = "grade_input"

    worker_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    community_code: Mapped[str] = mapped_column(String(12), index=True)
    facts: Mapped[dict] = mapped_column(JSONB)
    results: Mapped[list] = mapped_column(JSONB)
    refreshed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class GradeFeedCursor(Base):
    """How far the invalidation job has read each upstream feed (registry changes, assessment results)."""

    __tablename__ = "grade_feed_cursor"

    feed: Mapped[str] = mapped_column(String(32), primary_key=True)
    cursor: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
