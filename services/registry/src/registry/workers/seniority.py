"""Which years of community service count, and how many (POLICY.md §4; issue 10; ADR 0002).

The registry owns the rule; the arithmetic is `cwm_kit.service_years`, shared with payroll so a grade,
a payslip, a worker page and a flag all count the same years.

- Which periods count is the rule document `service.counting` (rules/defaults.py), resolved like every
  rule (most specific prefix in force on the date) for the worker's current community:
  `scope_digits` — a period counts when its community shares that many leading digits with the worker's
  current community (2: the province/region, CENTRAL §4, NX, IM art.23; 6: the district, SS
  「在松山区辖区内社区的工作年限」); `bridge_breaks` — false everywhere: days in a break count nothing
  (SS 「中断年限不予连续计算」).
- A period is [start, end] with both days counted, an open one (end NULL) runs on; overlapping or touching
  periods merge (a transfer closes the old period the day before the new one starts: no day lost, none
  counted twice).
- Rules change with dates, so the facts carry one *era* per rule in force: `{from, to, scope, source, runs}`;
  years at a cut-off are counted on the runs of the era in force on the cut-off day.
- Years on a cut-off day = completed calendar months of the days served before it / 12: the kit's one
  function, `cwm_kit.service_years.completed_years`; this module only says which runs it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cwm_kit.service_years import Run, days_before, merge_runs

ONE_DAY = timedelta(days=1)
Period = tuple[str, date, date | None]
RULE_KIND = "service.counting"


@dataclass(frozen=True)
class CountingRule:
    region_prefix: str
    effective_from: date
    source: str
    scope_digits: int
    bridge_breaks: bool = False

    @classmethod
    def of(cls, row: Any) -> CountingRule:
        return cls(row.region_prefix, row.effective_from, row.source, int(row.params["scope_digits"]),
                   bool(row.params.get("bridge_breaks", False)))


def merged_runs(periods: Iterable[Period], scope: str) -> list[Run]:
    """Periods in communities under the `scope` prefix, merged into disjoint runs; an open run has end None."""
    return merge_runs((start, end) for community, start, end in periods if community.startswith(scope))


def counted_runs(periods: Iterable[Period], community_code: str, rule: CountingRule) -> list[Run]:
    runs = merged_runs(periods, community_code[:rule.scope_digits])
    if rule.bridge_breaks and runs:
        return [(runs[0][0], runs[-1][1])]
    return runs


def service_days(periods: Iterable[Period], scope: str, as_of: date) -> int:
    """Days served up to and including `as_of`."""
    return days_before(merged_runs(periods, scope), as_of + ONE_DAY)


def summary(periods: Iterable[Period], scope: str) -> tuple[int, date | None]:
    """(days of the closed runs, start of the open run) — stored on the worker so a years filter is a
    column expression: closed + (today − open_since + 1) days served through today."""
    closed = 0
    open_since = None
    for start, end in merged_runs(periods, scope):
        if end is None:
            open_since = start
        else:
            closed += (end - start).days + 1
    return closed, open_since


def summary_runs(closed_days: int, open_since: date | None, through: date) -> list[Run]:
    """The stored summary back as runs with the same days served through `through` (for
    `cwm_kit.service_years.completed_years`): the closed days as one run just before the open run (or ending
    on `through` when none is open), then the open run."""
    end = open_since - ONE_DAY if open_since else through
    runs: list[Run] = [(end - timedelta(days=closed_days - 1), end)] if closed_days > 0 else []
    return [*runs, (open_since, None)] if open_since else runs


def timeline(rules: Iterable[CountingRule], community_code: str) -> list[tuple[date, date | None, CountingRule]]:
    """The rule in force for `community_code` from each date on: [(from, to, rule)], to inclusive, the last
    open. At every date the most specific prefix wins, then the latest effective date."""
    applicable = [r for r in rules if community_code.startswith(r.region_prefix)]
    eras: list[tuple[date, CountingRule]] = []
    for day in sorted({r.effective_from for r in applicable}):
        winner = max((r for r in applicable if r.effective_from <= day),
                     key=lambda r: (len(r.region_prefix), r.effective_from))
        if not eras or eras[-1][1] != winner:
            eras.append((day, winner))
    return [(start, eras[i + 1][0] - ONE_DAY if i + 1 < len(eras) else None, rule)
            for i, (start, rule) in enumerate(eras)]


def rule_on(rules: Iterable[CountingRule], community_code: str, day: date) -> CountingRule | None:
    return next((rule for start, end, rule in timeline(rules, community_code)
                 if start <= day and (end is None or day <= end)), None)


def counting_eras(periods: Sequence[Period], community_code: str,
                  rules: Iterable[CountingRule]) -> list[dict[str, Any]]:
    """What the facts stream publishes as `counted_service`."""
    eras = []
    for start, end, rule in timeline(rules, community_code):
        runs = counted_runs(periods, community_code, rule)
        eras.append({"from": start.isoformat(), "to": end.isoformat() if end else None,
                     "scope": community_code[:rule.scope_digits], "source": rule.source,
                     "runs": [{"start": s.isoformat(), "end": e.isoformat() if e else None} for s, e in runs]})
    return eras


def runs_on(periods: Sequence[Period], community_code: str, rules: Iterable[CountingRule], day: date) -> list[Run]:
    """The runs the rule in force on `day` counts (none without a rule), for the kit's `completed_years`."""
    rule = rule_on(rules, community_code, day)
    return counted_runs(periods, community_code, rule) if rule else []


async def load_rules(session: Any) -> list[CountingRule]:
    """Every `service.counting` document (a handful of rows), for `timeline`."""
    from sqlalchemy import select

    from registry.rules.models import ManagementRule

    rows = await session.scalars(select(ManagementRule).where(ManagementRule.kind == RULE_KIND))
    return [CountingRule.of(row) for row in rows]
