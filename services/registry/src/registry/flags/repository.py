"""The flags' SQL: workers in post in scope, narrowed per case (career-track candidates with their secretary
periods, those old enough to have reached a retirement age) — the judging stays in the service. Contracts ending
are selected by WorkerService.contracts_due, as for the contracts-ending list."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import and_, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.quota.repository import IN_POST_STATUSES
from registry.rules import service as rules
from registry.rules.models import ManagementRule
from registry.workers.models import PostPeriod, Worker, YijiantiaoPeriod


def in_post(principal: Principal, scope: str):
    return and_(Worker.community_code.startswith(scope, autoescape=True),
                principal.region_filter(Worker.community_code), Worker.status.in_(IN_POST_STATUSES))


class FlagRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def workers(self, principal: Principal, scope: str, ids: set[str]) -> list[Worker]:
        if not ids:
            return []
        statement = select(Worker).where(in_post(principal, scope), Worker.id.in_([uuid.UUID(i) for i in ids]))
        return list((await self.session.scalars(statement)).all())

    async def career_candidates(self, principal: Principal, scope: str, on: date, params: dict[str, Any]
                                ) -> tuple[list[Worker], dict[uuid.UUID, list[tuple[date, date | None]]]]:
        """Workers whose consecutive service and secretary time may reach the `career.track` rule's years, and
        each one's secretary periods."""
        min_years = int(params["min_service_years"])
        term_years = int(params["secretary_term_years"])
        # SQL only narrows by days (N calendar years hold at least 365·N days, and summing overlapping post
        # periods never counts fewer days than merging them); the years themselves are counted by the service
        # with the one definition (cwm_kit.service_years): service up to and including `on`, anniversaries exact.
        consecutive = (literal(on) - Worker.service_open_since) + 1
        # Secretary time: head-post periods recorded as secretary (or both), and every 一肩挑 period (CENTRAL
        # §13 「任社区党组织书记满一届」; a director's time does not count). Without `secretary_roles` (older
        # rule versions) every head-post period counts, as before.
        roles = params.get("secretary_roles")
        post_periods = select(PostPeriod.worker_id, PostPeriod.from_date, PostPeriod.to_date).where(
            PostPeriod.post.in_(params["secretary_posts"]),
            *([PostPeriod.head_role.in_(roles)] if roles is not None else []))
        if roles is not None and "both" in roles:
            post_periods = post_periods.union_all(
                select(YijiantiaoPeriod.worker_id, YijiantiaoPeriod.from_date, YijiantiaoPeriod.to_date))
        periods = post_periods.subquery("secretary_periods")
        head_days = (select(periods.c.worker_id,
                            func.sum(func.least(func.coalesce(periods.c.to_date, literal(on)), literal(on))
                                     - periods.c.from_date + 1).label("days"))
                     .where(periods.c.from_date <= on)
                     .group_by(periods.c.worker_id).subquery())
        statement = (select(Worker)
                     .join(head_days, head_days.c.worker_id == Worker.id)
                     .where(in_post(principal, scope), Worker.service_open_since.is_not(None),
                            consecutive >= min_years * 365, head_days.c.days >= term_years * 365))
        candidates = list((await self.session.scalars(statement)).all())
        head_periods: dict[uuid.UUID, list[tuple[date, date | None]]] = defaultdict(list)
        if candidates:
            for worker_id, start, end in (await self.session.execute(
                    select(periods.c.worker_id, periods.c.from_date, periods.c.to_date)
                    .where(periods.c.worker_id.in_([w.id for w in candidates])))).all():
                head_periods[worker_id].append((start, end))
        return candidates, head_periods

    async def rule_documents(self, kind: str) -> list[ManagementRule]:
        return list((await self.session.scalars(select(ManagementRule).where(ManagementRule.kind == kind))).all())

    async def born_by(self, principal: Principal, scope: str, on: date, kind: str, latest_birth: date
                      ) -> list[tuple[Worker, dict[str, Any]]]:
        """Workers in post born on or before `latest_birth`, each with the params of the `kind` rule over their
        community on `on`."""
        communities = select(Worker.community_code).where(in_post(principal, scope)).distinct()
        resolved = rules.resolved_per_region(kind, communities, on).subquery()
        statement = (select(Worker, resolved.c.params)
                     .join(resolved, resolved.c.region_code == Worker.community_code)
                     .where(in_post(principal, scope), Worker.birth_date <= latest_birth))
        return [(worker, params) for worker, params in (await self.session.execute(statement)).all()]
