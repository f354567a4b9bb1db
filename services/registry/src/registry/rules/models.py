from datetime import date

from sqlalchemy import Date, Integer, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base


class ManagementRule(Base):
    """One versioned rule document (see rules/service.py): numbers live here, never in code paths."""

    __tablename__ = "management_rule"
    __table_args__ = (UniqueConstraint("kind", "region_prefix", "effective_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(64))
    # "" = national (CENTRAL); otherwise a 2/4/6/9/12-digit region-code prefix.
    region_prefix: Mapped[str] = mapped_column(String(12))
    effective_from: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(200))
    params: Mapped[dict] = mapped_column(JSONB)
    # Per key, the clause of `source` that states it (shown by the rules API: where each number comes from).
    clauses: Mapped[dict | None] = mapped_column(JSONB, nullable=True)
