"""Years of community service: the one arithmetic every service uses (issue 10, ADR 0002).

Which periods count is the registry's rule document `service.counting` (scope and dates); the registry
merges the counted periods into runs and publishes them in the worker facts. Everything that needs years —
the registry's worker page, list filter and flags, payroll's grade and honours — turns runs into years
with these functions, so there is one definition:

- a run is `(start, end)`, both days served, `end` None while open; overlapping or touching periods
  merge, so a day is counted once and a transfer (old period closed the day before the new one starts)
  loses no day; a day in a break counts nothing;
- service "on day D" is the days served strictly before D;
- completed months on D are the whole calendar months from (D − those days) to D: a year of service is
  completed on the anniversary date (hired 2019-01-01 → 4 years on 2023-01-01, not a day later);
  after a break the earlier days are carried as days, so the anniversary moves by the length of the break;
- years = completed months / 12 (so ½-year effects fall on month anniversaries).

`completed_years(runs, on)` is THE years of service: the registry (worker page, list, export, facts, flags)
and payroll (grades, honours, payslips) all call it; which runs count is the caller's rule (registry
`workers/seniority.py`), never another formula. "Through day D" is `completed_years(runs, D + 1 day)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

Run = tuple[date, date | None]
ONE_DAY = timedelta(days=1)


def merge_runs(spans: Iterable[Run]) -> list[Run]:
    """Periods merged into disjoint runs, in order; an open run has end None."""
    # An open period (end None) sorts after a closed one starting the same day: None is not comparable.
    ordered = sorted(spans, key=lambda span: (span[0], span[1] or date.max))
    runs: list[Run] = []
    for start, end in ordered:
        if runs:
            last_start, last_end = runs[-1]
            if last_end is None or start <= last_end + ONE_DAY:
                runs[-1] = (last_start, None if last_end is None or end is None else max(last_end, end))
                continue
        runs.append((start, end))
    return runs


def days_before(runs: Iterable[Run], on: date) -> int:
    """Days served strictly before `on` (runs must be disjoint: see merge_runs)."""
    total = 0
    for start, end in runs:
        if start >= on:
            continue
        last = on - ONE_DAY if end is None else min(end, on - ONE_DAY)
        total += (last - start).days + 1
    return total


def days_within(runs: Iterable[Run], start: date, end: date) -> int:
    """Days served from `start` up to (not including) `end`."""
    runs = list(runs)
    return days_before(runs, end) - days_before(runs, start)


def whole_months(start: date, end: date) -> int:
    """Complete calendar months from `start` up to `end` (a month is complete on its monthly anniversary;
    an anniversary on a day the month lacks, e.g. 29 February, falls on the next day)."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def months_from_days(days: int, on: date) -> int:
    """Completed months on `on` for `days` served before it."""
    return whole_months(on - timedelta(days=days), on) if days > 0 else 0


def completed_months(runs: Iterable[Run], on: date) -> int:
    return months_from_days(days_before(runs, on), on)


def years_of(months: int) -> Decimal:
    """Months as years (exact Decimal arithmetic for thresholds; quantize only for display)."""
    return Decimal(months) / Decimal(12)


def completed_years(runs: Iterable[Run], on: date) -> Decimal:
    """Years of service on `on`: completed months of the days served strictly before `on`, / 12 (exact)."""
    return years_of(completed_months(runs, on))


def display_years(years: Decimal) -> Decimal:
    """Two places, half-up, for pages and the facts stream."""
    return years.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
