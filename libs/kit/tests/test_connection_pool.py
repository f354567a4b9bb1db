"""A service process keeps the connections its pool made and makes none beyond it: requests past the pool's size
wait for a connection instead of each opening one and closing it on return (a server process forked, TLS
negotiated, statements prepared again). Against a real database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from cwm_kit import testing
from cwm_kit.db import ReadSessionDep
from cwm_kit.settings import DEFAULT_POOL_SIZE, ServiceSettings
from fastapi import APIRouter
from sqlalchemy import text

router = APIRouter()
POOL = 3


@router.get("/backend")
async def backend(session: ReadSessionDep) -> dict[str, int]:
    # Held long enough that every request of a burst is in flight at once.
    return {"pid": await session.scalar(text("SELECT pg_backend_pid() FROM pg_sleep(0.05)"))}


@pytest.fixture(scope="module")
async def database() -> AsyncIterator[str]:
    async with testing.scratch_database("kit_pool", "SELECT 1") as url:
        yield url


async def _burst(client: httpx.AsyncClient, requests: int) -> set[int]:
    answers = await asyncio.gather(*(client.get("/v1/backend") for _ in range(requests)))
    assert all(answer.status_code == 200 for answer in answers), [a.text for a in answers if a.status_code != 200]
    return {answer.json()["pid"] for answer in answers}


async def test_a_burst_wider_than_the_pool_waits_for_its_connections_and_the_next_burst_opens_none(database):
    async with testing.started_app(database, router, db_pool_size=POOL) as app:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            first = await _burst(client, 4 * POOL)
            second = await _burst(client, 4 * POOL)
    assert len(first) == POOL  # all of the pool used, nothing beyond it
    assert second == first  # the same server processes: none closed on return, none opened again


def test_the_pool_size_is_a_setting_with_a_bound(monkeypatch):
    assert ServiceSettings().db_pool_size == DEFAULT_POOL_SIZE
    monkeypatch.setenv("CWM_DB_POOL_SIZE", "7")
    assert ServiceSettings().db_pool_size == 7
    monkeypatch.setenv("CWM_DB_POOL_SIZE", "0")
    with pytest.raises(ValueError, match="db_pool_size"):
        ServiceSettings()
