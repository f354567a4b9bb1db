from typing import Annotated

from pydantic import Field

from cwm_kit.types import RegionCode, ResponseModel, StrictModel


class PostOut(ResponseModel):
    code: str
    jurisdiction_prefix: str
    label_zh: str
    label_en: str
    committee: bool
    head: bool
    contract_term_years: int | None


class PostIn(StrictModel):
    code: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,31}$")]
    jurisdiction_prefix: RegionCode
    label_zh: Annotated[str, Field(min_length=1, max_length=64)]
    label_en: Annotated[str, Field(min_length=1, max_length=64)]
    committee: bool
    head: bool = False
    contract_term_years: Annotated[int | None, Field(ge=1, le=10)] = None
    rank: Annotated[int, Field(ge=0, le=100)] = 0


class PostUpdate(StrictModel):
    label_zh: Annotated[str | None, Field(min_length=1, max_length=64)] = None
    label_en: Annotated[str | None, Field(min_length=1, max_length=64)] = None
    committee: bool | None = None
    head: bool | None = None
    contract_term_years: Annotated[int | None, Field(ge=1, le=10)] = None
    rank: Annotated[int | None, Field(ge=0, le=100)] = None
