from sqlalchemy import func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import PostDefinition


class PostRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def catalogue_for(self, region_code: str) -> list[PostDefinition]:
        """The posts of the most specific catalogue whose prefix covers `region_code`."""
        covering = literal(region_code).startswith(PostDefinition.jurisdiction_prefix)
        longest = select(func.max(func.length(PostDefinition.jurisdiction_prefix))).where(covering).scalar_subquery()
        statement = (select(PostDefinition)
                     .where(covering, func.length(PostDefinition.jurisdiction_prefix) == longest)
                     .order_by(PostDefinition.rank, PostDefinition.code))
        return list((await self.session.scalars(statement)).all())

    async def all(self) -> list[PostDefinition]:
        return list((await self.session.scalars(
            select(PostDefinition).order_by(PostDefinition.jurisdiction_prefix, PostDefinition.rank))).all())
