import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field

from cwm_kit.types import PlausibleDate, ResponseModel, StrictModel

LeaveKind = Literal["annual", "sick", "personal", "marriage", "bereavement", "maternity", "other"]
LeaveStatus = Literal["pending", "approved", "rejected"]


class MyLeaveIn(StrictModel):
    kind: LeaveKind
    start_date: PlausibleDate
    end_date: PlausibleDate
    reason: Annotated[str | None, Field(max_length=500)] = None


class LeaveIn(MyLeaveIn):
    worker_id: uuid.UUID


class LeaveDecision(StrictModel):
    decision: Literal["approve", "reject"]
    note: Annotated[str | None, Field(max_length=500)] = None


class LeaveOut(ResponseModel):
    id: uuid.UUID
    worker_id: uuid.UUID
    worker_name: str | None = None
    community_code: str
    kind: LeaveKind
    start_date: PlausibleDate
    end_date: PlausibleDate
    days: int
    reason: str | None
    status: LeaveStatus
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None


class LeaveBalance(ResponseModel):
    worker_id: uuid.UUID
    year: int
    # Completed years of counted service on 1 January of the year (cwm_kit.service_years).
    service_years: Decimal
    entitled_days: int
    used_days: int
    pending_days: int
    remaining_days: int
    rule: dict[str, Any] | None
