from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Account, LoginFailure, RefreshToken, RevokedSession


class AuthRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def account_by_username(self, username: str) -> Account | None:
        return await self.session.scalar(select(Account).where(Account.username == username))

    async def account_by_login(self, login: str) -> Account | None:
        """By username, or by phone (worker accounts log in with either their national ID or their phone)."""
        return await self.session.scalar(select(Account).where(or_(Account.username == login,
                                                                   Account.phone == login))
                                         .order_by(Account.username == login).limit(1))

    async def use_totp_step(self, account_id, step: int) -> bool:
        """Records that the code of `step` logged in, unless that step or a later one already did (one atomic
        update: two logins racing with the same code cannot both pass)."""
        result = await self.session.execute(
            update(Account).where(Account.id == account_id,
                                  or_(Account.totp_last_step.is_(None), Account.totp_last_step < step))
            .values(totp_last_step=step))
        return result.rowcount == 1

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

    async def refresh_by_jti(self, jti: str) -> RefreshToken | None:
        return await self.session.get(RefreshToken, jti)

    async def revoke_sessions(self, account_id, reason: str, sids: list[str] | None) -> list[str]:
        """Revoke the account's refresh tokens (of `sids`, or all) and record their sessions as revoked."""
        live = select(RefreshToken.sid).distinct().where(RefreshToken.account_id == account_id,
                                                         RefreshToken.sid.is_not(None),
                                                         RefreshToken.expires_at > func.now())
        if sids is not None:
            live = live.where(RefreshToken.sid.in_(sids))
        found = [sid for sid in (await self.session.scalars(live)).all() if sid]
        found += [sid for sid in (sids or []) if sid not in found]
        tokens = update(RefreshToken).where(RefreshToken.account_id == account_id, RefreshToken.revoked_at.is_(None))
        if sids is not None:
            tokens = tokens.where(RefreshToken.sid.in_(sids))
        await self.session.execute(tokens.values(revoked_at=func.now()))
        if found:
            await self.session.execute(insert(RevokedSession).values(
                [{"sid": sid, "account_id": account_id, "reason": reason} for sid in found])
                .on_conflict_do_nothing(index_elements=["sid"]))
        return found

    async def revoked_since(self, since: datetime) -> list[str]:
        return list((await self.session.scalars(select(RevokedSession.sid).where(RevokedSession.revoked_at >= since)
                                                .order_by(RevokedSession.revoked_at))).all())

    async def failures_by_key(self, keys: list[str], window_seconds: int) -> dict[str, int]:
        return await self.recent_failures(keys, window_seconds)
