"""The statistics' SQL: what the ETag is derived from, head counts in one grouped scan, region names, and
training compliance counts."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, literal, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.models import audit_log
from registry.quota.repository import IN_POST_STATUSES
from registry.regions.models import Region
from registry.rules.models import ManagementRule
from registry.training.repository import compliance_statement
from registry.workers.models import Worker

CHILD_LENGTH = {0: 2, 2: 4, 4: 6, 6: 9, 9: 12, 12: 12}
AGE_BANDS = [(30, "under_30"), (40, "30_39"), (50, "40_49"), (60, "50_59")]
DIMENSIONS = ("post", "age_band", "education", "certificate", "sex", "child")


class StatsRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def latest_write_and_rule(self) -> tuple[Any, Any]:
        """The latest audited write's id and the latest rule document's id (what can change an answer)."""
        row = (await self.session.execute(
            select(select(func.max(audit_log.c.id)).scalar_subquery(),
                   select(func.max(ManagementRule.id)).scalar_subquery()))).one()
        return row[0], row[1]

    async def headcount_sets(self, principal: Principal, scope: str, on: date) -> list[Any]:
        """Workers in post in scope counted by each of DIMENSIONS in ONE grouped scan (GROUPING SETS): each row is
        (set, *DIMENSIONS, n), `set` the grouping() bits (a 0 bit for the dimension the row is grouped by)."""
        # Province scale hashes ~100k workers' training sums: keep the aggregate in memory (this transaction only).
        await self.session.execute(text("SET LOCAL work_mem = '64MB'"))
        in_post = and_(Worker.community_code.startswith(scope, autoescape=True),
                       principal.region_filter(Worker.community_code), Worker.status.in_(IN_POST_STATUSES))
        age = func.date_part("year", func.age(literal(on), Worker.birth_date))
        band = case(*[(age < limit, label) for limit, label in AGE_BANDS], else_="60_plus")
        child_length = CHILD_LENGTH[len(scope)]
        rows = select(Worker.post.label("post"), band.label("age_band"), Worker.education_level.label("education"),
                      Worker.certificate_level.label("certificate"), Worker.sex.label("sex"),
                      func.substr(Worker.community_code, 1, child_length).label("child")).where(in_post).subquery()
        columns = [rows.c[d] for d in DIMENSIONS]
        statement = (select(func.grouping(*columns).label("set"), *columns, func.count().label("n"))
                     .group_by(func.grouping_sets(*columns)))
        return list((await self.session.execute(statement)).all())

    async def region_names(self, codes: list[str]) -> dict[str, str]:
        return dict((await self.session.execute(select(Region.code, Region.name).where(Region.code.in_(codes)))).all())

    async def training_compliance(self, principal: Principal, scope: str, year: int) -> tuple[int, int]:
        """(workers in post in scope, those without a yearly or initial training shortfall)."""
        rows = compliance_statement(principal, scope, year, hours_for_all=False).subquery()
        workers, compliant = (await self.session.execute(select(
            func.count(), func.count().filter(and_(rows.c.yearly_shortfall <= 0, rows.c.initial_shortfall <= 0)))
        )).one()
        return workers, compliant
