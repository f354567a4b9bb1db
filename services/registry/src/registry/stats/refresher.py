"""The background refresher of dashboard statistics (ADR 0006) and the optional read-only database the
statistics are computed from and read through. `CWM_STATS_REFRESHER` says where it runs:

- `process`: a process of its own, `python -m registry.stats.refresher` (devctl, compose and k8s start it beside
  the registry's uvicorn), at a lower CPU priority, refreshing the scopes the table says were polled; a
  computation (seconds of Python at national scale) then shares no interpreter (GIL) with the polls;
- `thread` (the default, e.g. for an app run on its own): a thread of the registry process with its own event
  loop and connections, refreshing the scopes that process saw polled;
- `off`: none; a poll recomputes a snapshot past its max age itself.

The process keeps a heartbeat file when `CWM_STATS_HEARTBEAT_FILE` is set, touched after each round that reached
the database; compose and k8s probe it with `python -m cwm_kit.alive FILE SECONDS`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from pydantic import model_validator
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cwm_kit import alive
from cwm_kit.db import make_engine, make_sessionmaker

from registry.config import RegistrySettings

from .service import Snapshots


def install(app: FastAPI) -> None:
    settings = app.state.settings
    app.state.stats_snapshots = snapshots(settings)


def snapshots(settings: RegistrySettings) -> Snapshots:
    return Snapshots(
        refresh_seconds=settings.stats_refresh_seconds, max_age_seconds=settings.stats_max_age_seconds,
        recheck_seconds=settings.stats_recheck_seconds, idle_seconds=settings.stats_idle_seconds,
        background=settings.stats_refresher != "off")


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


async def _refresh_until(stopped: threading.Event, snapshots: Snapshots, primary: str, replica: str | None, *,
                         from_table: bool = False, beat: Callable[[], None] | None = None) -> None:
    write_engine = make_engine(primary, pool_size=1, max_overflow=1)
    read_engine = make_engine(replica, pool_size=1, max_overflow=1) if replica else None
    try:
        sessions = _sessions(make_sessionmaker(write_engine), read_engine and make_sessionmaker(read_engine))
        await snapshots.run(sessions, stopped, from_table=from_table, beat=beat)
    finally:
        await write_engine.dispose()
        if read_engine is not None:
            await read_engine.dispose()


async def start(app: FastAPI) -> None:
    settings = app.state.settings
    if settings.stats_database_url:  # the polls' own reads
        app.state.stats_engine = make_engine(settings.stats_database_url, pool_size=5, max_overflow=5)
        app.state.stats_sessionmaker = make_sessionmaker(app.state.stats_engine)
    if settings.stats_refresher != "thread":  # `process`: started beside the app; `off`: none
        return
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


class RefresherSettings(RegistrySettings):
    """The registry's settings less the signing key check: the refresher issues no token."""

    @model_validator(mode="after")
    def _require_key_outside_local(self) -> RefresherSettings:
        return self


async def _serve(settings: RegistrySettings) -> None:
    stopped = threading.Event()
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    assert task is not None
    for signum in (signal.SIGTERM, signal.SIGINT):  # a computation under way is cancelled (rolled back)
        loop.add_signal_handler(signum, lambda: (stopped.set(), task.cancel()))
    try:
        heartbeat = settings.stats_heartbeat_file
        await _refresh_until(stopped, snapshots(settings), settings.database_url, settings.stats_database_url,
                             from_table=True, beat=(lambda: alive.beat(heartbeat)) if heartbeat else None)
    except asyncio.CancelledError:
        pass


def main() -> None:
    """`python -m registry.stats.refresher`: the refresher process, with the registry's settings (CWM_*), at a
    lower CPU priority than the processes answering polls (CWM_STATS_REFRESHER_NICE, default 10)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = RefresherSettings()
    os.nice(int(os.environ.get("CWM_STATS_REFRESHER_NICE", "10")))
    logging.getLogger(__name__).info("statistics refresher: every %ss, scopes polled within %ss",
                                     settings.stats_refresh_seconds, settings.stats_idle_seconds)
    asyncio.run(_serve(settings))


if __name__ == "__main__":
    main()
