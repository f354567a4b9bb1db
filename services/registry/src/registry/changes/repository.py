from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.models import audit_log

# How long a feed read waits for in-flight writers before answering "nothing new yet".
LOCK_WAIT = "250ms"


class ChangeRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def horizon(self) -> int | None:
        """The highest audit id below which every row is settled (committed or rolled back), or None when
        writers are still in flight after LOCK_WAIT.

        Ids come from a sequence at insert time, so a slow transaction can commit id 5 after id 6 was
        served; a consumer that moved its cursor to 6 would never see 5. A SHARE lock on audit_log waits for
        every transaction that inserted into it to finish (they hold ROW EXCLUSIVE) and keeps new ones out
        until this request ends (milliseconds), so nothing can appear below the horizon afterwards."""
        savepoint = await self.session.begin_nested()
        try:
            await self.session.execute(text(f"SET LOCAL lock_timeout = '{LOCK_WAIT}'"))
            await self.session.execute(text("LOCK TABLE audit_log IN SHARE MODE"))
        except DBAPIError:
            await savepoint.rollback()
            return None
        await self.session.execute(text("SET LOCAL lock_timeout = DEFAULT"))
        top = await self.session.scalar(select(func.max(audit_log.c.id)))
        await savepoint.commit()
        return int(top or 0)

    async def after(self, principal: Principal, cursor: int, limit: int) -> list[dict]:
        horizon = await self.horizon()
        if horizon is None or horizon <= cursor:
            return []
        columns = audit_log.c
        statement = (select(columns.id, columns.entity, columns.entity_id, columns.worker_id, columns.region_code,
                            columns.action, columns.at)
                     .where(columns.id > cursor, columns.id <= horizon,
                            principal.record_filter(columns.region_code, columns.worker_id))
                     .order_by(columns.id).limit(limit))
        return [dict(row) for row in (await self.session.execute(statement)).mappings()]
