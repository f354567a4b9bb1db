"""Optional second factor: a TOTP code (pyotp, RFC 6238) after the password, for the roles that move money or
set policy. An account of those roles may enrol; a rule document `auth.second_factor` (per region prefix,
most specific in force) lists the roles that must — a province turns it on by publishing a version."""

from __future__ import annotations

import hmac
import time
from datetime import datetime

import pyotp
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.dates import today_in_china
from cwm_kit.security import Role

from registry.rules import service as rules

from .models import Account

RULE_KIND = "auth.second_factor"
ELIGIBLE_ROLES = frozenset({Role.PROVINCIAL_ADMIN, Role.FINANCE_OFFICER})
ISSUER = "社区工作者管理系统"


def eligible(account: Account) -> bool:
    return account.role in {r.value for r in ELIGIBLE_ROLES}


async def required(session: AsyncSession, account: Account) -> bool:
    """Whether the rule in force for the account's jurisdiction requires a second factor of its role."""
    if not eligible(account):
        return False
    rule = await rules.resolve(session, RULE_KIND, account.jurisdiction, today_in_china())
    return bool(rule and account.role in (rule.params.get("required_roles") or []))


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(account: Account, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account.username, issuer_name=ISSUER)


def code_ok(secret: str | None, code: str | None) -> bool:
    """A code of the current 30-second step or the one either side (clock drift)."""
    return code_step(secret, code) is not None


def code_step(secret: str | None, code: str | None, now: float | None = None) -> int | None:
    """The 30-second step (current or one either side, for clock drift) whose code `code` is, else None."""
    if not secret or not code or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    current = totp.timecode(datetime.fromtimestamp(now))
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None
