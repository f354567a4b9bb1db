from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Date, Row, Select, String, Text, bindparam, cast, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import BindParameter

from cwm_kit.db import CompiledSelect
from cwm_kit.security import Principal

from .models import PaySchemeVersion, ReferenceFigure


def _applies_or_inside(principal: Principal, column):
    """Rows whose prefix covers the caller's jurisdiction (rules that apply to them) or lies inside it."""
    if principal.jurisdiction == "":
        return literal(True)
    return or_(literal(principal.jurisdiction).startswith(column), principal.region_filter(column)
               if not principal.is_worker else literal(False))


class PolicyRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def list_schemes(self, principal: Principal, prefix: str | None) -> list[PaySchemeVersion]:
        statement = select(PaySchemeVersion).where(_applies_or_inside(principal, PaySchemeVersion.region_prefix))
        if prefix:
            statement = statement.where(PaySchemeVersion.region_prefix == prefix)
        statement = statement.order_by(PaySchemeVersion.region_prefix, PaySchemeVersion.effective_from.desc(),
                                       PaySchemeVersion.id.desc())
        return list((await self.session.scalars(statement)).all())

    async def get_scheme(self, principal: Principal, scheme_id: int, *, lock: bool = False) -> PaySchemeVersion | None:
        statement = select(PaySchemeVersion).where(PaySchemeVersion.id == scheme_id,
                                                   _applies_or_inside(principal, PaySchemeVersion.region_prefix))
        if lock:
            statement = statement.with_for_update()
        return await self.session.scalar(statement)

    async def in_force(self, region_code: str, on_date: date) -> PaySchemeVersion | None:
        """The most specific published prefix in force on the date; the latest effective date, then the
        latest publication, supersedes."""
        return await self.session.scalar(_in_force(region_code, on_date, PaySchemeVersion))

    async def in_force_digest(self, region_code: str, on_date: date) -> Row | None:
        """`in_force` without its document: id, region_prefix, effective_from and `digest`, an MD5 of the document's
        text (the caller reuses the document it parsed while the digest is the same, and reads it only otherwise)."""
        return await _IN_FORCE_DIGEST.first(self.session, in_force_region=region_code, in_force_date=on_date)

    async def document(self, version_id: int) -> dict:
        return await self.session.scalar(select(PaySchemeVersion.document).where(PaySchemeVersion.id == version_id))

    async def figures_for(self, region_code: str, years: list[int], *, inside: bool = False) -> list[ReferenceFigure]:
        """Figures whose region covers `region_code`; with `inside`, also those of regions inside it (a run of a
        county prices each township and community by its own most specific figure)."""
        where = literal(region_code).startswith(ReferenceFigure.region_code)
        if inside:
            where = or_(where, ReferenceFigure.region_code.startswith(region_code, autoescape=True))
        statement = select(ReferenceFigure).where(ReferenceFigure.year.in_(years), where)
        return list((await self.session.scalars(statement)).all())

    async def list_figures(self, principal: Principal, region: str | None, year: int | None,
                           kind: str | None) -> list[ReferenceFigure]:
        statement = select(ReferenceFigure).where(_applies_or_inside(principal, ReferenceFigure.region_code))
        if region:
            statement = statement.where(ReferenceFigure.region_code.startswith(region, autoescape=True))
        if year:
            statement = statement.where(ReferenceFigure.year == year)
        if kind:
            statement = statement.where(ReferenceFigure.kind == kind)
        statement = statement.order_by(ReferenceFigure.region_code, ReferenceFigure.year.desc(), ReferenceFigure.kind,
                                       ReferenceFigure.published_on, ReferenceFigure.id)
        return list((await self.session.scalars(statement)).all())


def _in_force(region_code: Any, on_date: Any, *columns: Any) -> Select:
    region = region_code if isinstance(region_code, BindParameter) else literal(region_code)
    return (select(*columns)
            .where(PaySchemeVersion.status == "published", PaySchemeVersion.effective_from <= on_date,
                   region.startswith(PaySchemeVersion.region_prefix))
            .order_by(func.length(PaySchemeVersion.region_prefix).desc(), PaySchemeVersion.effective_from.desc(),
                      PaySchemeVersion.published_at.desc(), PaySchemeVersion.id.desc())
            .limit(1))


# Built once (the grade and every run price through it, straight on asyncpg): the region and date are bound per call.
_IN_FORCE_DIGEST = CompiledSelect(_in_force(
    bindparam("in_force_region", type_=String), bindparam("in_force_date", type_=Date), PaySchemeVersion.id,
    PaySchemeVersion.region_prefix, PaySchemeVersion.effective_from,
    func.md5(cast(PaySchemeVersion.document, Text)).label("digest")))
