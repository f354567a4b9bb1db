from datetime import date, datetime

from sqlalchemy import Date, DateTime, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base


class StatsSnapshot(Base):
    """One scope's statistics as last computed (ADR 0006): dashboards are answered from this row, never by
    computing. `basis` is what the numbers were computed from (the day, the latest audited write and rule):
    while it is unchanged a refresh only moves `checked_at`."""

    __tablename__ = "stats_snapshot"

    # The asker's jurisdiction is part of the key: the quota lines an answer holds depend on it.
    jurisdiction: Mapped[str] = mapped_column(String(12), primary_key=True)
    scope: Mapped[str] = mapped_column(String(12), primary_key=True)
    version: Mapped[str] = mapped_column(String(32))  # the ETag
    basis: Mapped[str] = mapped_column(String(100))
    as_of: Mapped[date] = mapped_column(Date)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # When the numbers were last known current (computed, or re-checked against an unchanged basis).
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    body: Mapped[bytes] = mapped_column(LargeBinary)  # the JSON answer, sent as it is
    # When a poll last asked for it (recorded at most every `touch_seconds` per process): the refresher process
    # keeps the scopes polled within `stats_idle_seconds` fresh.
    polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
