"""Probation against the contract term (rule `contract.probation`: Labour Contract Law art.19 — at most one month
for a term of 3 months to under a year, two for one to under three years, six for three years and more; none
under 3 months)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from cwm_kit.dates import add_months
from cwm_kit.problems import FieldError, Problem

RULE_KIND = "contract.probation"


def max_probation_months(params: dict[str, Any], term_months: int) -> int:
    """The longest probation the rule allows for a contract of `term_months` (0 = none allowed)."""
    allowed = 0
    for tier in sorted(params["max_months_by_term"], key=lambda t: int(t["term_months_from"])):
        if term_months >= int(tier["term_months_from"]):
            allowed = int(tier["max_months"])
    return allowed


def latest_probation_end(params: dict[str, Any], start: date, term_years: int) -> date | None:
    """The last day a probation starting with the contract on `start` may run (None: no probation allowed)."""
    months = max_probation_months(params, 12 * term_years)
    return add_months(start, months) - timedelta(days=1) if months else None


def ensure_probation_allowed(rule: Any, start: date, term_years: int, probation_end: date | None) -> None:
    """422 naming `probation_end` and the rule when the probation is longer than art.19 allows for the term."""
    if probation_end is None:
        return
    latest = latest_probation_end(rule.params, start, term_years)
    if latest is not None and probation_end <= latest:
        return
    months = max_probation_months(rule.params, 12 * term_years)
    zh = (f"{term_years} 年期合同的试用期不得超过 {months} 个月（最晚 {latest.isoformat()} 结束）" if latest else
          f"{term_years} 年期合同不得约定试用期")
    en = (f"a {term_years}-year contract allows at most {months} months of probation (ending by "
          f"{latest.isoformat()})" if latest else f"a {term_years}-year contract allows no probation")
    from registry.rules import service as rules

    raise Problem(422, "probation_too_long", zh + "（劳动合同法第十九条）", en + " (Labour Contract Law art.19)",
                  errors=[FieldError("probation_end", "probation_too_long", zh, en)],
                  rule=rules.describe(rule, "max_months_by_term"))
