from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.quota.repository import in_post_in
from registry.worker_records import visible
from registry.workers.models import Worker

from .models import SecretaryFiling


class FilingRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def listed(self, principal: Principal, scope: str, worker_id: uuid.UUID | None) -> list[SecretaryFiling]:
        statement = visible(principal, SecretaryFiling, scope, worker_id).order_by(SecretaryFiling.filed_on.desc())
        return list((await self.session.scalars(statement)).all())

    async def unfiled_heads(self, principal: Principal, scope: str, on: date) -> list[Worker]:
        """Workers in post on a head post (with their office) and no filing since they took the post."""
        filed = (select(SecretaryFiling.id).where(SecretaryFiling.worker_id == Worker.id,
                                                  SecretaryFiling.filed_on >= Worker.post_since,
                                                  SecretaryFiling.filed_on <= on).exists())
        statement = (select(Worker).where(in_post_in(principal, scope), Worker.head_role.is_not(None), Worker.post_since <= on, ~filed)
                     .order_by(Worker.community_code, Worker.name))
        return list((await self.session.scalars(statement)).all())
