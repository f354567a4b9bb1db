from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import ManagementRule


async def rule_kinds(session: AsyncSession) -> list[str]:
    """Every kind of rule document stored, in name order."""
    return list((await session.scalars(select(ManagementRule.kind).distinct().order_by(ManagementRule.kind))).all())
