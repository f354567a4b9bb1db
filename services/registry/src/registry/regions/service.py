from cwm_kit import audit
from cwm_kit.problems import Problem, not_found
from cwm_kit.security import Principal

from registry.models import audit_log

from .models import Region
from .repository import RegionRepository
from .schemas import RegionOut, RegionUpdate, StarRatingOut


class RegionService:
    def __init__(self, repository: RegionRepository):
        self.repository = repository

    async def _visible(self, principal: Principal, code: str) -> Region:
        region = await self.repository.get(code)
        # A worker sees their own community's facts; officers their subtree (and its ancestors' names
        # are not needed, so ancestors stay hidden).
        if region is None or not (principal.covers(code) or (principal.is_worker and principal.jurisdiction == code)):
            raise not_found("地区", "region")
        return region

    async def _out(self, regions: list[Region]) -> list[RegionOut]:
        stars = await self.repository.star_ratings([r.code for r in regions])
        return [RegionOut.model_validate(r).model_copy(
            update={"star_ratings": [StarRatingOut.model_validate(s) for s in stars.get(r.code, [])]})
            for r in regions]

    async def get(self, principal: Principal, code: str) -> RegionOut:
        return (await self._out([await self._visible(principal, code)]))[0]

    async def subtree(self, principal: Principal, prefix: str | None, level: str | None,
                      parent: str | None) -> list[RegionOut]:
        scoped = principal.scope_prefix(prefix)
        return await self._out(await self.repository.subtree(principal, scoped, level, parent))

    async def update(self, principal: Principal, code: str, body: RegionUpdate) -> RegionOut:
        principal.ensure_can_write()
        region = await self._visible(principal, code)
        before = audit.snapshot(region)
        changes = body.model_dump(exclude_unset=True)
        if not changes:
            raise Problem(422, "empty_update", "没有要修改的字段", "no fields to update")
        for field, value in changes.items():
            setattr(region, field, value)
        await self.repository.session.flush()
        await audit.record(self.repository.session, audit_log, principal, action="region.update", entity="region",
                           entity_id=code, region_code=code, before=before, after=audit.snapshot(region))
        return await self.get(principal, code)

    async def set_star(self, principal: Principal, code: str, year: int, stars: int) -> RegionOut:
        principal.ensure_can_write()
        region = await self._visible(principal, code)
        if region.level != "community":
            raise Problem(422, "not_a_community", "星级评定只适用于社区", "star ratings apply to communities only")
        before, _ = await self.repository.upsert_star(code, year, stars)
        await audit.record(self.repository.session, audit_log, principal, action="region.star_rating",
                           entity="region", entity_id=code, region_code=code,
                           before={"year": year, "stars": before}, after={"year": year, "stars": stars})
        return await self.get(principal, code)
