"""The statistics' SQL: what an answer is computed from (its basis), head counts in one grouped scan, region
names, training compliance counts; and the snapshots dashboards are answered from (ADR 0006)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, func, literal, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.models import audit_log
from registry.quota.repository import IN_POST_STATUSES
from registry.regions.models import Region
from registry.rules.models import ManagementRule
from registry.training.repository import compliance_statement
from registry.workers.models import Worker

from .models import StatsSnapshot

CHILD_LENGTH = {0: 2, 2: 4, 4: 6, 6: 9, 9: 12, 12: 12}
AGE_BANDS = [(30, "under_30"), (40, "30_39"), (50, "40_49"), (60, "50_59")]
DIMENSIONS = ("post", "age_band", "education", "certificate", "sex", "child")


class StatsRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def basis(self, on: date) -> str:
        """What an answer is computed from: the day, the latest audited write's id and the latest rule document's
        id (every write that can change an answer is audited)."""
        row = (await self.session.execute(
            select(select(func.max(audit_log.c.id)).scalar_subquery(),
                   select(func.max(ManagementRule.id)).scalar_subquery()))).one()
        return f"{on}|{row[0]}|{row[1]}"

    async def plan_for_aggregates(self) -> None:
        """This transaction only: hash the aggregates in memory, and no nested loops (at 1.8 M workers a
        misestimated nested loop in the training sums ran for minutes; every join here reads whole scopes). No
        parallel workers (they took the second core from the polls at the server's priority, which the refresher's
        niceness does not reach) and no JIT (nestloop off prices the plans past its thresholds before PostgreSQL
        18: ~5 s of compiling per national computation at 200,000 workers, on the same cores; ADR 0006)."""
        for setting in ("work_mem = '64MB'", "enable_nestloop = off", "max_parallel_workers_per_gather = 0",
                        "jit = off"):
            await self.session.execute(text(f"SET LOCAL {setting}"))

    async def headcount_sets(self, principal: Principal, scope: str, on: date) -> list[Any]:
        """Workers in post in scope counted by each of DIMENSIONS in ONE grouped scan (GROUPING SETS): each row is
        (set, *DIMENSIONS, n), `set` the grouping() bits (a 0 bit for the dimension the row is grouped by)."""
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


Key = tuple[str, str]  # (jurisdiction, scope)


class SnapshotRepository:
    """The stats_snapshot rows: one per (jurisdiction, scope), found by its primary key."""

    def __init__(self, session: AsyncSession):
        self.session = session

    async def lock(self, key: Key, *, wait: bool) -> bool:
        """The scope's refresh lock across processes, until this transaction ends; False when another holds it
        and `wait` is off."""
        name = func.hashtextextended("stats_snapshot|" + "|".join(key), 0)
        locking = func.pg_advisory_xact_lock(name) if wait else func.pg_try_advisory_xact_lock(name)
        result = (await self.session.execute(select(locking))).scalar()
        return True if wait else bool(result)

    async def version(self, key: Key) -> Any:
        """(version, as_of, checked_at) of the key's snapshot, or None: what a poll looks up."""
        s = StatsSnapshot
        return (await self.session.execute(select(s.version, s.as_of, s.checked_at).where(
            s.jurisdiction == key[0], s.scope == key[1]))).one_or_none()

    async def get(self, key: Key) -> StatsSnapshot | None:
        s = StatsSnapshot
        return (await self.session.execute(select(s).where(s.jurisdiction == key[0], s.scope == key[1])
                                           .execution_options(populate_existing=True))).scalar_one_or_none()

    async def mark_checked(self, key: Key, at: datetime) -> None:
        s = StatsSnapshot
        await self.session.execute(update(s).where(s.jurisdiction == key[0], s.scope == key[1])
                                   .values(checked_at=at))

    async def touch(self, key: Key, at: datetime) -> None:
        """Records that a poll asked for the key's snapshot (the refresher process reads it)."""
        s = StatsSnapshot
        await self.session.execute(update(s).where(s.jurisdiction == key[0], s.scope == key[1]).values(polled_at=at))

    async def due(self, *, polled_since: datetime, checked_before: datetime, on: date) -> list[Key]:
        """The keys polled since `polled_since` whose snapshot was last found current before `checked_before`
        (or on another day), the oldest first: what the refresher process brings up to date."""
        s = StatsSnapshot
        rows = await self.session.execute(
            select(s.jurisdiction, s.scope).where(s.polled_at >= polled_since,
                                                  (s.checked_at < checked_before) | (s.as_of != on))
            .order_by(s.checked_at))
        return [(row[0], row[1]) for row in rows]

    async def save(self, key: Key, **values: Any) -> None:
        statement = insert(StatsSnapshot).values(jurisdiction=key[0], scope=key[1], **values)
        await self.session.execute(statement.on_conflict_do_update(
            index_elements=["jurisdiction", "scope"], set_=values))
