"""What a new password must be: long enough, not a common or breached pattern (a small shipped list), and
not the login name or the person's name. Initial and reset passwords are generated, and changed at first login."""

from __future__ import annotations

import re
import secrets
import string
from functools import lru_cache
from pathlib import Path

from cwm_kit.problems import FieldError, Problem

MIN_LENGTH = 10
COMMON_FILE = Path(__file__).parent / "data" / "common_passwords.txt"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in COMMON_FILE.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def _skeleton(password: str) -> str:
    """The letters of a password without the digits and symbols people append (`Password@2025` → `password`)."""
    return re.sub(r"[^a-z]", "", password.lower())


def problems(password: str, *, username: str, display_name: str | None = None) -> list[FieldError]:
    out: list[FieldError] = []
    lowered = password.lower()
    if len(password) < MIN_LENGTH:
        out.append(FieldError("new_password", "too_short", f"密码至少 {MIN_LENGTH} 位",
                              f"at least {MIN_LENGTH} characters"))
    if lowered in common_passwords() or (len(_skeleton(password)) >= 4 and _skeleton(password) in common_passwords()):
        out.append(FieldError("new_password", "common_password", "密码过于常见或已在泄露库中出现",
                              "too common, or known from breaches"))
    if len(set(password)) <= 2 or lowered in string.digits * 2 or lowered in (string.ascii_lowercase * 2):
        out.append(FieldError("new_password", "simple_pattern", "密码是简单的重复或连续字符",
                              "a simple repeated or sequential pattern"))
    names = [n.lower() for n in (username, display_name) if n and len(n) >= 3]
    if any(name in lowered for name in names):
        out.append(FieldError("new_password", "contains_login_name", "密码不能包含登录名或姓名",
                              "must not contain the login name or the person's name"))
    return out


def ensure_acceptable(password: str, *, username: str, display_name: str | None = None) -> None:
    found = problems(password, username=username, display_name=display_name)
    if found:
        raise Problem(422, "weak_password", "新密码不符合密码规则", "the new password does not meet the policy",
                      errors=found)


def generate() -> str:
    """An initial password: 12 characters from letters and digits without look-alikes, plus a symbol."""
    alphabet = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(11)) + secrets.choice("@#%+=")
        if any(c.isdigit() for c in candidate) and any(c.isupper() for c in candidate) \
                and any(c.islower() for c in candidate):
            return candidate
