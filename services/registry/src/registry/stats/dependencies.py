"""What a statistics poll needs: this process's snapshots and the session it reads them through (a replica
when CWM_STATS_DATABASE_URL names one, else the request's own session)."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.db import SessionDep

from .service import Snapshots


async def snapshots(request: Request) -> Snapshots:  # async: a sync dependency costs a thread hop
    return request.app.state.stats_snapshots


async def stats_read_session(request: Request, session: SessionDep) -> AsyncIterator[AsyncSession]:
    maker = getattr(request.app.state, "stats_sessionmaker", None)
    if maker is None:
        yield session
        return
    async with maker() as read:
        try:
            yield read
        finally:
            await read.rollback()


SnapshotsDep = Annotated[Snapshots, Depends(snapshots)]
StatsReadSessionDep = Annotated[AsyncSession, Depends(stats_read_session, scope="function")]
