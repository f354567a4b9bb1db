"""Calendar arithmetic the services share: a date some months or years on, clamped to the month's last day."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta, timezone

# China keeps one time zone, UTC+8, without daylight saving.
CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")


def today_in_china() -> date:
    """Today's date in China, whatever the server's own zone: what a "not in the future" check compares with."""
    return datetime.now(UTC).astimezone(CHINA).date()


def month_bounds(month: str) -> tuple[date, date]:
    """'2025-03' → (its first day, its last day)."""
    year, mon = int(month[:4]), int(month[5:7])
    return date(year, mon, 1), date(year, mon, calendar.monthrange(year, mon)[1])


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier, when negative); the month's last day where it has no such day:
    31 January + 1 month is 28 (or 29) February."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 28 February for 29 February in a year that has none."""
    return add_months(day, 12 * years)
