import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, func
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base


class WorkerImport(Base):
    """An uploaded worker spreadsheet, validated and parked until someone confirms it."""

    __tablename__ = "worker_import"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    filename: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    uploaded_by: Mapped[str] = mapped_column(String(64))
    # The uploader's jurisdiction: confirm is refused to anyone who could not have uploaded it.
    jurisdiction: Mapped[str] = mapped_column(String(12))
    row_count: Mapped[int] = mapped_column(Integer)
    valid_count: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="validated")  # validated | confirmed
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # After confirm: counts of created / updated / unchanged rows.
    outcome: Mapped[dict | None] = mapped_column(JSONB, nullable=True)


class WorkerImportRow(Base):
    __tablename__ = "worker_import_row"

    import_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("worker_import.id", ondelete="CASCADE"),
                                                 primary_key=True)
    row_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    national_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # The parsed cells (JSON-ready) and, when invalid, the per-field errors.
    data: Mapped[dict] = mapped_column(JSONB)
    errors: Mapped[list] = mapped_column(JSONB, default=list)
    # After confirm: created | updated | unchanged | invalid
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
