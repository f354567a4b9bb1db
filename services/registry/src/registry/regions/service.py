from datetime import date

from sqlalchemy import func, select

from cwm_kit import audit, duties
from cwm_kit.dates import today_in_china
from cwm_kit.problems import FieldError, Problem, field_problem, not_found
from cwm_kit.security import Principal
from cwm_kit.updates import ensure_changes

from registry.models import audit_log

from .models import LEVEL_BY_LENGTH, Region, RegionChange
from .repository import RegionRepository
from .schemas import RegionChangeOut, RegionCreate, RegionOut, RegionRetire, RegionUpdate, StarRatingOut

# What a county-or-higher officer manages as the region's own record (renames are dated in its history).
MANAGED_FIELDS = {"name", "residents", "urban_rural"}
# The figures that drive quota and pay: a county's urban population (its quota, 18 per 10,000; IM art.6: the city
# approves a county's total) and fiscal category (NX: 80% regional subsidy for mountain counties, else 20%), a
# community's households (SS quota, one per ~300) and star rating (NX star allowance, 100 yuan a star a month).
# A region does not set its own: only a region-managing officer whose jurisdiction lies strictly above it.
FIGURE_FIELDS = {"urban_population", "households", "fiscal_category"}
FIGURES_RULE = "region_figures_from_above"
SNAPSHOT = ["code", "name", "level", "parent_code", "households", "residents", "urban_rural", "fiscal_category",
            "urban_population", "established_on", "retired_on"]
EMPLOYED = ("probation", "active", "seconded")


class RegionService:
    def __init__(self, repository: RegionRepository):
        self.repository = repository

    async def _visible(self, principal: Principal, code: str) -> Region:
        region = await self.repository.get(code)
        # A worker sees their own community's facts; officers their subtree (the places above it are named by
        # `get`, without their figures).
        if region is None or not (principal.covers(code) or (principal.is_worker and principal.jurisdiction == code)):
            raise not_found("地区", "region")
        return region

    async def _out(self, regions: list[Region]) -> list[RegionOut]:
        stars = await self.repository.star_ratings([r.code for r in regions])
        return [RegionOut.model_validate(r).model_copy(
            update={"star_ratings": [StarRatingOut.model_validate(s) for s in stars.get(r.code, [])]})
            for r in regions]

    async def get(self, principal: Principal, code: str) -> RegionOut:
        if is_above(principal, code):
            # The places above one's jurisdiction are no secret (the header, a cycle's county, a catalogue's
            # province name them): their name, level and parent; never their figures (population, households,
            # fiscal category, star ratings), which stay with the officers who cover them.
            region = await self.repository.get(code)
            if region is None:
                raise not_found("地区", "region")
            return RegionOut(code=region.code, name=region.name, level=region.level, parent_code=region.parent_code,
                             urban_population=None, households=None, fiscal_category=None)
        return (await self._out([await self._visible(principal, code)]))[0]

    async def subtree(self, principal: Principal, prefix: str | None, level: str | None,
                      parent: str | None, include_retired: bool = False) -> list[RegionOut]:
        scoped = principal.scope_prefix(prefix)
        return await self._out(await self.repository.subtree(principal, scoped, level, parent, include_retired))

    async def _change(self, principal: Principal, region: Region, action: str, effective_from: date,
                      before: dict | None, reason: str | None) -> None:
        after = audit.snapshot(region, SNAPSHOT)
        self.repository.session.add(RegionChange(code=region.code, action=action, effective_from=effective_from,
                                                 before=before, after=after, reason=reason,
                                                 changed_by=principal.subject))
        await self.repository.session.flush()
        await audit.record(self.repository.session, audit_log, principal, action=f"region.{action}", entity="region",
                           entity_id=region.code, region_code=region.code, before=before,
                           after={**after, "effective_from": effective_from}, reason=reason)

    async def create(self, principal: Principal, body: RegionCreate) -> RegionOut:
        """A county or higher officer adds a township or community inside the jurisdiction."""
        duties.ensure_action(principal, "region.manage")
        principal.ensure_can_write()
        if not principal.covers(body.code):
            raise not_found("地区", "region")
        parent_code = body.code[:6] if len(body.code) == 9 else body.code[:9]
        parent = await self.repository.get(parent_code)
        if parent is None or _retired(parent, body.established_on):
            raise field_problem("code", "no_parent", f"上级区划 {parent_code} 不存在或已撤销",
                                f"the parent region {parent_code} does not exist or is retired")
        if await self.repository.get(body.code) is not None:
            raise field_problem("code", "region_exists", "该区划代码已存在（撤销的代码也不再复用）",
                                "the code exists (a retired code is not reused)", status=409)
        region = Region(code=body.code, name=body.name, level=LEVEL_BY_LENGTH[len(body.code)], parent_code=parent_code,
                        households=body.households, residents=body.residents, urban_rural=body.urban_rural,
                        fiscal_category=body.fiscal_category if body.fiscal_category is not None
                        else parent.fiscal_category, established_on=body.established_on)
        self.repository.session.add(region)
        await self.repository.session.flush()
        await self._change(principal, region, "create", body.established_on, None, body.reason)
        return await self.get(principal, body.code)

    async def update(self, principal: Principal, code: str, body: RegionUpdate) -> RegionOut:
        principal.ensure_can_write()
        region = await self._visible(principal, code)
        changes = body.model_dump(exclude_unset=True)
        effective_from = changes.pop("effective_from", None) or today_in_china()
        reason = changes.pop("reason", None)
        ensure_changes(changes)
        if MANAGED_FIELDS & set(changes):
            # Renaming, residents and urban/rural are the region's own record: county level and above.
            duties.ensure_action(principal, "region.manage")
        if FIGURE_FIELDS & set(changes):
            ensure_sets_figures(principal, region, sorted(FIGURE_FIELDS & set(changes)))
        if region.retired_on is not None:
            raise Problem(409, "region_retired", "该区划已撤销，不能修改", "the region is retired")
        before = audit.snapshot(region, SNAPSHOT)
        for field, value in changes.items():
            setattr(region, field, value)
        await self.repository.session.flush()
        action = "rename" if "name" in changes and changes["name"] != before["name"] else "update"
        await self._change(principal, region, action, effective_from, before, reason)
        return await self.get(principal, code)

    async def retire(self, principal: Principal, code: str, body: RegionRetire) -> RegionOut:
        """A township or community stops being used from `on`: never with people still employed in it, never a
        township with communities still in use."""
        duties.ensure_action(principal, "region.manage")
        principal.ensure_can_write()
        region = await self._visible(principal, code)
        if region.level not in ("township", "community"):
            raise Problem(422, "not_retirable", "只能撤销街道（乡镇）或社区", "only townships and communities are retired here")
        if region.retired_on is not None:
            raise Problem(409, "region_retired", "该区划已撤销", "the region is already retired")
        from registry.workers.models import Worker

        employed = await self.repository.session.scalar(select(func.count()).select_from(Worker).where(
            Worker.community_code.startswith(code, autoescape=True), Worker.status.in_(EMPLOYED)))
        if employed:
            raise Problem(409, "region_in_use", f"该区划仍有 {employed} 名在岗社区工作者，请先调动或办理离职",
                          f"{employed} workers are still employed there: transfer them or record their exit first",
                          count=employed)
        open_children = await self.repository.session.scalar(select(func.count()).select_from(Region).where(
            Region.parent_code == code, Region.retired_on.is_(None)))
        if open_children:
            raise Problem(409, "region_in_use", f"该街道下仍有 {open_children} 个社区在用，请先撤销社区",
                          f"{open_children} communities under it are still in use: retire them first",
                          count=open_children)
        before = audit.snapshot(region, SNAPSHOT)
        region.retired_on = body.on
        await self.repository.session.flush()
        await self._change(principal, region, "retire", body.on, before, body.reason)
        return await self.get(principal, code)

    async def history(self, principal: Principal, code: str) -> list[RegionChangeOut]:
        await self._visible(principal, code)
        rows = await self.repository.session.scalars(select(RegionChange).where(RegionChange.code == code)
                                                     .order_by(RegionChange.effective_from, RegionChange.id))
        return [RegionChangeOut.model_validate(r) for r in rows]

    async def set_star(self, principal: Principal, code: str, year: int, stars: int) -> RegionOut:
        principal.ensure_can_write()
        region = await self._visible(principal, code)
        if region.level != "community":
            raise Problem(422, "not_a_community", "星级评定只适用于社区", "star ratings apply to communities only")
        ensure_sets_figures(principal, region, ["stars"])
        before, _ = await self.repository.upsert_star(code, year, stars)
        await audit.record(self.repository.session, audit_log, principal, action="region.star_rating",
                           entity="region", entity_id=code, region_code=code,
                           before={"year": year, "stars": before}, after={"year": year, "stars": stars})
        return await self.get(principal, code)


def ensure_sets_figures(principal: Principal, region: Region, fields: list[str]) -> None:
    """403 unless a region-managing officer (role matrix `region.manage`) whose jurisdiction lies strictly above
    the region sets its figures: a county its communities' households and star ratings, the city a county's urban
    population and fiscal category, the province a city's; never a region its own."""
    duties.ensure_action(principal, "region.manage")
    if not (principal.covers(region.code) and len(principal.jurisdiction) < len(region.code)):
        zh = f"地区 {region.code} 的核定数据（{'、'.join(fields)}）只能由上级管理部门设定，不能由本级设定"
        en = (f"the figures of region {region.code} ({', '.join(fields)}) are set only from above it, "
              "never by the region itself")
        raise Problem(403, FIGURES_RULE, zh, en, rule=FIGURES_RULE, region_code=region.code,
                      errors=[FieldError(field, FIGURES_RULE, zh, en) for field in fields])


def is_above(principal: Principal, code: str) -> bool:
    """Whether `code` is a region above the caller's own (its province, city, county or township)."""
    return len(code) < len(principal.jurisdiction) and principal.jurisdiction.startswith(code)


def _retired(region: Region, on: date) -> bool:
    return region.retired_on is not None and region.retired_on <= on
