from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from cwm_kit.types import PlausibleDate

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
    residents: int | None = None
    urban_rural: str | None = None
    established_on: date | None = None
    retired_on: date | None = None
    star_ratings: list[StarRatingOut] = []


UrbanRural = Literal["urban", "rural"]


class RegionCreate(StrictModel):
    """A new township (9 digits) or community (12 digits) under an existing, unretired parent."""

    code: Annotated[str, Field(pattern=r"^(\d{9}|\d{12})$")]
    name: Annotated[str, Field(min_length=1, max_length=64)]
    households: Annotated[int | None, Field(ge=0, le=10_000_000)] = None
    residents: Annotated[int | None, Field(ge=0, le=100_000_000)] = None
    urban_rural: UrbanRural | None = None
    fiscal_category: Annotated[str | None, Field(max_length=32)] = None
    established_on: PlausibleDate
    reason: Annotated[str | None, Field(max_length=500)] = None


class RegionUpdate(StrictModel):
    name: Annotated[str | None, Field(min_length=1, max_length=64)] = None
    urban_population: Annotated[int | None, Field(ge=0, le=100_000_000)] = None
    households: Annotated[int | None, Field(ge=0, le=10_000_000)] = None
    fiscal_category: Annotated[str | None, Field(max_length=32)] = None
    residents: Annotated[int | None, Field(ge=0, le=100_000_000)] = None
    urban_rural: UrbanRural | None = None
    # The day the change holds from (default today); kept in the region's history.
    effective_from: PlausibleDate | None = None
    reason: Annotated[str | None, Field(max_length=500)] = None

    @field_validator("name")
    @classmethod
    def _name_cannot_be_cleared(cls, value: str | None) -> str:
        # Validators run only on values sent: an explicit null would clear a required column.
        if value is None:
            raise ValueError("地区名称不能为空 / the region name cannot be empty")
        return value


class StarRatingIn(StrictModel):
    stars: Annotated[int, Field(ge=1, le=5)]


class RegionRetire(StrictModel):
    on: PlausibleDate
    reason: Annotated[str, Field(min_length=1, max_length=500)]


class RegionChangeOut(ResponseModel):
    id: int
    code: str
    action: str
    effective_from: date
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None
    changed_by: str
    changed_at: datetime
