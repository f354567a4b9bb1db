import uuid
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from assessment.models import Base


class HistoricalImport(Base):
    """An uploaded sheet of results from before the system: validated row by row and parked until the
    uploader (or an officer of the same jurisdiction) confirms it."""

    __tablename__ = "historical_import"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    filename: Mapped[str] = mapped_column(String(255))
    uploaded_by: Mapped[str] = mapped_column(String(64))
    # The uploader's jurisdiction: only officers covering it may read or confirm the import.
    jurisdiction: Mapped[str] = mapped_column(String(12))
    state: Mapped[str] = mapped_column(String(16), default="validated")  # validated | confirmed
    # [{row, worker_id, name, community_code, year, result, source_document, status, errors}]
    rows: Mapped[list] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    imported: Mapped[int] = mapped_column(Integer, default=0)
