from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.dates import today_in_china
from cwm_kit.security import Principal

from .models import Region, StarRating


def in_use_on(on, region=Region):
    """Regions (or an alias of the table) not retired by `on`: a region is used until the day before its
    `retired_on`."""
    return or_(region.retired_on.is_(None), region.retired_on > on)


class RegionRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def get(self, code: str) -> Region | None:
        return await self.session.get(Region, code)

    async def subtree(self, principal: Principal, prefix: str, level: str | None, parent: str | None,
                      include_retired: bool = False) -> list[Region]:
        statement = select(Region).where(Region.code.startswith(prefix, autoescape=True),
                                         principal.region_filter(Region.code)).order_by(Region.code)
        if not include_retired:
            statement = statement.where(in_use_on(today_in_china()))
        if level:
            statement = statement.where(Region.level == level)
        if parent:
            statement = statement.where(Region.parent_code == parent)
        return list((await self.session.scalars(statement)).all())

    async def star_ratings(self, codes: list[str]) -> dict[str, list[StarRating]]:
        rows = await self.session.scalars(
            select(StarRating).where(StarRating.region_code.in_(codes)).order_by(StarRating.year))
        result: dict[str, list[StarRating]] = {}
        for row in rows:
            result.setdefault(row.region_code, []).append(row)
        return result

    async def upsert_star(self, code: str, year: int, stars: int) -> tuple[int | None, StarRating]:
        existing = await self.session.get(StarRating, (code, year))
        before = existing.stars if existing else None
        if existing:
            existing.stars = stars
        else:
            existing = StarRating(region_code=code, year=year, stars=stars)
            self.session.add(existing)
        await self.session.flush()
        return before, existing


async def region_names(session: AsyncSession, codes: set[str]) -> dict[str, str]:
    """Names of the given region codes (the audit view names places, not only codes)."""
    if not codes:
        return {}
    rows = await session.execute(select(Region.code, Region.name).where(Region.code.in_(codes)))
    return {code: name for code, name in rows.all()}
