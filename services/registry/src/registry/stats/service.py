"""Statistics for a jurisdiction (POLICY.md §11): head counts by post, age band, education, certificate,
sex and child region in ONE grouped scan (GROUPING SETS), plus quota fill, training compliance,
certification share against the targets and the reserve-pool ratio — all aggregate SQL.

Dashboards poll this all day: the ETag is derived from what can change the answer (the latest audited
write, the latest rule document, the day, the scope), so an unchanged answer is a 304 without computing."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.composition import service as composition
from registry.rules import service as rules
from registry.quota.service import QuotaService
from registry.reserve.service import ReserveService

from .repository import DIMENSIONS, StatsRepository
from .schemas import (Bucket, Certification, CertificationTarget, QuotaFill, RegionBucket, ReservePool, Statistics,
                      TrainingCompliance)

CACHE_SIZE = 256
_cache: OrderedDict[str, Statistics] = OrderedDict()


def _ratio(part: int, whole: int, places: str = "0.0001") -> Decimal | None:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal(places), ROUND_HALF_UP) if whole else None


class StatsService:
    def __init__(self, session: AsyncSession):
        self.session = session
        self.repository = StatsRepository(session)

    async def etag(self, principal: Principal, scope: str, on: date) -> str:
        last_write, last_rule = await self.repository.latest_write_and_rule()
        basis = f"{principal.role.value}|{principal.jurisdiction}|{scope}|{on}|{last_write}|{last_rule}"
        return '"' + hashlib.sha256(basis.encode()).hexdigest()[:32] + '"'

    async def statistics(self, principal: Principal, scope: str, on: date, etag: str) -> Statistics:
        if etag in _cache:
            _cache.move_to_end(etag)
            return _cache[etag]
        result = await self._compute(principal, scope, on)
        _cache[etag] = result
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
        return result

    async def _compute(self, principal: Principal, scope: str, on: date) -> Statistics:
        buckets: dict[str, list[Bucket]] = {d: [] for d in DIMENSIONS}
        width = len(DIMENSIONS)
        for row in await self.repository.headcount_sets(principal, scope, on):
            # grouping() has a 0 bit for the one dimension this row is grouped by (most significant first).
            index = next(i for i in range(width) if not (row.set >> (width - 1 - i)) & 1)
            buckets[DIMENSIONS[index]].append(Bucket(key=row[1 + index], count=row.n))
        for values in buckets.values():
            values.sort(key=lambda b: (b.key is None, b.key or ""))
        headcount = sum(b.count for b in buckets["post"])
        names = await self.repository.region_names([b.key for b in buckets["child"]])
        by_region = [RegionBucket(code=b.key, name=names.get(b.key), count=b.count) for b in buckets["child"]]
        certified = sum(b.count for b in buckets["certificate"] if b.key is not None)
        return Statistics(region=scope, as_of=on, headcount=headcount, by_post=buckets["post"],
                          by_age_band=buckets["age_band"], by_education=buckets["education"],
                          by_certificate=buckets["certificate"], by_sex=buckets["sex"], by_region=by_region,
                          certification=await self._certification(scope, on, certified, headcount),
                          quota=await self._quota(principal, scope, on),
                          training=await self._training(principal, scope, on.year),
                          reserve=await self._reserve(principal, scope, on),
                          composition=await composition.summary(self.session, principal, scope, on))

    async def _certification(self, scope: str, on: date, certified: int, headcount: int) -> Certification:
        share = _ratio(certified, headcount) or Decimal("0.0000")
        rule = await rules.resolve(self.session, "certification.targets", scope, on)
        targets = [CertificationTarget(year=int(t["year"]), share=Decimal(t["share"]),
                                       met=share >= Decimal(t["share"])) for t in (rule.params["targets"] if rule else [])]
        return Certification(certified=certified, share=share, targets=targets,
                             rule_prefix=rule.region_prefix if rule else None)

    async def _quota(self, principal: Principal, scope: str, on: date) -> list[QuotaFill]:
        lines = await QuotaService(self.session).overview(principal, scope, on)
        fills = []
        for level in ("county", "community"):
            mine = [line for line in lines if line.level == level]
            if mine:
                allowed, filled = sum(line.allowed for line in mine), sum(line.filled for line in mine)
                fills.append(QuotaFill(level=level, regions=len(mine), allowed=allowed, filled=filled,
                                       fill_rate=_ratio(filled, allowed),
                                       over_quota_regions=sum(1 for line in mine if line.filled > line.allowed)))
        return fills

    async def _training(self, principal: Principal, scope: str, year: int) -> TrainingCompliance:
        workers, compliant = await self.repository.training_compliance(principal, scope, year)
        return TrainingCompliance(year=year, workers=workers, compliant=compliant, share=_ratio(compliant, workers))

    async def _reserve(self, principal: Principal, scope: str, on: date) -> ReservePool:
        pools = await ReserveService(self.session).pools(principal, scope, on)
        posts, pool = sum(p.secretary_posts for p in pools), sum(p.pool for p in pools)
        return ReservePool(townships=len(pools), secretary_posts=posts, required=sum(p.required for p in pools),
                           pool=pool, ratio=_ratio(pool, posts, "0.01"), shortfall=sum(p.shortfall for p in pools))
