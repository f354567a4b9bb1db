import uuid
from datetime import date
from typing import Annotated

from pydantic import Field

from cwm_kit.types import ResponseModel, StrictModel


class CandidateIn(StrictModel):
    township_code: Annotated[str, Field(pattern=r"^\d{9}$")]
    name: Annotated[str, Field(min_length=1, max_length=64)]
    worker_id: uuid.UUID | None = None
    added_on: date
    note: Annotated[str | None, Field(max_length=500)] = None


class CandidateRemoval(StrictModel):
    removed_on: date
    note: Annotated[str | None, Field(max_length=500)] = None


class CandidateOut(ResponseModel):
    id: uuid.UUID
    township_code: str
    name: str
    worker_id: uuid.UUID | None
    added_on: date
    removed_on: date | None
    note: str | None


class PoolLine(ResponseModel):
    township_code: str
    name: str
    secretary_posts: int
    ratio: int
    required: int
    pool: int
    shortfall: int
