from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field

from cwm_kit.types import ResponseModel, StrictModel

from assessment.vocabulary import Result, ResultIn

SourceDocument = Annotated[str, Field(min_length=2, max_length=500, description="依据文件（文号、标题）")]
HistoricalYear = Annotated[int, Field(ge=1978, le=2100)]


class HistoricalIn(StrictModel):
    """One result from before the system, as the officer enters it."""

    worker_id: UUID
    year: HistoricalYear
    result: ResultIn
    source_document: SourceDocument
    note: Annotated[str, Field(max_length=2000)] | None = None


class HistoricalCorrectionIn(StrictModel):
    result: ResultIn
    source_document: SourceDocument
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


class HistoricalOut(ResponseModel):
    id: UUID
    worker_id: UUID
    worker_name: str
    community_code: str
    year: int
    kind: str
    result: Result
    source_document: str
    revision: int
    finalized_by: str | None
    finalized_at: datetime | None
    historical: bool = True


class ImportRow(ResponseModel):
    row: int
    worker_id: UUID | None = None
    name: str | None = None
    year: int | None = None
    result: Result | None = None
    source_document: str | None = None
    status: Literal["valid", "invalid", "imported", "skipped"]
    errors: list[dict[str, str]] = Field(default_factory=list)


class ImportReport(ResponseModel):
    id: UUID
    filename: str
    state: Literal["validated", "confirmed"]
    valid: int
    invalid: int
    imported: int = 0
    rows: list[ImportRow]
