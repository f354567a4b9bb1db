from datetime import date
from typing import Annotated, Any

from pydantic import Field

from cwm_kit.types import ResponseModel, StrictModel


class KeySource(ResponseModel):
    """Where one number comes from: the document (prefix, version, source) and the clause that states it."""

    region_prefix: str
    effective_from: date
    source: str
    clause: str | None = None


class RuleOut(ResponseModel):
    kind: str
    # The most specific document that contributed a key (each key's own origin is in `provenance`).
    region_prefix: str
    effective_from: date
    source: str
    params: dict[str, Any]
    provenance: dict[str, KeySource] = Field(default_factory=dict)


class RuleIn(StrictModel):
    kind: Annotated[str, Field(min_length=3, max_length=64)]
    region_prefix: Annotated[str, Field(pattern=r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$")]
    effective_from: date
    source: Annotated[str, Field(min_length=2, max_length=200)]
    params: dict[str, Any]
    # Per key of `params`, the clause of the source that states it.
    clauses: dict[str, Annotated[str, Field(max_length=500)]] | None = None
