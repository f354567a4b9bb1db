"""Month and year arithmetic shared by grades and calculation."""

from __future__ import annotations

from datetime import date

# '2025-03' → (first day, last day): the kit's, shared with the registry.
from cwm_kit.dates import month_bounds as parse_month

__all__ = ["next_month_start", "overlap_days", "parse_month"]


def next_month_start(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def overlap_days(a_start: date, a_end: date, b_start: date, b_end: date) -> int:
    """Inclusive calendar days shared by two inclusive date ranges."""
    start, end = max(a_start, b_start), min(a_end, b_end)
    return (end - start).days + 1 if end >= start else 0

