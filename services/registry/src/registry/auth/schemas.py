from typing import Literal

from pydantic import BaseModel

from cwm_kit.types import StrictModel


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    refresh_token: str | None = None
    refresh_expires_in: int | None = None
    role: str
    jurisdiction: str
    worker_id: str | None = None
    display_name: str | None = None


class RefreshRequest(StrictModel):
    refresh_token: str


class Me(BaseModel):
    subject: str
    username: str | None
    display_name: str | None
    role: str
    jurisdiction: str
    worker_id: str | None
