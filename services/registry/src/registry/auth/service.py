"""Issuing and revoking tokens. The registry is the only holder of the signing key."""

import hmac
from datetime import UTC, datetime

from fastapi.responses import JSONResponse

from cwm_kit.problems import Problem, problem_response
from cwm_kit.security import Role
from cwm_kit.tokens import InvalidToken, SigningKey, sign, verify

from registry.config import RegistrySettings

from .models import Account, RefreshToken
from .passwords import verify_password
from .repository import AuthRepository
from .schemas import TokenResponse


def _bad_credentials() -> Problem:
    return Problem(401, "invalid_credentials", "用户名或密码错误", "wrong username or password",
                   headers={"WWW-Authenticate": "Bearer"})


class AuthService:
    def __init__(self, repository: AuthRepository, settings: RegistrySettings, key: SigningKey):
        self.repository = repository
        self.settings = settings
        self.key = key

    def jwks(self) -> dict:
        return {"keys": [self.key.public_jwk()]}

    async def _issue(self, account: Account) -> TokenResponse:
        claims = {"role": account.role, "jurisdiction": account.jurisdiction, "name": account.display_name}
        if account.worker_id:
            claims["worker_id"] = str(account.worker_id)
        access, _ = sign(self.key, subject=str(account.id), issuer=self.settings.token_issuer,
                         audience=self.settings.token_audience, ttl_seconds=self.settings.access_token_ttl_seconds,
                         claims=claims)
        refresh, refresh_claims = sign(
            self.key, subject=str(account.id), issuer=self.settings.token_issuer,
            audience=self.settings.token_audience, ttl_seconds=self.settings.refresh_token_ttl_seconds,
            token_type="refresh",
        )
        await self.repository.add_refresh(RefreshToken(
            jti=refresh_claims["jti"], account_id=account.id,
            expires_at=datetime.fromtimestamp(refresh_claims["exp"], UTC),
        ))
        return TokenResponse(
            access_token=access, expires_in=self.settings.access_token_ttl_seconds, refresh_token=refresh,
            refresh_expires_in=self.settings.refresh_token_ttl_seconds, role=account.role,
            jurisdiction=account.jurisdiction, worker_id=str(account.worker_id) if account.worker_id else None,
            display_name=account.display_name,
        )

    async def password_grant(self, username: str, password: str, client_address: str) -> TokenResponse | JSONResponse:
        """Returns a problem response (not raises) on failure so the failure count is committed."""
        keys = [f"user:{username.lower()}", f"ip:{client_address}"]
        failures = await self.repository.recent_failures(keys, self.settings.login_window_seconds)
        limit = self.settings.login_max_failures
        if failures.get(keys[0], 0) >= limit or failures.get(keys[1], 0) >= limit * 4:
            return problem_response(Problem(
                429, "login_throttled", f"登录失败次数过多，请 {self.settings.login_window_seconds // 60} 分钟后再试",
                "too many failed logins; try again later",
                headers={"Retry-After": str(self.settings.login_window_seconds)},
            ))
        account = await self.repository.account_by_username(username)
        if not verify_password(account.password_hash if account else None, password) or not account.active:
            await self.repository.add_failures(keys)
            return problem_response(_bad_credentials())
        await self.repository.clear_failures(keys[0])
        return await self._issue(account)

    async def refresh_grant(self, refresh_token: str) -> TokenResponse:
        try:
            claims = verify(refresh_token, self.jwks(), issuer=self.settings.token_issuer,
                            audience=self.settings.token_audience, token_type="refresh")
        except InvalidToken as exc:
            raise Problem(401, "invalid_refresh_token", "刷新令牌无效或已过期",
                          "refresh token invalid or expired") from exc
        stored = await self.repository.active_refresh(claims["jti"])
        account = await self.repository.account_by_id(stored.account_id) if stored else None
        if stored is None or account is None or not account.active:
            raise Problem(401, "invalid_refresh_token", "刷新令牌已撤销或无效", "refresh token revoked or invalid")
        # Rotation: a refresh token is good for one use.
        await self.repository.revoke_refresh(stored.jti)
        return await self._issue(account)

    def client_credentials_grant(self, client_id: str, client_secret: str) -> TokenResponse:
        allowed = {c.strip() for c in self.settings.service_clients.split(",") if c.strip()}
        if client_id not in allowed or not hmac.compare_digest(client_secret, self.settings.service_client_secret):
            raise Problem(401, "invalid_client", "客户端认证失败", "client authentication failed")
        access, _ = sign(self.key, subject=f"service:{client_id}", issuer=self.settings.token_issuer,
                         audience=self.settings.token_audience,
                         ttl_seconds=self.settings.service_token_ttl_seconds,
                         claims={"role": Role.SERVICE.value, "jurisdiction": ""})
        return TokenResponse(access_token=access, expires_in=self.settings.service_token_ttl_seconds,
                             role=Role.SERVICE.value, jurisdiction="")

    async def logout(self, refresh_token: str) -> None:
        try:
            claims = verify(refresh_token, self.jwks(), issuer=self.settings.token_issuer,
                            audience=self.settings.token_audience, token_type="refresh")
        except InvalidToken as exc:
            raise Problem(401, "invalid_refresh_token", "刷新令牌无效", "refresh token invalid") from exc
        await self.repository.revoke_refresh(claims["jti"])
