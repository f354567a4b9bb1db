"""Account administration: officers with an administering role create and manage accounts inside their own
jurisdiction, with a role and a jurisdiction at or below their own (docs/roles.md); workers' accounts come from
the worker record. Deactivating, changing role or jurisdiction and resetting a password end the account's
sessions (refresh tokens at once, access tokens within a minute everywhere, ADR 0004). Every write is audited.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from cwm_kit import audit, duties, privacy
from cwm_kit.pagination import PageParams, paginate
from cwm_kit.problems import Problem, field_problem, forbidden, not_found
from cwm_kit.security import ROLE_TEXT, Principal, Role
from cwm_kit.updates import ensure_changes

from registry.auth import password_policy
from registry.auth.models import Account
from registry.auth.passwords import hash_password
from registry.auth.service import failure_key, revoke_sessions
from registry.config import RegistrySettings
from registry.models import audit_log
from registry.regions.models import Region
from registry.regions.repository import region_names
from registry.workers.models import Worker

from .repository import AccountRepository
from .schemas import (AccountCreate, AccountOut, AccountUpdate, AccountWithPassword, Grantable, GrantableRoleOut,
                      WorkerAccountCreate)

# How high a role stands: an administrator grants roles at or below their own, inside their jurisdiction.
RANK = {Role.PROVINCIAL_ADMIN: 3, Role.CITY_OFFICER: 2, Role.COUNTY_OFFICER: 1}
# The jurisdiction code lengths each role takes.
LEVELS: dict[Role, tuple[int, ...]] = {
    Role.PROVINCIAL_ADMIN: (2,), Role.CITY_OFFICER: (4,), Role.COUNTY_OFFICER: (6,), Role.TOWNSHIP_OFFICER: (9,),
    Role.FINANCE_OFFICER: (6, 9), Role.PARTY_SECRETARY: (12,), Role.AUDITOR: (2, 4, 6, 9), Role.WORKER: (12,),
}
READERS = duties.ROLE_MATRIX["account.administer"] | duties.ROLE_MATRIX["account.worker"] | {Role.AUDITOR}
AUDITED = ["id", "username", "display_name", "role", "jurisdiction", "phone", "worker_id", "active",
           "must_change_password", "deactivated_at", "totp_enabled"]
EMPLOYED = ("probation", "active", "seconded")


def rank(role: Role | str) -> int:
    return RANK.get(Role(role), 0)


class AccountService:
    def __init__(self, repository: AccountRepository, settings: RegistrySettings):
        self.repository = repository
        self.session = repository.session
        self.settings = settings

    # ---------------------------------------------------------------- reading

    async def _out(self, principal: Principal, accounts: list[Account]) -> list[AccountOut]:
        names = await region_names(self.session, {a.jurisdiction for a in accounts})
        failures = await self.repository.recent_failures([failure_key(a.username) for a in accounts],
                                                         self.settings.login_window_seconds)
        out = []
        for account in accounts:
            failed = failures.get(failure_key(account.username), 0)
            phone = privacy.mask_for(principal, {"phone": account.phone}, account.jurisdiction,
                                     account.worker_id)["phone"]
            out.append(AccountOut.model_validate(account).model_copy(update={
                "jurisdiction_name": names.get(account.jurisdiction), "phone": phone,
                "failed_logins": failed, "locked": failed >= self.settings.login_max_failures}))
        return out

    def _ensure_reader(self, principal: Principal) -> None:
        if principal.role not in READERS:
            raise forbidden("无权查看账号", "not allowed to read accounts")

    async def list(self, principal: Principal, params: PageParams, q: str | None, role: str | None,
                   active: bool | None) -> tuple[list[AccountOut], int]:
        self._ensure_reader(principal)
        rows, total = await paginate(self.session, self.repository.search(principal, q, role, active), params)
        return await self._out(principal, rows), total

    async def _visible(self, principal: Principal, account_id: uuid.UUID, *, lock: bool = False) -> Account:
        account = await (self.repository.get_for_update(account_id) if lock else
                         self.repository.account_by_id(account_id))
        if account is None or not principal.covers(account.jurisdiction) or principal.is_worker:
            raise not_found("账号", "account")
        return account

    async def get(self, principal: Principal, account_id: uuid.UUID) -> AccountOut:
        self._ensure_reader(principal)
        return (await self._out(principal, [await self._visible(principal, account_id)]))[0]

    def grantable(self, principal: Principal) -> Grantable:
        self._ensure_reader(principal)
        roles = [] if principal.role not in duties.ROLE_MATRIX["account.administer"] else [
            GrantableRoleOut(role=role.value, levels=[n for n in LEVELS[role] if n >= len(principal.jurisdiction)])
            for role in LEVELS if role is not Role.WORKER and rank(role) <= rank(principal.role)]
        return Grantable(jurisdiction=principal.jurisdiction, roles=[r for r in roles if r.levels],
                         worker_accounts=principal.role in duties.ROLE_MATRIX["account.worker"])

    # ---------------------------------------------------------------- rules

    async def _ensure_grant(self, principal: Principal, role: str, jurisdiction: str) -> None:
        """A role at or below the administrator's, a jurisdiction inside theirs that exists and fits the role."""
        duties.ensure_action(principal, "account.administer")
        if not principal.covers(jurisdiction):
            raise not_found("地区", "region")
        role_zh, role_en = ROLE_TEXT.get(Role(role), (role, role))
        if rank(role) > rank(principal.role):
            raise Problem(403, "role_above_own", f"不能授予高于自身的角色「{role_zh}」",
                          f"cannot grant the role of {role_en}, above one's own", role=role)
        if len(jurisdiction) not in LEVELS[Role(role)]:
            raise field_problem("jurisdiction", "level_mismatch", f"角色「{role_zh}」的管辖范围应为 "
                                f"{'/'.join(str(n) for n in LEVELS[Role(role)])} 位区划代码",
                                f"the role of {role_en} takes a "
                                f"{' or '.join(str(n) for n in LEVELS[Role(role)])}-digit code")
        region = await self.session.get(Region, jurisdiction)
        if region is None or getattr(region, "retired_on", None) is not None:
            raise field_problem("jurisdiction", "unknown_region", "区划不存在或已撤销",
                                "no such region, or it was retired")

    def _ensure_manages(self, principal: Principal, account: Account) -> None:
        action = "account.worker" if account.role == Role.WORKER.value else "account.administer"
        duties.ensure_action(principal, action)
        if rank(account.role) > rank(principal.role):
            raise Problem(403, "role_above_own", "不能管理角色高于自身的账号", "cannot manage an account above one's own role")
        if str(account.id) == principal.subject:
            raise Problem(409, "own_account", "不能对自己的账号执行此操作（请由上级管理员处理）",
                          "not on one's own account (ask a higher administrator)")

    async def _audit(self, principal: Principal, action: str, account: Account, before: dict | None,
                     reason: str | None = None) -> None:
        await audit.record(self.session, audit_log, principal, action=action, entity="account", entity_id=account.id,
                           region_code=account.jurisdiction, before=before, after=audit.snapshot(account, AUDITED),
                           reason=reason, worker_id=account.worker_id)

    async def _with_password(self, principal: Principal, account: Account, password: str) -> AccountWithPassword:
        base = (await self._out(principal, [account]))[0]
        return AccountWithPassword(**base.model_dump(), initial_password=password)

    # ---------------------------------------------------------------- writes

    async def create(self, principal: Principal, body: AccountCreate) -> AccountWithPassword:
        await self._ensure_grant(principal, body.role, body.jurisdiction)
        if await self.repository.taken(body.username, None):
            raise field_problem("username", "taken", "登录名已被使用", "the login name is taken", status=409)
        password = password_policy.generate()
        account = Account(id=uuid.uuid4(), username=body.username, display_name=body.display_name, role=body.role,
                          jurisdiction=body.jurisdiction, password_hash=hash_password(password), active=True,
                          must_change_password=True, created_by=principal.subject,
                          credentials_issued_by=principal.subject)
        self.session.add(account)
        await self.session.flush()
        await self.session.refresh(account)
        await self._audit(principal, "account.create", account, None)
        return await self._with_password(principal, account, password)

    async def create_for_worker(self, principal: Principal, body: WorkerAccountCreate) -> AccountWithPassword:
        duties.ensure_action(principal, "account.worker")
        worker = await self.session.get(Worker, body.worker_id)
        if worker is None or not principal.covers(worker.community_code):
            raise not_found("社区工作者", "worker")
        if worker.status not in EMPLOYED:
            raise Problem(409, "worker_not_employed", "该人员已离职，不能开通账号", "the worker is no longer employed")
        if await self.repository.by_worker(worker.id) is not None:
            raise Problem(409, "account_exists", "该人员已有账号", "the worker already has an account")
        phone = worker.phone if worker.phone and not await self.repository.taken(worker.phone, None) else None
        if await self.repository.taken(worker.national_id, phone):
            raise Problem(409, "login_taken", "身份证号或手机号已被其他账号使用",
                          "the national ID or phone is already another account's login")
        password = password_policy.generate()
        account = Account(id=uuid.uuid4(), username=worker.national_id, display_name=worker.name,
                          role=Role.WORKER.value, jurisdiction=worker.community_code, worker_id=worker.id, phone=phone,
                          password_hash=hash_password(password), active=True, must_change_password=True,
                          created_by=principal.subject, credentials_issued_by=principal.subject)
        self.session.add(account)
        await self.session.flush()
        await self.session.refresh(account)
        await self._audit(principal, "account.create", account, None)
        return await self._with_password(principal, account, password)

    async def update(self, principal: Principal, account_id: uuid.UUID, body: AccountUpdate) -> AccountOut:
        account = await self._visible(principal, account_id, lock=True)
        self._ensure_manages(principal, account)
        changes = ensure_changes(body.model_dump(exclude_unset=True))
        if account.role == Role.WORKER.value and ({"role", "jurisdiction"} & set(changes)):
            raise Problem(409, "worker_account", "社区工作者账号的角色和范围随人员档案", "a worker account follows the worker record")
        rights_changed = any(changes.get(k, getattr(account, k)) != getattr(account, k) for k in ("role",
                                                                                                   "jurisdiction"))
        if rights_changed:
            await self._ensure_grant(principal, changes.get("role", account.role),
                                     changes.get("jurisdiction", account.jurisdiction))
        before = audit.snapshot(account, AUDITED)
        for field, value in changes.items():
            setattr(account, field, value)
        account.updated_at = datetime.now(UTC)
        await self.session.flush()
        if rights_changed:
            await revoke_sessions(self.repository, account.id, "rights_changed")
        await self._audit(principal, "account.update", account, before)
        return (await self._out(principal, [account]))[0]

    async def set_active(self, principal: Principal, account_id: uuid.UUID, active: bool,
                         reason: str | None = None) -> AccountOut:
        account = await self._visible(principal, account_id, lock=True)
        self._ensure_manages(principal, account)
        if active and account.role == Role.WORKER.value:
            worker = await self.session.get(Worker, account.worker_id)
            if worker is None or worker.status not in EMPLOYED:
                raise Problem(409, "worker_not_employed", "该人员已离职，不能启用账号", "the worker is no longer employed")
        if account.active == active:
            return (await self._out(principal, [account]))[0]
        before = audit.snapshot(account, AUDITED)
        account.active = active
        account.deactivated_at = None if active else datetime.now(UTC)
        account.updated_at = datetime.now(UTC)
        await self.session.flush()
        if not active:
            await revoke_sessions(self.repository, account.id, "deactivated")
        await self._audit(principal, "account.activate" if active else "account.deactivate", account, before, reason)
        return (await self._out(principal, [account]))[0]

    async def reset_password(self, principal: Principal, account_id: uuid.UUID) -> AccountWithPassword:
        account = await self._visible(principal, account_id, lock=True)
        self._ensure_manages(principal, account)
        before = audit.snapshot(account, AUDITED)
        password = password_policy.generate()
        account.password_hash = hash_password(password)
        account.must_change_password = True
        account.credentials_issued_by = principal.subject  # they know the new password (cwm_kit.duties)
        # A reset also clears the second factor (the usual reason for a reset is a lost phone): enrol again.
        account.totp_secret, account.totp_enabled = None, False
        account.updated_at = datetime.now(UTC)
        await self.repository.clear_failures(failure_key(account.username))
        await self.session.flush()
        await revoke_sessions(self.repository, account.id, "password_reset")
        await self._audit(principal, "account.password_reset", account, before)
        return await self._with_password(principal, account, password)

    async def unlock(self, principal: Principal, account_id: uuid.UUID) -> AccountOut:
        account = await self._visible(principal, account_id, lock=True)
        self._ensure_manages(principal, account)
        failed = (await self.repository.recent_failures([failure_key(account.username)],
                                                        self.settings.login_window_seconds)).get(
            failure_key(account.username), 0)
        await self.repository.clear_failures(failure_key(account.username))
        await audit.record(self.session, audit_log, principal, action="account.unlock", entity="account",
                           entity_id=account.id, region_code=account.jurisdiction, before={"failed_logins": failed},
                           after={"failed_logins": 0}, worker_id=account.worker_id)
        return (await self._out(principal, [account]))[0]


async def _change_worker_account(repository: AccountRepository, principal: Principal, account: Account,
                                 changes: dict, *, action: str, sessions_end: str, reason: str) -> None:
    """A change the worker record makes to its worker's account (same transaction): applied, the account's
    sessions ended, audited before → after."""
    before = audit.snapshot(account, AUDITED)
    for key, value in changes.items():
        setattr(account, key, value)
    await repository.session.flush()
    await revoke_sessions(repository, account.id, sessions_end)
    await audit.record(repository.session, audit_log, principal, action=action, entity="account",
                       entity_id=account.id, region_code=account.jurisdiction, before=before,
                       after=audit.snapshot(account, AUDITED), reason=reason, worker_id=account.worker_id)


async def move_worker_account(repository: AccountRepository, principal: Principal, worker_id: uuid.UUID,
                              community_code: str, reason: str | None = None) -> None:
    """A transferred worker's account follows the worker record to the new community (called by the worker
    transfer, same transaction): its jurisdiction decides which officers administer it. A change of jurisdiction
    ends the account's sessions, as an administrator's would; the worker logs in again."""
    account = await repository.by_worker(worker_id)
    if account is None or account.jurisdiction == community_code:
        return
    await _change_worker_account(repository, principal, account,
                                 {"jurisdiction": community_code, "updated_at": datetime.now(UTC)},
                                 action="account.update", sessions_end="rights_changed",
                                 reason=reason or "worker transfer")


async def deactivate_worker_account(repository: AccountRepository, principal: Principal, worker_id: uuid.UUID,
                                    status: str) -> None:
    """A worker who exits loses their account at once (called by the worker status change, same transaction)."""
    account = await repository.by_worker(worker_id)
    if account is None or not account.active:
        return
    await _change_worker_account(repository, principal, account,
                                 {"active": False, "deactivated_at": datetime.now(UTC)},
                                 action="account.deactivate", sessions_end="worker_exit",
                                 reason=f"worker exit: {status}")

