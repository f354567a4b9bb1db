"""Masking a bank account: only the last four digits, as the kit's privacy rule masks `bank_account` keys in
the audit view. Whether a caller sees it in full is the national-ID rule (service.sees_full_identity)."""

from __future__ import annotations


def mask_bank_account(number: str | None) -> str | None:
    return number if not number else "*" * max(len(number) - 4, 0) + number[-4:]
