"""A service process keeps the connections its pool made and makes none beyond it: requests past the pool's size
wait for a connection instead of each opening one and closing it on return (a server process forked, TLS
negotiated, statements prepared again). Against a real database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from cwm_kit import testing
from cwm_kit.db import FairPool, ReadSessionDep, _HandOffQueue, make_engine
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


async def test_a_connection_goes_to_the_request_that_waited_longest_not_to_one_that_just_arrived():
    # asyncio.Queue wakes the longest waiter on a put but leaves the item in the queue: a get arriving before the
    # waiter runs takes it and the waiter queues again at the back (the tail of /v1/me at 64 connections).
    for queue_class, fair in ((asyncio.Queue, False), (_HandOffQueue, True)):
        queue = queue_class()
        served: list[str] = []

        async def waiter(name: str, queue: asyncio.Queue = queue, served: list[str] = served) -> None:
            await queue.get()
            served.append(name)

        waiters = [asyncio.create_task(waiter(f"waited {i}")) for i in range(3)]
        await asyncio.sleep(0)  # all three wait, in order
        queue.put_nowait("connection")
        try:
            queue.get_nowait()  # a request arriving before the woken waiter has run
            served.append("newcomer")
        except asyncio.QueueEmpty:
            pass
        for _ in range(3):
            queue.put_nowait("connection")
            await asyncio.sleep(0)
        await asyncio.wait(waiters, timeout=1)
        for task in waiters:
            task.cancel()
        if fair:
            assert served == ["waited 0", "waited 1", "waited 2"]
        else:
            assert served[0] == "newcomer"  # why the pool has its own queue


async def test_a_waiter_cancelled_after_being_handed_a_connection_passes_it_on():
    queue = _HandOffQueue()
    first, second = asyncio.create_task(queue.get()), asyncio.create_task(queue.get())
    await asyncio.sleep(0)
    queue.put_nowait("connection")  # handed to `first`, which is cancelled (its timeout) before it runs
    first.cancel()
    assert await asyncio.wait_for(second, 1) == "connection"
    assert queue.empty()


async def test_the_engine_hands_out_connections_first_come_first_served(database):
    engine = make_engine(database, pool_size=1)
    assert isinstance(engine.pool, FairPool)
    order: list[int] = []
    try:
        async with engine.connect() as held:
            await held.execute(text("SELECT 1"))

            async def ask(i: int) -> None:
                async with engine.connect() as connection:
                    await connection.execute(text("SELECT 1"))
                    order.append(i)

            askers = []
            for i in range(5):
                askers.append(asyncio.create_task(ask(i)))
                await asyncio.sleep(0.01)  # each asks after the one before
        await asyncio.wait_for(asyncio.gather(*askers), 10)
    finally:
        await engine.dispose()
    assert order == [0, 1, 2, 3, 4]
