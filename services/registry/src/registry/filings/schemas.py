import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field

from cwm_kit.types import PlausibleDate, ResponseModel, StrictModel


class FilingIn(StrictModel):
    worker_id: uuid.UUID
    filed_on: PlausibleDate
    filing_body: Annotated[str, Field(min_length=2, max_length=128)]
    reference: Annotated[str | None, Field(max_length=64)] = None


class FilingOut(ResponseModel):
    id: uuid.UUID
    worker_id: uuid.UUID
    worker_name: str | None = None
    community_code: str
    filed_on: PlausibleDate
    filing_body: str
    reference: str | None
    created_by: str
    created_at: datetime
