import uuid
from datetime import date
from typing import Annotated

from pydantic import Field

from cwm_kit.types import CoveredRegion, ResponseModel, StrictModel, YearMonth


class VisitIn(StrictModel):
    worker_id: uuid.UUID
    visit_date: date
    household: Annotated[str, Field(min_length=1, max_length=128)]
    note: Annotated[str | None, Field(max_length=500)] = None


class VisitBatchIn(StrictModel):
    visits: Annotated[list[VisitIn], Field(min_length=1, max_length=20_000)]


class VisitBatchOut(ResponseModel):
    recorded: int


class VisitShortfall(ResponseModel):
    worker_id: uuid.UUID
    name: str
    community_code: str
    visits: int
    required: int
    shortfall: int


class VisitReport(ResponseModel):
    region: CoveredRegion
    month: YearMonth
    workers: int
    with_shortfall: int
    items: list[VisitShortfall]
    total: int
    page: int
    size: int
