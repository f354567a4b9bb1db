"""Absences in daily-management records (SS 「连续旷工15天」, 「累计旷工超过30天」): the days of a record's period,
which months it covers, and the year's longest absence streak across records.

A record (a month YYYY-MM or a quarter YYYY-Qn) stores its absent days, its own longest streak, and the streaks
touching its edges: `absent_at_start` (consecutive absent days from the period's first day) and `absent_at_end`
(up to its last day). A streak from 20 January to 5 February is January's absent_at_end (12) joined to February's
absent_at_start (5): 17 days, though neither month's own streak reaches 15.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from cwm_kit.dates import month_bounds


def period_months(period: str) -> tuple[int, ...]:
    """The months a period covers: "2025-03" → (3,), "2025-Q2" → (4, 5, 6)."""
    part = period[5:]
    if part.startswith("Q"):
        quarter = int(part[1:])
        return tuple(range(3 * quarter - 2, 3 * quarter + 1))
    return (int(part),)


def period_bounds(period: str) -> tuple[date, date]:
    """The first and last day of a period (inclusive)."""
    months = period_months(period)
    return (month_bounds(f"{period[:4]}-{months[0]:02d}")[0], month_bounds(f"{period[:4]}-{months[-1]:02d}")[1])


def period_days(period: str) -> int:
    """Days in a period: 2024-02 has 29, 2025-Q1 has 90."""
    first, last = period_bounds(period)
    return (last - first).days + 1


def longest_streak(records: Iterable[Any]) -> int:
    """The year's longest absence streak: the longest of the records' own streaks and of the chains where one
    period's `absent_at_end` meets the next adjacent period's `absent_at_start`. A period absent every day
    (absent_days = its days) carries the chain through. A period with no record breaks it (nothing is known)."""
    longest = 0
    run = 0  # consecutive absent days up to the last day of the previous record's period
    previous_last: date | None = None
    for record in sorted(records, key=lambda r: period_bounds(r.period)[0]):
        first, last = period_bounds(record.period)
        days = (last - first).days + 1
        carried = run if previous_last is not None and previous_last + timedelta(days=1) == first else 0
        if int(record.absent_days) >= days:  # absent the whole period
            run = carried + days
            longest = max(longest, run)
        else:
            longest = max(longest, carried + int(record.absent_at_start or 0))
            run = int(record.absent_at_end or 0)
        longest = max(longest, int(record.longest_absence_streak), run)
        previous_last = last
    return longest
