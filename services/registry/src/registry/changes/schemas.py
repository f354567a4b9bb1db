from datetime import datetime

from pydantic import BaseModel


class ChangeOut(BaseModel):
    cursor: int
    entity: str
    entity_id: str
    worker_id: str | None
    region_code: str | None
    action: str
    at: datetime


class ChangePage(BaseModel):
    items: list[ChangeOut]
    # Pass back as `after` to continue; equals `after` when nothing new arrived.
    next_cursor: int
