from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, Numeric, Select, bindparam, cast, func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.dates import today_in_china
from cwm_kit.security import Principal

from registry.posts.models import PostDefinition
from registry.regions.repository import region_names
from registry.regions.models import Region

from .models import (CertificateRecord, EducationRecord, HonourRecord, PostPeriod, ServicePeriod, StatusPeriod,
                     Worker, YijiantiaoPeriod)

# China's date, bound each time a statement runs (PostgreSQL's own date is the session zone's: UTC).
TODAY = bindparam("china_today", callable_=today_in_china, type_=Date)
# Days of counted service up to and including today, from the two columns WorkerService keeps (see seniority.py).
SERVICE_DAYS_TODAY = Worker.service_days_closed + func.coalesce(
    func.greatest(literal_column("0"), TODAY - Worker.service_open_since + literal_column("1")), literal_column("0"))
# Years as cwm_kit.service_years.completed_years (two places): completed calendar months from (tomorrow − days) to
# tomorrow, / 12, two places half-up (PostgreSQL's age() borrows a month exactly when whole_months does).
_TOMORROW = TODAY + literal_column("1")
_AGE = func.age(_TOMORROW, _TOMORROW - SERVICE_DAYS_TODAY)
SERVICE_YEARS_TODAY = func.round(
    cast(func.extract("year", _AGE) * 12 + func.extract("month", _AGE), Numeric) / literal_column("12", Numeric), 2)

SORTS = {
    "name": (Worker.name,), "-name": (Worker.name.desc(),),
    "hired_on": (Worker.hired_on,), "-hired_on": (Worker.hired_on.desc(),),
    "community_code": (Worker.community_code, Worker.name), "-community_code": (Worker.community_code.desc(), Worker.name),
    "birth_date": (Worker.birth_date,), "-birth_date": (Worker.birth_date.desc(),),
    "years": (SERVICE_DAYS_TODAY,), "-years": (SERVICE_DAYS_TODAY.desc(),),
}


@dataclass(frozen=True)
class WorkerFilters:
    ids: tuple[uuid.UUID, ...] = ()
    name: str | None = None
    id_tail: str | None = None
    region: str | None = None
    post: str | None = None
    status: tuple[str, ...] = ()
    education: str | None = None
    certificate: str | None = None
    min_years: float | None = None
    max_years: float | None = None
    sort: str = "community_code"


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class WorkerRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def get(self, worker_id: uuid.UUID, *, for_update: bool = False) -> Worker | None:
        statement = select(Worker).where(Worker.id == worker_id)
        if for_update:
            statement = statement.with_for_update()
        return await self.session.scalar(statement.execution_options(populate_existing=True))

    async def by_national_ids(self, numbers: list[str]) -> dict[str, Worker]:
        if not numbers:
            return {}
        rows = await self.session.scalars(select(Worker).where(Worker.national_id.in_(numbers)))
        return {w.national_id: w for w in rows}

    def search(self, principal: Principal, prefix: str, filters: WorkerFilters) -> Select:
        statement = select(Worker).where(principal.record_filter(Worker.community_code, Worker.id))
        if prefix:
            statement = statement.where(Worker.community_code.startswith(prefix, autoescape=True))
        if filters.ids:
            statement = statement.where(Worker.id.in_(filters.ids))
        if filters.name:
            pattern = f"%{_like_escape(filters.name)}%"
            # Chinese names have no case: plain LIKE is much cheaper; ILIKE only for Latin letters.
            matcher = Worker.name.ilike if any(c.isascii() and c.isalpha() for c in filters.name) else Worker.name.like
            statement = statement.where(matcher(pattern, escape="\\"))
        if filters.id_tail:
            # Uses the reverse(national_id) pattern index.
            statement = statement.where(
                func.reverse(Worker.national_id).startswith(filters.id_tail.upper()[::-1], autoescape=True))
        if filters.post:
            statement = statement.where(Worker.post == filters.post)
        if filters.status:
            statement = statement.where(Worker.status.in_(filters.status))
        if filters.education:
            statement = statement.where(Worker.education_level == filters.education)
        if filters.certificate:
            statement = statement.where(Worker.certificate_level == filters.certificate)
        if filters.min_years is not None:
            statement = statement.where(SERVICE_YEARS_TODAY >= Decimal(str(filters.min_years)))
        if filters.max_years is not None:
            statement = statement.where(SERVICE_YEARS_TODAY <= Decimal(str(filters.max_years)))
        return statement.order_by(*SORTS[filters.sort], Worker.id)

    async def community_names(self, codes: set[str]) -> dict[str, str]:
        """The names of these communities, in one query (a record names the places it refers to)."""
        return await region_names(self.session, codes)

    async def children(self, model, worker_id: uuid.UUID, order) -> list:
        return list((await self.session.scalars(select(model).where(model.worker_id == worker_id)
                                                .order_by(order, model.id))).all())

    async def education(self, worker_id: uuid.UUID) -> list[EducationRecord]:
        return await self.children(EducationRecord, worker_id, EducationRecord.graduated_on)

    async def certificates(self, worker_id: uuid.UUID) -> list[CertificateRecord]:
        return await self.children(CertificateRecord, worker_id, CertificateRecord.approved_on)

    async def honours(self, worker_id: uuid.UUID) -> list[HonourRecord]:
        return await self.children(HonourRecord, worker_id, HonourRecord.awarded_on)

    async def service_periods(self, worker_id: uuid.UUID) -> list[ServicePeriod]:
        return await self.children(ServicePeriod, worker_id, ServicePeriod.start_date)

    async def status_history(self, worker_id: uuid.UUID) -> list[StatusPeriod]:
        return await self.children(StatusPeriod, worker_id, StatusPeriod.from_date)

    async def post_history(self, worker_id: uuid.UUID) -> list[PostPeriod]:
        return await self.children(PostPeriod, worker_id, PostPeriod.from_date)

    async def yijiantiao_history(self, worker_id: uuid.UUID) -> list[YijiantiaoPeriod]:
        return await self.children(YijiantiaoPeriod, worker_id, YijiantiaoPeriod.from_date)

    async def open_period(self, model, worker_id: uuid.UUID):
        return await self.session.scalar(select(model).where(model.worker_id == worker_id, model.to_date.is_(None)))

    async def open_service(self, worker_id: uuid.UUID) -> list[ServicePeriod]:
        return list((await self.session.scalars(select(ServicePeriod).where(
            ServicePeriod.worker_id == worker_id, ServicePeriod.end_date.is_(None)))).all())

    async def contracts_ending(self, principal: Principal, scope: str, until: date,
                               statuses: frozenset[str]) -> list[tuple[Worker, str, str, str]]:
        """Workers of `statuses` in scope whose contract ends by `until` (a lapsed contract of a worker still
        employed too: it awaits a decision), with the community's name and the post's labels, soonest first."""
        statement = (select(Worker, Region.name, PostDefinition.label_zh, PostDefinition.label_en)
                     .join(Region, Region.code == Worker.community_code)
                     .join(PostDefinition, PostDefinition.code == Worker.post)
                     .where(Worker.community_code.startswith(scope, autoescape=True),
                            principal.region_filter(Worker.community_code), Worker.status.in_(statuses),
                            Worker.contract_end <= until)
                     .order_by(Worker.contract_end, Worker.community_code, Worker.name, Worker.id))
        return [tuple(row) for row in (await self.session.execute(statement)).all()]  # type: ignore[misc]

    async def add(self, *objects) -> None:
        self.session.add_all(objects)
        await self.session.flush()
