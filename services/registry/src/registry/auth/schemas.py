from typing import Annotated, Literal

from pydantic import BaseModel, Field

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
    # An initial or reset password: the client must send the user to change it (other calls answer 403).
    must_change_password: bool = False
    # The region's rule requires a second factor this account has not enrolled: enrol first (/v1/auth/totp/…).
    second_factor_setup_required: bool = False


class TotpSetup(BaseModel):
    secret: str
    otpauth_uri: str


class TotpConfirm(StrictModel):
    code: Annotated[str, Field(pattern=r"^\d{6}$")]


class PasswordChange(StrictModel):
    current_password: Annotated[str, Field(min_length=1, max_length=256)]
    new_password: Annotated[str, Field(min_length=1, max_length=256)]


class Revocations(BaseModel):
    sids: list[str]
    max_age_seconds: float


class RefreshRequest(StrictModel):
    refresh_token: str


class Me(BaseModel):
    must_change_password: bool = False
    subject: str
    username: str | None
    display_name: str | None
    role: str
    jurisdiction: str
    worker_id: str | None
