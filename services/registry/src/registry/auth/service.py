"""Issuing and revoking tokens. The registry is the only holder of the signing key."""

import hmac
import uuid
from datetime import UTC, datetime, timedelta

from fastapi.responses import JSONResponse

from cwm_kit import audit
from cwm_kit.context import app_state_var
from cwm_kit.problems import FieldError, Problem, problem_response
from cwm_kit.security import Principal, Role
from cwm_kit.tokens import InvalidToken, SigningKey, sign, verify

from registry.config import RegistrySettings
from registry.models import audit_log

from .models import Account, RefreshToken
from . import password_policy, second_factor
from .passwords import hash_password, verify_password
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

    async def _issue(self, account: Account, sid: str | None = None, *, second_factor_setup: bool = False
                     ) -> TokenResponse:
        """Tokens of a login session: `sid` is new at login and kept across refreshes (ADR 0004); a token of an
        account that must change its password carries `pwc` and opens nothing but the password change."""
        sid = sid or uuid.uuid4().hex
        claims = {"role": account.role, "jurisdiction": account.jurisdiction, "name": account.display_name,
                  "sid": sid}
        if account.worker_id:
            claims["worker_id"] = str(account.worker_id)
        if account.must_change_password:
            claims["pwc"] = True
        if account.credentials_issued_by:
            claims["cred_by"] = account.credentials_issued_by  # maker–checker: cwm_kit.security.Principal
        if second_factor_setup:
            # The rule requires a second factor this account has not enrolled: enrolment first (cwm_kit.security).
            claims["mfa"] = "setup"
        access, _ = sign(self.key, subject=str(account.id), issuer=self.settings.token_issuer,
                         audience=self.settings.token_audience, ttl_seconds=self.settings.access_token_ttl_seconds,
                         claims=claims)
        refresh, refresh_claims = sign(
            self.key, subject=str(account.id), issuer=self.settings.token_issuer,
            audience=self.settings.token_audience, ttl_seconds=self.settings.refresh_token_ttl_seconds,
            token_type="refresh", claims={"sid": sid},
        )
        await self.repository.add_refresh(RefreshToken(
            jti=refresh_claims["jti"], account_id=account.id, sid=sid,
            expires_at=datetime.fromtimestamp(refresh_claims["exp"], UTC),
        ))
        return TokenResponse(
            access_token=access, expires_in=self.settings.access_token_ttl_seconds, refresh_token=refresh,
            refresh_expires_in=self.settings.refresh_token_ttl_seconds, role=account.role,
            jurisdiction=account.jurisdiction, worker_id=str(account.worker_id) if account.worker_id else None,
            display_name=account.display_name, must_change_password=account.must_change_password,
            second_factor_setup_required=second_factor_setup,
        )

    async def password_grant(self, username: str, password: str, client_address: str,
                             otp: str | None = None) -> TokenResponse | JSONResponse:
        """Returns a problem response (not raises) on failure so the failure count is committed."""
        keys = [failure_key(username), f"ip:{client_address}"]
        failures = await self.repository.recent_failures(keys, self.settings.login_window_seconds)
        limit = self.settings.login_max_failures
        if failures.get(keys[0], 0) >= limit or failures.get(keys[1], 0) >= limit * 4:
            return problem_response(Problem(
                429, "login_throttled", f"登录失败次数过多，请 {self.settings.login_window_seconds // 60} 分钟后再试",
                "too many failed logins; try again later",
                headers={"Retry-After": str(self.settings.login_window_seconds)},
            ))
        account = await self.repository.account_by_login(username)
        if not verify_password(account.password_hash if account else None, password) or not account.active:
            await self.repository.add_failures(keys)
            return problem_response(_bad_credentials())
        if account.totp_enabled:
            if not otp:
                return problem_response(Problem(401, "otp_required", "请输入动态验证码", "enter the one-time code",
                                                headers={"WWW-Authenticate": "Bearer"}))
            step = second_factor.code_step(account.totp_secret, otp)
            # A code logs in once: a replayed one (same or earlier step) is refused like a wrong one.
            if step is None or not await self.repository.use_totp_step(account.id, step):
                await self.repository.add_failures(keys)
                return problem_response(Problem(401, "invalid_otp", "动态验证码错误或已过期",
                                                "wrong or expired one-time code",
                                                headers={"WWW-Authenticate": "Bearer"}))
        await self.repository.clear_failures(keys[0])
        await self.repository.clear_failures(failure_key(account.username))
        setup = not account.totp_enabled and await second_factor.required(self.repository.session, account)
        return await self._issue(account, second_factor_setup=setup)

    async def _own_account(self, principal: Principal) -> Account:
        try:
            account = await self.repository.account_by_id(uuid.UUID(principal.subject))
        except ValueError:
            account = None
        if account is None or not account.active:
            raise Problem(401, "unauthenticated", "账号不存在或已停用", "no such active account")
        return account

    async def totp_setup(self, principal: Principal) -> dict:
        """A new seed for the caller's authenticator app (enabled only once a code confirms it)."""
        account = await self._own_account(principal)
        if not second_factor.eligible(account):
            raise Problem(403, "second_factor_not_offered", "该角色不使用动态验证码",
                          "this role does not use a second factor")
        account.totp_secret = second_factor.new_secret()
        account.totp_enabled = False
        await self.repository.session.flush()
        return {"secret": account.totp_secret,
                "otpauth_uri": second_factor.provisioning_uri(account, account.totp_secret)}

    async def totp_confirm(self, principal: Principal, code: str) -> TokenResponse:
        """The first code confirms the seed: from now on every login asks for one. A new session without the
        enrolment mark."""
        account = await self._own_account(principal)
        if not second_factor.code_ok(account.totp_secret, code):
            raise Problem(422, "validation_failed", "动态验证码错误或已过期", "wrong or expired one-time code",
                          errors=[FieldError("code", "invalid_otp", "动态验证码错误或已过期",
                                             "wrong or expired one-time code")])
        account.totp_enabled = True
        await self.repository.session.flush()
        await revoke_sessions(self.repository, account.id, "second_factor")
        await audit.record(self.repository.session, audit_log, principal, action="account.second_factor_enable",
                           entity="account", entity_id=account.id, region_code=account.jurisdiction,
                           worker_id=account.worker_id)
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
        # Rotation: a refresh token is good for one use; the session (sid) goes on.
        await self.repository.revoke_refresh(stored.jti)
        return await self._issue(account, stored.sid or claims.get("sid"))

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
        """Ends the session: its refresh tokens at once, its access tokens within a minute everywhere."""
        try:
            claims = verify(refresh_token, self.jwks(), issuer=self.settings.token_issuer,
                            audience=self.settings.token_audience, token_type="refresh")
        except InvalidToken as exc:
            raise Problem(401, "invalid_refresh_token", "刷新令牌无效", "refresh token invalid") from exc
        await self.repository.revoke_refresh(claims["jti"])
        stored = await self.repository.refresh_by_jti(claims["jti"])
        if stored is not None and stored.sid:
            await revoke_sessions(self.repository, stored.account_id, "logout", sids=[stored.sid])

    async def change_password(self, principal: Principal, current: str, new: str) -> TokenResponse:
        """The caller's own password (required first after an initial or reset password). The old session ends;
        the answer is a new one without the `pwc` mark."""
        account = await self._own_account(principal)
        if not verify_password(account.password_hash, current):
            raise Problem(422, "validation_failed", "当前密码不正确", "the current password is wrong",
                          errors=[FieldError("current_password", "wrong_password", "当前密码不正确",
                                             "the current password is wrong")])
        if verify_password(account.password_hash, new):
            raise Problem(422, "weak_password", "新密码不能与当前密码相同", "the new password equals the current one",
                          errors=[FieldError("new_password", "unchanged", "新密码不能与当前密码相同",
                                             "must differ from the current password")])
        password_policy.ensure_acceptable(new, username=account.username, display_name=account.display_name)
        account.password_hash = hash_password(new)
        account.must_change_password = False
        account.password_changed_at = datetime.now(UTC)
        await revoke_sessions(self.repository, account.id, "password_change")
        await audit.record(self.repository.session, audit_log, principal, action="account.password_change",
                           entity="account", entity_id=account.id, region_code=account.jurisdiction,
                           worker_id=account.worker_id)
        setup = not account.totp_enabled and await second_factor.required(self.repository.session, account)
        return await self._issue(account, second_factor_setup=setup)

    async def revoked_sids(self) -> list[str]:
        """Sessions revoked recently enough that one of their access tokens may still be unexpired."""
        horizon = self.settings.access_token_ttl_seconds + 2 * self.settings.revocation_max_age_seconds
        return await self.repository.revoked_since(datetime.now(UTC) - timedelta(seconds=horizon))


def failure_key(username: str) -> str:
    """The throttle key of an account's failed logins (the lockout an administrator can see and lift)."""
    return f"user:{username.lower()}"


async def revoke_sessions(repository: AuthRepository, account_id: uuid.UUID, reason: str, *,
                          sids: list[str] | None = None) -> list[str]:
    """End sessions of an account (all when `sids` is None): refresh tokens at once; access tokens through the
    revocation list every service reads (and at once in this process)."""
    revoked = await repository.revoke_sessions(account_id, reason, sids)
    revocations = getattr(app_state_var.get(), "revocations", None)
    for sid in revoked:
        if revocations is not None:
            revocations.add(sid)
    return revoked
