from typing import Annotated

from pydantic import Field, field_validator

from cwm_kit.types import ResponseModel, StrictModel


class StarRatingOut(ResponseModel):
    year: int
    stars: int


class RegionOut(ResponseModel):
    code: str
    name: str
    level: str
    parent_code: str | None
    urban_population: int | None
    households: int | None
    fiscal_category: str | None
    star_ratings: list[StarRatingOut] = []


class RegionUpdate(StrictModel):
    name: Annotated[str | None, Field(min_length=1, max_length=64)] = None
    urban_population: Annotated[int | None, Field(ge=0, le=100_000_000)] = None
    households: Annotated[int | None, Field(ge=0, le=10_000_000)] = None
    fiscal_category: Annotated[str | None, Field(max_length=32)] = None

    @field_validator("name")
    @classmethod
    def _name_cannot_be_cleared(cls, value: str | None) -> str:
        # Validators run only on values sent: an explicit null would clear a required column.
        if value is None:
            raise ValueError("地区名称不能为空 / the region name cannot be empty")
        return value


class StarRatingIn(StrictModel):
    stars: Annotated[int, Field(ge=1, le=5)]
