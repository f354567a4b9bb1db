import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from cwm_kit.types import PlausibleDate, ResponseModel, StrictModel

BorrowerLevel = Literal["central", "province", "city", "county", "township", "community", "other"]


class SecondmentApproval(StrictModel):
    """One step the `secondment.limits` rule's `approvals` names: who reviewed (审核) or approved (批准) it."""

    step: Literal["review", "approve"]
    body: Annotated[str, Field(min_length=2, max_length=128)]
    reference: Annotated[str | None, Field(max_length=64)] = None


class SecondmentIn(StrictModel):
    worker_id: uuid.UUID
    start_date: PlausibleDate
    end_date: PlausibleDate
    borrower: Annotated[str, Field(min_length=2, max_length=128)]
    borrower_level: BorrowerLevel
    # Optional here so a missing approval is refused by the policy rule (naming it), not as a bare 422.
    approving_department: Annotated[str | None, Field(max_length=128)] = None
    approval_reference: Annotated[str | None, Field(max_length=64)] = None
    # Each step the rule in force names (SS: district civil-affairs review, then district government approval).
    # Without it, `approving_department` / `approval_reference` stand for a single approval step.
    approvals: Annotated[list[SecondmentApproval] | None, Field(max_length=5)] = None

    @model_validator(mode="after")
    def _ordered(self) -> "SecondmentIn":
        if self.end_date < self.start_date:
            raise ValueError("结束日期早于开始日期 / end_date is before start_date")
        return self


class SecondmentOut(ResponseModel):
    id: uuid.UUID
    worker_id: uuid.UUID
    community_code: str
    start_date: date
    end_date: date
    borrower: str
    borrower_level: str
    approving_department: str
    approval_reference: str | None
    approvals: list[SecondmentApproval] | None = None
    created_by: str
    created_at: datetime


class SecondmentEnd(StrictModel):
    on: PlausibleDate  # the day the worker is back in the community
