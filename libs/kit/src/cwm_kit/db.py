"""Async engine, the request-scoped session (commits or rolls back; services never commit) and
the naming convention every service's metadata uses."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def make_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 10)
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(url, **kwargs)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


Seeder = Callable[[AsyncSession], Awaitable[None]]


async def run_seeders(url: str, seeders: Sequence[Seeder]) -> None:
    """Loads a service's demo data (`python -m <service>.seed`): every seeder in order, in one transaction, so
    later seeders read what earlier ones wrote."""
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            for seeder in seeders:
                await seeder(session)
    finally:
        await engine.dispose()


async def request_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request: committed when the handler returns, rolled back when it raises.

    Used with `scope="function"` (see `SessionDep`): the commit runs after the handler and the response
    model are done but *before* the first byte is sent, so a 2xx is only ever sent for committed work and
    a commit that fails (deferred constraint, serialization failure, lost connection) becomes a problem
    response instead of a "saved" that was not.
    """
    maker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with maker() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


async def stream_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A read-only session that lives until a streamed response has been sent, then rolls back.

    Only for GET endpoints whose body is produced while it is sent (NDJSON, spreadsheets); nothing
    written through it is ever kept.
    """
    maker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with maker() as session:
        try:
            yield session
        finally:
            await session.rollback()


SessionDep = Annotated[AsyncSession, Depends(request_session, scope="function")]
StreamSessionDep = Annotated[AsyncSession, Depends(stream_session, scope="request")]
