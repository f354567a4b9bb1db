"""Cumulative years of community service (POLICY.md §4).

The rule, precisely:
- Only service periods in communities of the worker's current province count (code prefix, 2 digits):
  years are cumulative across communities inside the province (CENTRAL §4, NX, IM art.23).
- A period is [start, end] with both days counted; an open period (end NULL) runs to `as_of`;
  a period starting after `as_of` counts nothing, one ending after it is cut at `as_of`.
- Overlapping or touching periods (a transfer on the same day, double records) count each day once.
- A break between periods is not bridged (SS): only days inside some period count.
- Years = counted days / 365.25, rounded half-up to two places (a decimal, never a float).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

DAYS_PER_YEAR = Decimal("365.25")
ONE_DAY = timedelta(days=1)


def merged_runs(periods: Iterable[tuple[str, date, date | None]], province: str) -> list[tuple[date, date | None]]:
    """In-province periods merged into disjoint runs; an open run has end None."""
    # An open period (end None) sorts after a closed one starting the same day: None is not comparable.
    spans = sorted(((start, end) for community, start, end in periods if community.startswith(province)),
                   key=lambda span: (span[0], span[1] or date.max))
    runs: list[tuple[date, date | None]] = []
    for start, end in spans:
        if runs:
            last_start, last_end = runs[-1]
            if last_end is None or start <= last_end + ONE_DAY:
                merged_end = None if last_end is None or end is None else max(last_end, end)
                runs[-1] = (last_start, merged_end)
                continue
        runs.append((start, end))
    return runs


def service_days(periods: Iterable[tuple[str, date, date | None]], province: str, as_of: date) -> int:
    total = 0
    for start, end in merged_runs(periods, province):
        if start > as_of:
            continue
        last = as_of if end is None else min(end, as_of)
        total += (last - start).days + 1
    return total


def years(days: int) -> Decimal:
    return (Decimal(days) / DAYS_PER_YEAR).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def cumulative_years(periods: Iterable[tuple[str, date, date | None]], province: str, as_of: date) -> Decimal:
    return years(service_days(periods, province, as_of))


def summary(periods: Iterable[tuple[str, date, date | None]], province: str) -> tuple[int, date | None]:
    """(days of the closed runs, start of the open run) — stored on the worker so a years filter is a
    column expression: closed + (today − open_since + 1)."""
    closed = 0
    open_since = None
    for start, end in merged_runs(periods, province):
        if end is None:
            open_since = start
        else:
            closed += (end - start).days + 1
    return closed, open_since
