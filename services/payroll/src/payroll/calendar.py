"""Month and year arithmetic shared by grades and calculation."""

from __future__ import annotations

import calendar
from datetime import date


def parse_month(month: str) -> tuple[date, date]:
    """'2025-03' → (first day, last day)."""
    year, mon = int(month[:4]), int(month[5:7])
    return date(year, mon, 1), date(year, mon, calendar.monthrange(year, mon)[1])


def next_month_start(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def overlap_days(a_start: date, a_end: date, b_start: date, b_end: date) -> int:
    """Inclusive calendar days shared by two inclusive date ranges."""
    start, end = max(a_start, b_start), min(a_end, b_end)
    return (end - start).days + 1 if end >= start else 0

