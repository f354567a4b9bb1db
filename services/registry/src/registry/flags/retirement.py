"""Statutory retirement date under the gradual retirement-age reform, as data (`retirement.age` rule):
for each sex a base age; from the reform month on, each `months_per_step` months of original retirement
dates add one month, up to `max_delay_months` (2024 decision: men 60→63, women 55→58, one month per 4)."""

from __future__ import annotations

from datetime import date
from typing import Any

from registry.secondments.service import add_months


def retirement_date(params: dict[str, Any], sex: str, birth: date) -> date:
    rule = params["by_sex"][sex]
    original = add_months(birth, int(rule["base_age_months"]))
    reform_year, reform_month = (int(part) for part in params["reform_start"].split("-"))
    months_since = (original.year - reform_year) * 12 + (original.month - reform_month)
    delay = 0 if months_since < 0 else min(int(rule["max_delay_months"]), months_since // int(rule["months_per_step"]) + 1)
    return add_months(original, delay)
