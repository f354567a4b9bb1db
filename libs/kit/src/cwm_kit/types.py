"""Small value types shared by every schema: strict models, money, months, region codes."""

from __future__ import annotations

import copy
import types
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    PlainSerializer,
    field_validator,
    model_validator,
)
from pydantic_core import CoreSchema

CENT = Decimal("0.01")


def money(value: Decimal | int | str) -> Decimal:
    """Decimal yuan, two places, half-up: the only rounding money ever gets."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


# Serialised as a string so no client ever turns it into a binary float.
Money = Annotated[Decimal, PlainSerializer(lambda v: str(money(v)), return_type=str, when_used="json")]
YEAR_MONTH_PATTERN = r"(19|2\d)\d{2}-(0[1-9]|1[0-2])"  # a month as `YYYY-MM`, unanchored (path and query patterns)
YearMonth = Annotated[str, Field(pattern=f"^{YEAR_MONTH_PATTERN}$", examples=["2025-03"])]
# Dates a person means: keeps "0" (read as 1970-01-01) or year 0001 out of the date arithmetic.
EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2100, 12, 31)
PlausibleDate = Annotated[date, Field(ge=EARLIEST_DATE, le=LATEST_DATE)]
RegionCode = Annotated[str, Field(pattern=r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$", examples=["640104"])]
# A report's `region`: what its figures cover. A region wider than the caller's jurisdiction (an ancestor) is
# narrowed to the jurisdiction (`Principal.scope_prefix`), and this says so: the figures are never read as the
# wider region's. One outside the jurisdiction is a 404.
CoveredRegion = Annotated[str, Field(description="the region the figures cover: the one asked for, or the caller's "
                                                 "jurisdiction when a wider region was asked", examples=["640104"])]


_STRICT_TYPES = frozenset({"bool", "int", "float"})


def _strict_scalars(schema: object, owner: type) -> None:
    """Mark every bool, int and float in `owner`'s core schema strict, down into lists, dicts and unions. A nested
    StrictModel is strict by its own schema; another model (an upstream record reused in a preview) keeps its
    own rules."""
    if isinstance(schema, list):
        for item in schema:
            _strict_scalars(item, owner)
        return
    if not isinstance(schema, dict):
        return
    if schema.get("type") == "model" and schema["cls"] is not owner:
        return
    if isinstance(schema.get("type"), str) and schema["type"] in _STRICT_TYPES:  # not a field called "type"
        schema["strict"] = True
    for value in schema.values():
        if isinstance(value, dict | list):
            _strict_scalars(value, owner)


class StrictModel(BaseModel):
    """Request bodies: unknown fields are an error, not silently dropped, and every date is one a person means
    (1900-01-01 to 2100-12-31): a year 0001 or 9999 would otherwise count as decades of service, or overflow
    the date arithmetic of a contract's end, and answer 500.

    A yes/no takes JSON true or false only, and a whole number (or a float) a JSON number only: lax validation
    would read "yes", "on", "1" or 1 as true and "12" as 12, storing what the client never said. Dates, UUIDs
    and enums still come as strings, and Decimals (money, scores) as strings or numbers. A spreadsheet import,
    whose cells are text like a query string's, validates with `model_validate(..., strict=False)`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: type[BaseModel], handler: GetCoreSchemaHandler) -> CoreSchema:
        # Marked on a copy: a part of the schema may be shared with other models, which keep their own rules.
        schema = copy.deepcopy(handler(source))
        _strict_scalars(schema, source)
        return schema

    @model_validator(mode="before")
    @classmethod
    def _no_true_for_a_number(cls, data: object) -> object:
        # Lax validation reads JSON true as 1 (a headcount, an amount): a client's slip, not a value. Handing the
        # field a value of no type makes it fail as that field's own type error (e.g. int_type), named by field.
        if not isinstance(data, dict):
            return data
        fields = {field.alias or name: field for name, field in cls.model_fields.items()}
        slips = {key: _NotAValue(value) for key, value in data.items() if isinstance(value, bool)
                 and key in fields and not _accepts_bool(fields[key].annotation)}
        return {**data, **slips} if slips else data

    @field_validator("*", mode="after")
    @classmethod
    def _dates_a_person_means(cls, value: object) -> object:
        if type(value) is date and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise ValueError(f"日期须在 {EARLIEST_DATE} 至 {LATEST_DATE} 之间 / "
                             f"a date must be between {EARLIEST_DATE} and {LATEST_DATE}")
        return value


class _NotAValue:
    """A JSON true/false sent for a field that is not a yes/no: no field type accepts it."""

    def __init__(self, value: bool) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "true" if self.value else "false"


def _accepts_bool(annotation: object) -> bool:
    if annotation is bool or annotation is Any or annotation is object:
        return True
    origin = get_origin(annotation)
    if origin is Annotated or origin is Union or origin is types.UnionType:
        return any(_accepts_bool(arg) for arg in get_args(annotation))
    if origin is Literal:
        return any(isinstance(arg, bool) for arg in get_args(annotation))
    return False


class ResponseModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)
