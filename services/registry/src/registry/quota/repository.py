from __future__ import annotations

from datetime import date

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.regions.models import Region
from registry.regions.repository import in_use_on
from registry.workers.models import Worker

from .models import CommunityNumber, QuotaException

# A worker occupies a quota place while on probation, active or seconded (seconded workers keep their post).
IN_POST_STATUSES = ("probation", "active", "seconded")


def in_post():
    return Worker.status.in_(IN_POST_STATUSES)


def in_post_in(principal: Principal, scope: str):
    """Workers in post in `scope` inside the caller's jurisdiction."""
    return and_(Worker.community_code.startswith(scope, autoescape=True),
                principal.region_filter(Worker.community_code), in_post())


def exceptions_in_force(on: date):
    return and_(QuotaException.status == "approved", QuotaException.valid_from <= on,
                or_(QuotaException.valid_until.is_(None), QuotaException.valid_until >= on))


def numbers_in_force(on: date) -> Select:
    """Each community's approved number in force on `on`: the latest approved valid_from not after it."""
    return (select(CommunityNumber.region_code.label("code"), CommunityNumber.number.label("number"))
            .where(CommunityNumber.status == "approved", CommunityNumber.valid_from <= on)
            .distinct(CommunityNumber.region_code)
            .order_by(CommunityNumber.region_code, CommunityNumber.valid_from.desc(),
                      CommunityNumber.decided_at.desc()))


class QuotaRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def lock_region(self, code: str) -> Region | None:
        # Serialises concurrent hires into one county: the second waits and then sees the first's worker.
        return (await self.session.scalars(select(Region).where(Region.code == code).with_for_update())).first()

    async def filled(self, prefix: str) -> int:
        statement = select(func.count()).select_from(Worker).where(
            Worker.community_code.startswith(prefix, autoescape=True), in_post())
        return int(await self.session.scalar(statement) or 0)

    async def extra_posts(self, code: str, on: date) -> int:
        statement = select(func.coalesce(func.sum(QuotaException.extra_posts), 0)).where(
            QuotaException.region_code == code, exceptions_in_force(on))
        return int(await self.session.scalar(statement) or 0)

    async def approved_number(self, code: str, on: date) -> int | None:
        numbers = numbers_in_force(on).where(CommunityNumber.region_code == code).subquery()
        return await self.session.scalar(select(numbers.c.number))

    def numbers_by(self, prefix: str, on: date) -> Select:
        return numbers_in_force(on).where(CommunityNumber.region_code.startswith(prefix, autoescape=True))

    async def community_numbers(self, prefix: str, region_filter) -> list[CommunityNumber]:
        statement = (select(CommunityNumber)
                     .where(CommunityNumber.region_code.startswith(prefix, autoescape=True), region_filter)
                     .order_by(CommunityNumber.proposed_at.desc()))
        return list((await self.session.scalars(statement)).all())

    def filled_by(self, length: int, prefix: str) -> Select:
        code = func.substr(Worker.community_code, 1, length).label("code")
        return (select(code, func.count().label("filled"))
                .where(Worker.community_code.startswith(prefix, autoescape=True), in_post())
                .group_by(code))

    def extras_by(self, length: int, prefix: str, on: date) -> Select:
        return (select(QuotaException.region_code.label("code"),
                       func.sum(QuotaException.extra_posts).label("extra"))
                .where(func.length(QuotaException.region_code) == length,
                       QuotaException.region_code.startswith(prefix, autoescape=True), exceptions_in_force(on))
                .group_by(QuotaException.region_code))

    def regions_of_level(self, level: str, prefix: str, on: date) -> Select:
        return select(Region.code).where(Region.level == level, Region.code.startswith(prefix, autoescape=True),
                                         in_use_on(on))

