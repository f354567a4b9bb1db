from datetime import date
from typing import Any

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from assessment.assessments.models import Assessment
from assessment.cycles.models import Cycle

from .models import PublishedResult


class ResultRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def feed(self, principal: Principal, prefix: str, after: int, year: int | None,
                   limit: int) -> list[PublishedResult]:
        statement = (select(PublishedResult)
                     .where(PublishedResult.cursor > after,
                            PublishedResult.community_code.startswith(prefix, autoescape=True),
                            principal.region_filter(PublishedResult.community_code))
                     .order_by(PublishedResult.cursor).limit(limit))
        if year is not None:
            statement = statement.where(PublishedResult.year == year)
        return list((await self.session.scalars(statement)).all())

    async def township_counts(self, principal: Principal, prefix: str, year: int, today: date) -> list[Any]:
        """One row per deciding unit (township) with every count the statistics need, in one query."""
        a = Assessment

        def deadline(step: str) -> Any:  # the plan's month-day in the year after the assessed one
            month_day = Cycle.plan["deadlines"][step].astext
            return func.make_date(a.year + 1, cast(func.split_part(month_day, "-", 1), Integer),
                                  cast(func.split_part(month_day, "-", 2), Integer))

        decided = a.status.in_(("notice", "final"))
        final = a.status == "final"
        statement = (
            select(
                a.county_code, a.township_code,
                Cycle.plan["excellent_quota_percent"].astext.label("quota_percent"),
                Cycle.plan["excellent_quota_rounding"].astext.label("rounding"),
                func.count().label("assessed"),
                func.count().filter(a.status.in_(("proposed", "notice", "final"))).label("proposed"),
                func.count().filter(decided).label("decided"),
                func.count().filter(final).label("final"),
                func.count().filter(final, a.result == "excellent").label("excellent"),
                func.count().filter(final, a.result == "competent").label("competent"),
                func.count().filter(final, a.result == "basically_competent").label("basically_competent"),
                func.count().filter(final, a.result == "incompetent").label("incompetent"),
                func.count().filter(a.kind == "annual").label("annual_assessed"),
                func.count().filter(a.kind == "annual", decided, a.result == "excellent").label("excellent_decided"),
                func.count().filter(a.status == "pending", deadline("proposal") < today).label("overdue_proposals"),
                func.count().filter(a.status == "proposed", deadline("decision") < today).label("overdue_decisions"),
            )
            .join(Cycle, Cycle.id == a.cycle_id)
            .where(a.year == year, a.community_code.startswith(prefix, autoescape=True),
                   principal.region_filter(a.community_code))
            .group_by(a.county_code, a.township_code, Cycle.id)
            .order_by(a.county_code, a.township_code)
        )
        return list((await self.session.execute(statement)).all())
