"""What a statistics poll needs beyond this process's copy, opened only when it needs it (ADR 0006): the
request's session (the app's `request_session`, or what the app overrides it with, as the tests do) to save a
computed snapshot through, and the session it reads through (a replica when CWM_STATS_DATABASE_URL names one,
else that same session). A poll answered from memory opens nothing."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from typing import Any

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.db import request_session


@cache
def _takes_request(provider: Any) -> bool:
    return bool(inspect.signature(provider).parameters)


@asynccontextmanager
async def poll_sessions(request: Request) -> AsyncIterator[tuple[AsyncSession, AsyncSession]]:
    """(read, write) for a poll that looks a version up or computes: committed when the block ends, rolled back
    when it raises (as SessionDep, whose provider this is)."""
    provider = request.app.dependency_overrides.get(request_session, request_session)
    opened = asynccontextmanager(provider)(request) if _takes_request(provider) else asynccontextmanager(provider)()
    async with opened as write:
        maker = getattr(request.app.state, "stats_sessionmaker", None)
        if maker is None:
            yield write, write
            return
        async with maker() as read:
            try:
                yield read, write
            finally:
                await read.rollback()
