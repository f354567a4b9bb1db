from __future__ import annotations

import uuid

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.auth.models import Account
from registry.auth.repository import AuthRepository


class AccountRepository(AuthRepository):
    """Accounts as administrators see them (the auth repository's sessions and failures included)."""

    def __init__(self, session: AsyncSession):
        super().__init__(session)

    def search(self, principal: Principal, q: str | None, role: str | None, active: bool | None) -> Select:
        statement = select(Account).where(principal.region_filter(Account.jurisdiction))
        if q:
            statement = statement.where(or_(Account.username.icontains(q, autoescape=True),
                                            Account.display_name.icontains(q, autoescape=True),
                                            Account.phone == q))
        if role:
            statement = statement.where(Account.role == role)
        if active is not None:
            statement = statement.where(Account.active.is_(active))
        return statement.order_by(Account.jurisdiction, Account.role, Account.username)

    async def get_for_update(self, account_id: uuid.UUID) -> Account | None:
        return await self.session.scalar(select(Account).where(Account.id == account_id).with_for_update())

    async def by_worker(self, worker_id: uuid.UUID) -> Account | None:
        return await self.session.scalar(select(Account).where(Account.worker_id == worker_id).with_for_update())

    async def taken(self, username: str, phone: str | None) -> bool:
        condition = Account.username == username
        if phone:
            condition = or_(condition, Account.phone == phone, Account.username == phone)
        return await self.session.scalar(select(Account.id).where(condition).limit(1)) is not None
