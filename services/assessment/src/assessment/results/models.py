import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Identity, Integer, Numeric, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assessment.models import Base


class PublishedResult(Base):
    """Append-only feed of final results: one row per publication. A correction is a new row with a higher
    revision, so `cursor` (the identity) orders everything consumers must read (docs/contracts.md)."""

    __tablename__ = "published_result"

    cursor: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    worker_id: Mapped[uuid.UUID] = mapped_column(index=True)
    year: Mapped[int] = mapped_column(SmallInteger)
    kind: Mapped[str] = mapped_column(String(16))
    result: Mapped[str] = mapped_column(String(24))
    score: Mapped[Decimal | None] = mapped_column(Numeric(5, 2), nullable=True)
    community_code: Mapped[str] = mapped_column(String(12), index=True)
    finalized_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revision: Mapped[int] = mapped_column(Integer)
    tolerance: Mapped[bool] = mapped_column(Boolean, default=False)
    # A result from before the system (no notice ran in it), with the document it rests on.
    historical: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    source_document: Mapped[str | None] = mapped_column(Text, nullable=True)
