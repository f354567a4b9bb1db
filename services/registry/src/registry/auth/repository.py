from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Account, LoginFailure, RefreshToken


class AuthRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def account_by_username(self, username: str) -> Account | None:
        return await self.session.scalar(select(Account).where(Account.username == username))

    async def account_by_id(self, account_id) -> Account | None:
        return await self.session.get(Account, account_id)

    async def recent_failures(self, keys: list[str], window_seconds: int) -> dict[str, int]:
        since = datetime.now(UTC) - timedelta(seconds=window_seconds)
        rows = await self.session.execute(
            select(LoginFailure.key, func.count()).where(LoginFailure.key.in_(keys), LoginFailure.at >= since)
            .group_by(LoginFailure.key)
        )
        return {key: count for key, count in rows.all()}

    async def add_failures(self, keys: list[str]) -> None:
        self.session.add_all([LoginFailure(key=k) for k in keys])
        await self.session.flush()

    async def clear_failures(self, key: str) -> None:
        await self.session.execute(delete(LoginFailure).where(LoginFailure.key == key))

    async def add_refresh(self, token: RefreshToken) -> None:
        self.session.add(token)
        await self.session.flush()

    async def active_refresh(self, jti: str) -> RefreshToken | None:
        return await self.session.scalar(
            select(RefreshToken).where(RefreshToken.jti == jti, RefreshToken.revoked_at.is_(None),
                                       RefreshToken.expires_at > func.now()).with_for_update()
        )

    async def revoke_refresh(self, jti: str) -> int:
        result = await self.session.execute(
            update(RefreshToken).where(RefreshToken.jti == jti, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=func.now())
        )
        return result.rowcount or 0
