from __future__ import annotations

from datetime import date

from sqlalchemy import func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

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
        statement = (
            select(PaySchemeVersion)
            .where(PaySchemeVersion.status == "published", PaySchemeVersion.effective_from <= on_date,
                   literal(region_code).startswith(PaySchemeVersion.region_prefix))
            .order_by(func.length(PaySchemeVersion.region_prefix).desc(), PaySchemeVersion.effective_from.desc(),
                      PaySchemeVersion.published_at.desc(), PaySchemeVersion.id.desc())
            .limit(1)
        )
        return await self.session.scalar(statement)

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
