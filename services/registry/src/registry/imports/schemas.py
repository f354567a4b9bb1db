import uuid
from datetime import datetime

from pydantic import BaseModel


class RowError(BaseModel):
    field: str
    code: str
    message_zh: str
    message_en: str


class ImportRowOut(BaseModel):
    row_number: int
    national_id: str | None  # masked
    # Before confirm: create | update | unchanged | invalid (the plan); after: what happened.
    outcome: str
    errors: list[RowError]


class ImportReport(BaseModel):
    id: uuid.UUID
    filename: str
    status: str
    created_at: datetime
    confirmed_at: datetime | None
    row_count: int
    valid_count: int
    invalid_count: int
    counts: dict[str, int]
    rows: list[ImportRowOut]
