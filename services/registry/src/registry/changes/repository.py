from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.models import audit_log


class ChangeRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def after(self, principal: Principal, cursor: int, limit: int) -> list[dict]:
        columns = audit_log.c
        statement = (select(columns.id, columns.entity, columns.entity_id, columns.worker_id, columns.region_code,
                            columns.action, columns.at)
                     .where(columns.id > cursor, principal.record_filter(columns.region_code, columns.worker_id))
                     .order_by(columns.id).limit(limit))
        return [dict(row) for row in (await self.session.execute(statement)).mappings()]
