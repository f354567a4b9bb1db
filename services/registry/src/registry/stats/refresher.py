"""The registry process's background refresher of dashboard statistics (ADR 0006), started and stopped with
the app: a thread with its own event loop and connections, so a computation (seconds of Python at national
scale) never stalls the event loop that answers the polls; and the optional read-only database the statistics
are computed from and read through."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cwm_kit.db import make_engine, make_sessionmaker

from .service import Snapshots


def install(app: FastAPI) -> None:
    settings = app.state.settings
    app.state.stats_snapshots = Snapshots(
        refresh_seconds=settings.stats_refresh_seconds, max_age_seconds=settings.stats_max_age_seconds,
        recheck_seconds=settings.stats_recheck_seconds, idle_seconds=settings.stats_idle_seconds)


def _sessions(write_maker: async_sessionmaker[AsyncSession], read_maker: async_sessionmaker[AsyncSession] | None):
    @asynccontextmanager
    async def sessions() -> AsyncIterator[tuple[AsyncSession, AsyncSession]]:
        """(read, write): the snapshot is computed from the read database and saved to the primary."""
        async with write_maker() as write:
            if read_maker is None:
                yield write, write
            else:
                async with read_maker() as read:
                    yield read, write
                    await read.rollback()
            await write.commit()

    return sessions


async def _refresh_until(stopped: threading.Event, snapshots: Snapshots, primary: str, replica: str | None) -> None:
    write_engine = make_engine(primary, pool_size=1, max_overflow=1)
    read_engine = make_engine(replica, pool_size=1, max_overflow=1) if replica else None
    try:
        sessions = _sessions(make_sessionmaker(write_engine), read_engine and make_sessionmaker(read_engine))
        await snapshots.run(sessions, stopped)
    finally:
        await write_engine.dispose()
        if read_engine is not None:
            await read_engine.dispose()


async def start(app: FastAPI) -> None:
    settings = app.state.settings
    if settings.stats_database_url:  # the polls' own reads
        app.state.stats_engine = make_engine(settings.stats_database_url, pool_size=5, max_overflow=5)
        app.state.stats_sessionmaker = make_sessionmaker(app.state.stats_engine)
    stopped = threading.Event()
    refresher = app.state.stats_snapshots.for_another_loop()
    thread = threading.Thread(target=lambda: asyncio.run(_refresh_until(
        stopped, refresher, settings.database_url, settings.stats_database_url)), name="stats-refresher", daemon=True)
    app.state.stats_refresher = (thread, stopped)
    thread.start()


async def stop(app: FastAPI) -> None:
    refresher = getattr(app.state, "stats_refresher", None)
    if refresher is not None:
        thread, stopped = refresher
        stopped.set()
        await asyncio.to_thread(thread.join, 10)  # a computation under way ends with the process (daemon)
    engine = getattr(app.state, "stats_engine", None)
    if engine is not None:
        await engine.dispose()
