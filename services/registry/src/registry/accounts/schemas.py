from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, field_validator

from cwm_kit.types import ResponseModel, StrictModel

# Roles an administrator may hand out (workers get accounts from their record; services never).
GrantableRole = Literal["provincial_admin", "city_officer", "county_officer", "township_officer", "party_secretary",
                        "finance_officer", "auditor"]
Jurisdiction = Annotated[str, Field(pattern=r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$")]


class AccountOut(ResponseModel):
    id: uuid.UUID
    username: str
    display_name: str
    role: str
    jurisdiction: str
    jurisdiction_name: str | None = None
    phone: str | None = None  # masked per role like a worker's phone
    worker_id: uuid.UUID | None = None
    active: bool
    must_change_password: bool
    # Too many failed logins in the window: logins are refused until it passes or an administrator unlocks.
    locked: bool = False
    failed_logins: int = 0
    created_at: datetime
    created_by: str | None = None
    deactivated_at: datetime | None = None


class AccountCreate(StrictModel):
    username: Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]{2,63}$",
                                   description="login name: a letter, then letters, digits, _ . -")]
    display_name: Annotated[str, Field(min_length=1, max_length=64)]
    role: GrantableRole
    jurisdiction: Jurisdiction


class WorkerAccountCreate(StrictModel):
    worker_id: uuid.UUID


class AccountUpdate(StrictModel):
    display_name: Annotated[str | None, Field(min_length=1, max_length=64)] = None
    role: GrantableRole | None = None
    jurisdiction: Jurisdiction | None = None

    @field_validator("display_name", "role", "jurisdiction")
    @classmethod
    def _not_cleared(cls, value: str | None) -> str:
        if value is None:
            raise ValueError("不能清空 / cannot be cleared")
        return value


class AccountWithPassword(AccountOut):
    # Shown once: the administrator hands it over; the first login must change it.
    initial_password: str


class GrantableRoleOut(ResponseModel):
    role: str
    # Jurisdiction code lengths the role takes (2 province, 4 city, 6 county, 9 township, 12 community).
    levels: list[int]


class Grantable(ResponseModel):
    jurisdiction: str
    roles: list[GrantableRoleOut]
    worker_accounts: bool
