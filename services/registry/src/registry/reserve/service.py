"""The streets' reserve pool of party-secretary candidates (NX 1:3, the `reserve.ratio` rule).

Secretary posts are the street's communities not retired by the day (one party secretary each); the shortfall is
ratio × posts − candidates in the pool on the day (never below 0)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Integer, and_, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from cwm_kit import audit
from cwm_kit.problems import Problem, not_found
from cwm_kit.security import Principal

from registry.models import audit_log
from registry.rules import service as rules
from registry.regions.models import Region
from registry.regions.repository import in_use_on
from registry.workers.models import Worker

from .models import ReserveCandidate
from .schemas import CandidateIn, CandidateRemoval, PoolLine

RATIO_RULE = "reserve.ratio"


def in_pool_on(on: date):
    return and_(ReserveCandidate.added_on <= on,
                or_(ReserveCandidate.removed_on.is_(None), ReserveCandidate.removed_on > on))


class ReserveService:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def pools(self, principal: Principal, prefix: str | None, on: date) -> list[PoolLine]:
        scope = principal.scope_prefix(prefix)
        townships = select(Region.code).where(Region.level == "township",
                                              Region.code.startswith(scope, autoescape=True))
        resolved = rules.resolved_per_region(RATIO_RULE, townships, on).subquery()
        community = aliased(Region)
        posts = (select(community.parent_code.label("code"), func.count().label("posts"))
                 .where(community.level == "community", community.code.startswith(scope, autoescape=True),
                        in_use_on(on, community))
                 .group_by(community.parent_code).subquery())
        pool = (select(ReserveCandidate.township_code.label("code"), func.count().label("pool"))
                .where(in_pool_on(on), ReserveCandidate.township_code.startswith(scope, autoescape=True))
                .group_by(ReserveCandidate.township_code).subquery())
        ratio = cast(resolved.c.params.op("->>")("candidates_per_secretary_post"), Integer)
        statement = (select(Region.code, Region.name, func.coalesce(posts.c.posts, 0), ratio,
                            func.coalesce(pool.c.pool, 0))
                     .join(resolved, resolved.c.region_code == Region.code)
                     .outerjoin(posts, posts.c.code == Region.code)
                     .outerjoin(pool, pool.c.code == Region.code)
                     .where(principal.region_filter(Region.code)).order_by(Region.code))
        lines = []
        for code, name, post_count, per_post, in_pool in (await self.session.execute(statement)).all():
            required = int(per_post) * int(post_count)
            lines.append(PoolLine(township_code=code, name=name, secretary_posts=post_count, ratio=per_post,
                                  required=required, pool=in_pool, shortfall=max(required - in_pool, 0)))
        return lines

    async def candidates(self, principal: Principal, township_code: str, on: date | None) -> list[ReserveCandidate]:
        principal.ensure_visible(township_code, what_zh="街道", what_en="township")
        statement = select(ReserveCandidate).where(ReserveCandidate.township_code == township_code)
        if on:
            statement = statement.where(in_pool_on(on))
        return list((await self.session.scalars(statement.order_by(ReserveCandidate.added_on))).all())

    async def add(self, principal: Principal, body: CandidateIn) -> ReserveCandidate:
        principal.ensure_can_write(body.township_code)
        township = await self.session.get(Region, body.township_code)
        if township is None or township.level != "township":
            raise not_found("街道", "township")
        if body.worker_id is not None:
            worker = await self.session.get(Worker, body.worker_id)
            if worker is None or not principal.covers(worker.community_code):
                raise not_found("社区工作者", "worker")
        candidate = ReserveCandidate(**body.model_dump())
        self.session.add(candidate)
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action="reserve.add", entity="reserve_candidate",
                           entity_id=candidate.id, region_code=body.township_code,
                           after=audit.snapshot(candidate))
        return candidate

    async def remove(self, principal: Principal, candidate_id: uuid.UUID, body: CandidateRemoval) -> ReserveCandidate:
        candidate = await self.session.get(ReserveCandidate, candidate_id)
        if candidate is None:
            raise not_found("后备人选", "reserve candidate")
        principal.ensure_can_write(candidate.township_code)
        if candidate.removed_on is not None:
            raise Problem(409, "already_removed", "该人选已移出后备库", "the candidate has already left the pool")
        if body.removed_on < candidate.added_on:
            raise Problem(422, "validation_failed", "移出日期早于入库日期", "removed_on is before added_on",
                          errors=[{"field": "removed_on", "code": "before_added", "message_zh": "移出日期早于入库日期",
                                   "message_en": "removed_on is before added_on"}])
        before = audit.snapshot(candidate)
        candidate.removed_on = body.removed_on
        if body.note:
            candidate.note = body.note
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action="reserve.remove", entity="reserve_candidate",
                           entity_id=candidate.id, region_code=candidate.township_code, before=before,
                           after=audit.snapshot(candidate))
        return candidate
