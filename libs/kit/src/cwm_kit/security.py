"""Who is calling, and the one jurisdiction rule every service applies.

Officers act only inside their region-code prefix; workers only on their own records; auditors only
read. Services call `scope` helpers from here, never re-implement the prefix test.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Iterable

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import ColumnElement, String, false, literal_column, true
from sqlalchemy.dialects.postgresql import asyncpg

from .context import app_state_var, bearer_token_var
from .problems import Problem, forbidden, not_found
from .tokens import InvalidToken, JwksCache, RevocationList


class Role(StrEnum):
    PROVINCIAL_ADMIN = "provincial_admin"
    CITY_OFFICER = "city_officer"
    COUNTY_OFFICER = "county_officer"
    TOWNSHIP_OFFICER = "township_officer"
    PARTY_SECRETARY = "party_secretary"
    FINANCE_OFFICER = "finance_officer"
    AUDITOR = "auditor"
    WORKER = "worker"
    SERVICE = "service"



# The roles in words, as the SPA names them (frontend/src/lib/auth.ts ROLE_LABELS): what a message shows a person.
ROLE_TEXT = {Role.PROVINCIAL_ADMIN: ("省级管理员", "provincial admin"), Role.CITY_OFFICER: ("市级管理员", "city officer"),
             Role.COUNTY_OFFICER: ("县区管理员", "county officer"),
             Role.TOWNSHIP_OFFICER: ("街道人事专员", "township HR officer"),
             Role.PARTY_SECRETARY: ("社区党组织书记", "party secretary"), Role.FINANCE_OFFICER: ("财务人员", "finance officer"),
             Role.AUDITOR: ("审计员", "auditor"), Role.WORKER: ("社区工作者", "community worker"),
             Role.SERVICE: ("系统服务", "system service")}

OFFICER_ROLES = frozenset(
    {
        Role.PROVINCIAL_ADMIN,
        Role.CITY_OFFICER,
        Role.COUNTY_OFFICER,
        Role.TOWNSHIP_OFFICER,
        Role.PARTY_SECRETARY,
        Role.FINANCE_OFFICER,
        Role.AUDITOR,
    }
)


@dataclass(frozen=True)
class Principal:
    subject: str
    role: Role
    jurisdiction: str  # region-code prefix; "" only for service tokens
    worker_id: str | None = None
    token: str | None = None
    claims: dict[str, Any] | None = None

    @property
    def credentials_by(self) -> str | None:
        """Who issued this account's password (created the account or last reset it; claim `cred_by`): that
        person could act as this account too, so maker–checker treats the two as one (cwm_kit.duties)."""
        issuer = (self.claims or {}).get("cred_by")
        return str(issuer) if issuer and str(issuer) != self.subject else None

    @property
    def is_worker(self) -> bool:
        return self.role is Role.WORKER

    @property
    def is_officer(self) -> bool:
        return self.role in OFFICER_ROLES

    @property
    def is_service(self) -> bool:
        return self.role is Role.SERVICE

    @property
    def can_write(self) -> bool:
        return self.role not in (Role.AUDITOR, Role.WORKER)

    def covers(self, region_code: str | None) -> bool:
        """True when `region_code` lies inside this principal's jurisdiction (a prefix test)."""
        if region_code is None:
            return False
        return region_code.startswith(self.jurisdiction)

    def region_filter(self, column: ColumnElement[str]) -> ColumnElement[bool]:
        """SQL condition restricting `column` (a region code) to the jurisdiction."""
        if self.is_worker:
            return false()
        if self.jurisdiction == "":
            return true()
        return column.startswith(self.jurisdiction, autoescape=True)

    def record_filter(self, region_column: ColumnElement[str], worker_column: ColumnElement[Any]) -> ColumnElement[bool]:
        """SQL condition for per-worker records: officers by region prefix, workers only their own."""
        if self.is_worker:
            return worker_column == self.worker_id if self.worker_id else false()
        return self.region_filter(region_column)

    def region_filter_sql(self, column: str) -> str:
        """`region_filter` on the column named `column`, as SQL text for hand-written queries (the prefix an
        escaped literal): the same rule rendered, not a second one."""
        return _as_sql(self.region_filter(literal_column(column, String)))

    def record_filter_sql(self, region_column: str, worker_column: str) -> str:
        """`record_filter` as SQL text for hand-written queries."""
        return _as_sql(self.record_filter(literal_column(region_column, String), literal_column(worker_column)))

    def can_see_record(self, region_code: str | None, worker_id: Any = None) -> bool:
        if self.is_worker:
            return worker_id is not None and str(worker_id) == str(self.worker_id)
        return self.covers(region_code)

    def ensure_visible(self, region_code: str | None, worker_id: Any = None, *, what_zh: str = "记录",
                       what_en: str = "record") -> None:
        """Outside the jurisdiction looks exactly like absent: 404, never a hint that it exists."""
        if not self.can_see_record(region_code, worker_id):
            raise not_found(what_zh, what_en)

    def ensure_can_write(self, region_code: str | None = None, worker_id: Any = None) -> None:
        if region_code is not None or worker_id is not None:
            self.ensure_visible(region_code, worker_id)
        if not self.can_write:
            raise forbidden("只读角色不能修改数据", "this role is read-only")

    def ensure_role(self, roles: Iterable[Role]) -> None:
        allowed = set(roles)
        if self.role not in allowed:
            ordered = [r for r in Role if r in allowed]  # in the enum's order: most senior first
            names_zh = "、".join(ROLE_TEXT[r][0] for r in ordered)
            names_en = ", ".join(f"{ROLE_TEXT[r][1]} ({r.value})" for r in ordered)
            raise forbidden(f"需要以下角色之一：{names_zh}", f"requires one of the roles: {names_en}")

    def scope_prefix(self, requested: str | None) -> str:
        """The region prefix a read covers: one inside the jurisdiction as asked; a wider one (an ancestor, e.g. the
        province asked by a township) narrowed to the jurisdiction, which a report then names in its `region`
        (`cwm_kit.types.CoveredRegion`); any other, outside, refused as absent (404). Call it before any role
        check or lookup, so a region outside is a 404 whoever asks."""
        if requested is None or requested == "":
            return self.jurisdiction
        if requested.startswith(self.jurisdiction):
            return requested
        if self.jurisdiction.startswith(requested):
            return self.jurisdiction
        raise not_found("地区", "region")


_bearer = HTTPBearer(auto_error=False)


def _as_sql(condition: ColumnElement[bool]) -> str:
    return str(condition.compile(dialect=asyncpg.dialect(), compile_kwargs={"literal_binds": True}))


def _unauthenticated(reason_en: str) -> Problem:
    return Problem(
        401,
        "unauthenticated",
        "未认证：令牌缺失、无效或已过期",
        f"not authenticated: {reason_en}",
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


def principal_from_claims(claims: dict[str, Any], token: str | None = None) -> Principal:
    try:
        role = Role(claims["role"])
    except (KeyError, ValueError) as exc:
        raise _unauthenticated("token has no valid role") from exc
    jurisdiction = claims.get("jurisdiction")
    if not isinstance(jurisdiction, str) or (jurisdiction == "" and role is not Role.SERVICE):
        raise _unauthenticated("token has no jurisdiction")
    worker_id = claims.get("worker_id")
    if role is Role.WORKER and not worker_id:
        raise _unauthenticated("worker token without worker_id")
    return Principal(
        subject=str(claims["sub"]),
        role=role,
        jurisdiction=jurisdiction,
        worker_id=str(worker_id) if worker_id else None,
        token=token,
        claims=claims,
    )


# What a token that must first change its password (claim `pwc`) may still call (the registry's own paths).
PASSWORD_CHANGE_PATHS = frozenset({"/v1/auth/password", "/v1/auth/me", "/v1/auth/logout"})
# ... and one whose region requires a second factor not yet enrolled (claim `mfa` = "setup").
SECOND_FACTOR_PATHS = PASSWORD_CHANGE_PATHS | {"/v1/auth/totp/setup", "/v1/auth/totp/confirm"}


async def _ensure_session_live(state: Any, path: str, claims: dict[str, Any]) -> None:
    """The one place every service refuses a revoked session (ADR 0004) and a first-login token that has
    not changed its password yet."""
    sid = claims.get("sid")
    revocations: RevocationList | None = getattr(state, "revocations", None)
    if sid and revocations is not None and await revocations.is_revoked(str(sid)):
        raise Problem(401, "session_revoked", "会话已失效（已退出、停用或权限变更），请重新登录",
                      "the session was revoked (logged out, deactivated or rights changed): log in again",
                      headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    if claims.get("pwc") and path not in PASSWORD_CHANGE_PATHS:
        raise Problem(403, "password_change_required", "首次登录或密码被重置，请先修改密码",
                      "change your password first (first login or reset by an administrator)")
    if claims.get("mfa") == "setup" and path not in SECOND_FACTOR_PATHS:
        raise Problem(403, "second_factor_required", "本地区要求该角色使用动态验证码，请先绑定",
                      "this region requires a second factor for your role: enrol one first")


async def authenticate(state: Any, path: str, token: str) -> Principal:
    """The caller of `path` carrying the bearer `token`, as every route of the service sees them: the signature,
    expiry, issuer and audience verified, the session live, the claims a principal needs present. Raises the
    problem the caller is answered with. `state` is the app's (its JWKS, settings and revocation list)."""
    jwks: JwksCache = state.jwks
    settings = state.settings
    try:
        claims = await jwks.verify(token, issuer=settings.token_issuer, audience=settings.token_audience)
    except InvalidToken as exc:
        raise _unauthenticated(str(exc)) from exc
    except Exception as exc:  # JWKS unreachable: the caller cannot be verified, so refuse.
        raise Problem(503, "identity_unavailable", "身份服务暂不可用", "identity service unavailable") from exc
    await _ensure_session_live(state, path, claims)
    return principal_from_claims(claims, token)


async def current_principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthenticated("missing bearer token")
    principal = await authenticate(request.app.state, request.url.path, credentials.credentials)
    bearer_token_var.set(credentials.credentials)
    app_state_var.set(request.app.state)
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


async def _officer(principal: CurrentPrincipal) -> Principal:
    if not (principal.is_officer or principal.is_service):
        raise forbidden("仅限工作人员（非职工本人）", "officers only")
    return principal


async def _writer(principal: CurrentPrincipal) -> Principal:
    if not principal.can_write:
        raise forbidden("只读角色不能修改数据", "this role is read-only")
    return principal


async def _worker(principal: CurrentPrincipal) -> Principal:
    if not principal.is_worker:
        raise forbidden("仅限社区工作者本人", "workers only")
    return principal


OfficerPrincipal = Annotated[Principal, Depends(_officer)]
WriterPrincipal = Annotated[Principal, Depends(_writer)]
WorkerPrincipal = Annotated[Principal, Depends(_worker)]
