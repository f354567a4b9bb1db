import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import JSONResponse

from cwm_kit.problems import Problem
from cwm_kit.security import CurrentPrincipal

from .dependencies import AuthServiceDep
from .schemas import Me, PasswordChange, RefreshRequest, Revocations, TokenResponse, TotpConfirm, TotpSetup

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/token", response_model=TokenResponse, summary="Log in (OAuth2 password or client-credentials)")
async def token(
    request: Request,
    service: AuthServiceDep,
    grant_type: Annotated[Literal["password", "refresh_token", "client_credentials"], Form()] = "password",
    username: Annotated[str | None, Form(max_length=64)] = None,
    password: Annotated[str | None, Form(max_length=256)] = None,
    refresh_token: Annotated[str | None, Form(max_length=4096)] = None,
    client_id: Annotated[str | None, Form(max_length=64)] = None,
    client_secret: Annotated[str | None, Form(max_length=256)] = None,
    otp: Annotated[str | None, Form(max_length=10, description="TOTP code, for accounts with a second factor")] = None,
) -> TokenResponse | JSONResponse:
    if grant_type == "password":
        if not username or not password:
            raise Problem(400, "invalid_request", "需要用户名和密码", "username and password are required")
        client = request.headers.get("x-forwarded-for", "").split(",")[0].strip() or (
            request.client.host if request.client else "unknown")
        return await service.password_grant(username, password, client, otp)
    if grant_type == "refresh_token":
        if not refresh_token:
            raise Problem(400, "invalid_request", "需要刷新令牌", "refresh_token is required")
        return await service.refresh_grant(refresh_token)
    if not client_id or not client_secret:
        raise Problem(400, "invalid_request", "需要客户端凭据", "client_id and client_secret are required")
    return service.client_credentials_grant(client_id, client_secret)


@router.post("/refresh", response_model=TokenResponse, summary="Exchange a refresh token for new tokens")
async def refresh(body: RefreshRequest, service: AuthServiceDep) -> TokenResponse:
    return await service.refresh_grant(body.refresh_token)


@router.post("/logout", status_code=204, summary="Revoke a refresh token")
async def logout(body: RefreshRequest, service: AuthServiceDep) -> Response:
    await service.logout(body.refresh_token)
    return Response(status_code=204)


@router.post("/password", response_model=TokenResponse,
             summary="Change one's own password (first, after an initial or reset password); a new session")
async def change_password(body: PasswordChange, principal: CurrentPrincipal, service: AuthServiceDep) -> TokenResponse:
    return await service.change_password(principal, body.current_password, body.new_password)


@router.post("/totp/setup", response_model=TotpSetup,
             summary="Start enrolling a second factor (provincial admins, finance officers): a new TOTP seed")
async def totp_setup(principal: CurrentPrincipal, service: AuthServiceDep) -> TotpSetup:
    return TotpSetup(**await service.totp_setup(principal))


@router.post("/totp/confirm", response_model=TokenResponse,
             summary="Confirm the second factor with a first code (audited); a new session")
async def totp_confirm(body: TotpConfirm, principal: CurrentPrincipal, service: AuthServiceDep) -> TokenResponse:
    return await service.totp_confirm(principal, body.code)


@router.get("/revocations", response_model=Revocations,
            summary="Revoked sessions whose access tokens may not have expired (every service polls this, ADR 0004)")
async def revocations(service: AuthServiceDep, response: Response) -> Revocations:
    # Opaque ids of sessions that no longer work: nothing to learn from them, so no token is needed.
    response.headers["Cache-Control"] = "no-store"
    return Revocations(sids=await service.revoked_sids(),
                       max_age_seconds=service.settings.revocation_max_age_seconds)


@router.get("/.well-known/jwks.json", summary="Public keys that verify access tokens")
async def jwks(service: AuthServiceDep, response: Response) -> dict:
    response.headers["Cache-Control"] = "public, max-age=300"
    return service.jwks()


@router.get("/me", response_model=Me, summary="Who the token belongs to")
async def me(principal: CurrentPrincipal, service: AuthServiceDep) -> Me:
    account = None
    if not principal.is_service:
        try:
            account = await service.repository.account_by_id(uuid.UUID(principal.subject))
        except ValueError:  # a subject that is not an account id (test tokens, services)
            account = None
    return Me(must_change_password=bool(account and account.must_change_password),
              subject=principal.subject, username=account.username if account else None,
              display_name=account.display_name if account else None, role=principal.role.value,
              jurisdiction=principal.jurisdiction, worker_id=principal.worker_id)
