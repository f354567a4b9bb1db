"""The registry process's background refresher of dashboard statistics (ADR 0006), started and stopped with
the app, and the optional read-only database the statistics are computed from and read through."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.db import make_engine, make_sessionmaker

from .service import Snapshots


def install(app: FastAPI) -> None:
    settings = app.state.settings
    app.state.stats_snapshots = Snapshots(
        refresh_seconds=settings.stats_refresh_seconds, max_age_seconds=settings.stats_max_age_seconds,
        recheck_seconds=settings.stats_recheck_seconds, idle_seconds=settings.stats_idle_seconds)


@asynccontextmanager
async def _sessions(app: FastAPI) -> AsyncIterator[tuple[AsyncSession, AsyncSession]]:
    """(read, write): the snapshot is computed from the read database and saved to the primary."""
    read_maker = getattr(app.state, "stats_sessionmaker", None)
    async with app.state.sessionmaker() as write:
        if read_maker is None:
            yield write, write
        else:
            async with read_maker() as read:
                yield read, write
                await read.rollback()
        await write.commit()


async def start(app: FastAPI) -> None:
    url = app.state.settings.stats_database_url
    if url:
        app.state.stats_engine = make_engine(url, pool_size=5, max_overflow=5)
        app.state.stats_sessionmaker = make_sessionmaker(app.state.stats_engine)
    app.state.stats_refresher = asyncio.create_task(
        app.state.stats_snapshots.run(lambda: _sessions(app)), name="stats-refresher")


async def stop(app: FastAPI) -> None:
    task = getattr(app.state, "stats_refresher", None)
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    engine = getattr(app.state, "stats_engine", None)
    if engine is not None:
        await engine.dispose()
