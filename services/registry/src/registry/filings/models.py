from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base
from registry.worker_records import WorkerRecord


class SecretaryFiling(WorkerRecord, Base):
    """The community party secretary filed (备案) with the county (SS: district) organisation department
    (NX 三 加强日常管理; SS 二(四)6)."""

    __tablename__ = "secretary_filing"

    filed_on: Mapped[date] = mapped_column(Date)
    filing_body: Mapped[str] = mapped_column(String(128))
    reference: Mapped[str | None] = mapped_column(String(64), nullable=True)
