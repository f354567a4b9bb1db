import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field

from cwm_kit.types import CoveredRegion, PlausibleDate, ResponseModel, StrictModel


class HealthCheckIn(StrictModel):
    worker_id: uuid.UUID
    checked_on: PlausibleDate
    institution: Annotated[str, Field(min_length=2, max_length=128)]
    note: Annotated[str | None, Field(max_length=500)] = None


class HealthCheckOut(ResponseModel):
    id: uuid.UUID
    worker_id: uuid.UUID
    worker_name: str | None = None
    community_code: str
    checked_on: PlausibleDate
    institution: str
    note: str | None
    created_by: str
    created_at: datetime


class MissingCheck(ResponseModel):
    worker_id: uuid.UUID
    name: str
    community_code: str
    checks: int
    required: int


class HealthCheckReport(ResponseModel):
    region: CoveredRegion
    year: int
    workers: int
    missing: int
    items: list[MissingCheck]
    total: int
    page: int
    size: int
