"""Probation against the contract term (rule `contract.probation`: Labour Contract Law art.19 — at most one month
for a term of 3 months to under a year, two for one to under three years, six for three years and more; none
under 3 months)."""

from __future__ import annotations

from typing import Any


def max_probation_months(params: dict[str, Any], term_months: int) -> int:
    """The longest probation the rule allows for a contract of `term_months` (0 = none allowed)."""
    allowed = 0
    for tier in sorted(params["max_months_by_term"], key=lambda t: int(t["term_months_from"])):
        if term_months >= int(tier["term_months_from"]):
            allowed = int(tier["max_months"])
    return allowed
