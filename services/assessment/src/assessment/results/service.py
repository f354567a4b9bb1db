"""What consumers and dashboards read: the feed of final results and the statistics of a year."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from cwm_kit.problems import field_problem
from cwm_kit.security import Principal

from assessment.assessments.service import excellent_limit

from .repository import ResultRepository
from .schemas import Distribution, ResultFeed, ResultItem, Statistics, UnitStatistics

COUNTS = ("assessed", "proposed", "decided", "final", "annual_assessed", "excellent_decided", "overdue_proposals",
          "overdue_decisions")
RESULTS = ("excellent", "competent", "basically_competent", "incompetent")


def share_percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class ResultService:
    def __init__(self, repository: ResultRepository):
        self.repository = repository

    async def feed(self, principal: Principal, after: str | None, region: str | None, year: int | None,
                   limit: int) -> ResultFeed:
        if after in (None, ""):
            position = 0
        elif after.isdigit() and len(after) <= 18:
            position = int(after)
        else:
            raise field_problem("after", "bad_cursor", "游标无效（应为上次返回的 next_cursor）",
                                "invalid cursor (use the next_cursor of the previous page)")
        prefix = principal.scope_prefix(region)
        rows = await self.repository.feed(principal, prefix, position, year, limit)
        items = [ResultItem(id=r.assessment_id, cursor=str(r.cursor), worker_id=r.worker_id, year=r.year,
                            kind=r.kind, result=r.result, score=r.score, community_code=r.community_code,
                            finalized_at=r.finalized_at, revision=r.revision, tolerance=r.tolerance,
                            historical=r.historical, source_document=r.source_document) for r in rows]
        return ResultFeed(items=items, next_cursor=items[-1].cursor if items else str(position))

    async def statistics(self, principal: Principal, region: str | None, year: int, today: date) -> Statistics:
        prefix = principal.scope_prefix(region)
        rows = await self.repository.township_counts(principal, prefix, year, today)
        townships: list[UnitStatistics] = []
        for row in rows:
            limit = excellent_limit({"excellent_quota_percent": row.quota_percent,
                                     "excellent_quota_rounding": row.rounding or "floor"}, row.annual_assessed)
            townships.append(UnitStatistics(
                county_code=row.county_code, township_code=row.township_code,
                **{c: int(getattr(row, c)) for c in COUNTS},
                distribution=Distribution(**{r: int(getattr(row, r)) for r in RESULTS}),
                excellent_limit=limit,
                quota_percent=Decimal(row.quota_percent) if row.quota_percent is not None else None,
                excellent_share_percent=share_percent(row.excellent_decided, row.annual_assessed)))
        counties: dict[str, list[UnitStatistics]] = {}
        for unit in townships:
            counties.setdefault(unit.county_code, []).append(unit)
        return Statistics(
            year=year, region=prefix, total=_sum(prefix, townships),
            counties=[_sum(code, units) for code, units in counties.items()], townships=townships)


def _sum(code: str, units: list[UnitStatistics]) -> UnitStatistics:
    counts = {c: sum(getattr(u, c) for u in units) for c in COUNTS}
    limits = [u.excellent_limit for u in units]
    return UnitStatistics(
        county_code=code, **counts,
        distribution=Distribution(**{r: sum(getattr(u.distribution, r) for u in units) for r in RESULTS}),
        # The quota binds per township, so the wider limit is the sum of the townships' limits.
        excellent_limit=sum(x for x in limits if x is not None) if units else None,
        excellent_share_percent=share_percent(counts["excellent_decided"], counts["annual_assessed"]))
