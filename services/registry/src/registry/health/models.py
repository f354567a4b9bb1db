from datetime import date

from sqlalchemy import Date, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base
from registry.worker_records import WorkerRecord


class HealthCheck(WorkerRecord, Base):
    """A worker's health check (NX 四 「每年组织1次体检」; CENTRAL §14 「定期组织体检」)."""

    __tablename__ = "health_check"
    __table_args__ = (Index("ix_health_check_worker_date", "worker_id", "checked_on"),)

    checked_on: Mapped[date] = mapped_column(Date)
    institution: Mapped[str] = mapped_column(String(128))
    note: Mapped[str | None] = mapped_column(String(500), nullable=True)
