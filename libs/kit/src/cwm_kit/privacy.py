"""The one masking rule for personal data (national ID numbers, phones, bank accounts), used by the record
views (registry workers, exports) and by every service's audit view, so an audit entry never shows a role
more than the record itself does.

Who sees full identity (issue 3: "full only to the worker's township officers and the worker"): the worker
themself; and the worker's own township officers (jurisdiction of 9 or more digits covering the worker) — the
township HR officer keeping the files, and the township finance officer, who pays the wages: the 工资表 the
finance office prints and signs carries full ID numbers and bank accounts (payroll.reports.payroll_sheet), as
does the bank file it sends (payroll.exports, finance officers only). The community party secretary proposes assessment results and
needs no ID number, phone or account: masked, like auditors and wider jurisdictions. Secrets (password hashes,
second-factor seeds) are never shown to anyone.
"""

from __future__ import annotations

from typing import Any

from .security import Principal, Role

FULL_IDENTITY_ROLES = frozenset({Role.TOWNSHIP_OFFICER, Role.FINANCE_OFFICER})
# A township's code has 9 digits: those roles at county level or above (e.g. a county finance officer) see masks.
TOWNSHIP_DIGITS = 9
NATIONAL_ID_KEYS = frozenset({"national_id", "id_number", "id_card"})
PHONE_KEYS = frozenset({"phone", "mobile", "login_phone"})
BANK_KEYS = frozenset({"bank_account", "bank_account_no", "account_number"})
SECRET_KEYS = frozenset({"password", "password_hash", "totp_secret", "initial_password"})
REDACTED = "***"


def mask_national_id(number: str | None) -> str | None:
    """`6401**********1234`: region prefix and the last four kept."""
    if not number:
        return number
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_phone(phone: str | None) -> str | None:
    """`138****5678` for mobiles; other numbers keep only their last four."""
    if not phone:
        return phone
    if len(phone) == 11 and phone.isdigit():
        return phone[:3] + "****" + phone[-4:]
    return "*" * max(len(phone) - 4, 0) + phone[-4:]


def mask_bank_account(number: str | None) -> str | None:
    """Only the last four digits."""
    if not number:
        return number
    return "*" * max(len(number) - 4, 0) + number[-4:]


def sees_full_identity(principal: Principal, region_code: str | None, worker_id: Any = None) -> bool:
    if principal.is_worker:
        return worker_id is not None and principal.worker_id == str(worker_id)
    return (principal.role in FULL_IDENTITY_ROLES and len(principal.jurisdiction) >= TOWNSHIP_DIGITS
            and principal.covers(region_code))


def mask_value(key: str, value: Any, full: bool) -> Any:
    if not isinstance(value, str):
        return mask_data(value, full)
    if key in SECRET_KEYS:
        return REDACTED
    if full:
        return value
    if key in NATIONAL_ID_KEYS:
        return mask_national_id(value)
    if key in PHONE_KEYS:
        return mask_phone(value)
    if key in BANK_KEYS:
        return mask_bank_account(value)
    return value


def mask_data(data: Any, full: bool) -> Any:
    """Personal numbers in JSON-like data masked (unless `full`), at any depth; secrets always redacted."""
    if isinstance(data, dict):
        return {k: (REDACTED if k in SECRET_KEYS and v is not None else mask_value(k, v, full))
                for k, v in data.items()}
    if isinstance(data, list):
        return [mask_data(item, full) for item in data]
    return data


def mask_for(principal: Principal, data: Any, region_code: str | None, worker_id: Any = None) -> Any:
    """`data` as `principal` may see it, for a record of `region_code` (and `worker_id`)."""
    return mask_data(data, sees_full_identity(principal, region_code, worker_id))
