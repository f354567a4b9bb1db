"""Requests one officer makes and another decides (maker–checker): quota exceptions, community numbers and
leave. The columns of a decision, and the one way a decision is written (with its audit entry)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Literal

from sqlalchemy import CheckConstraint, DateTime, String
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from cwm_kit import audit
from cwm_kit.security import Principal

from registry.models import audit_log


class Decided:
    """A request one officer makes and another decides: pending until approved or rejected (who, when, why)."""

    status: Mapped[str] = mapped_column(String(16), default="pending")
    decided_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    decision_note: Mapped[str | None] = mapped_column(String(500), nullable=True)


def decided_checks() -> tuple[CheckConstraint, CheckConstraint]:
    return (CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status_known"),
            CheckConstraint("(status = 'pending') = (decided_by IS NULL)", name="decided_unless_pending"))


async def record_decision(session: AsyncSession, principal: Principal, record: Any,
                          decision: Literal["approve", "reject"], note: str | None, action: str,
                          region_code: str) -> None:
    """Writes the caller's decision on a pending `record` (a Decided row) and audits it as `action`.`decision`;
    the checks (who may decide, still pending) are the caller's."""
    before = audit.snapshot(record)
    record.status = "approved" if decision == "approve" else "rejected"
    record.decided_by = principal.subject
    record.decided_at = datetime.now(timezone.utc)
    record.decision_note = note
    await session.flush()
    await audit.record(session, audit_log, principal, action=f"{action}.{decision}", entity=record.__tablename__,
                       entity_id=record.id, region_code=region_code, before=before, after=audit.snapshot(record),
                       reason=note)
