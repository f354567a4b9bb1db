"""The round trips a request costs: a read-only GET (ReadSessionDep) sends its statement and nothing else (no
BEGIN/COMMIT) and refuses to write; a pooled connection the server closed is replaced at checkout without the
three round trips of a pre-ping. Against a real database, like test_commit_before_response."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
from cwm_kit import testing
from cwm_kit.db import ReadSessionDep, SessionDep
from fastapi import APIRouter
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

router = APIRouter()


async def _after_one_statement(session: AsyncSession) -> dict[str, object]:
    """The server's pid, and whether the connection is inside a transaction (a BEGIN was sent, a COMMIT is due)."""
    pid = await session.scalar(text("SELECT pg_backend_pid()"))
    raw = await (await session.connection()).get_raw_connection()
    return {"pid": pid, "in_transaction": raw.driver_connection.is_in_transaction()}


@router.get("/read")
async def read(session: ReadSessionDep) -> dict[str, object]:
    return await _after_one_statement(session)


@router.get("/read-in-transaction")
async def read_in_transaction(session: SessionDep) -> dict[str, object]:
    return await _after_one_statement(session)


@router.get("/sneaky-write")
async def sneaky_write(session: ReadSessionDep) -> dict[str, str]:
    await session.execute(text("SELECT 1"))
    from sqlalchemy import column, insert, table

    await session.execute(insert(table("things", column("name"))).values(name="sneaky"))
    return {"name": "sneaky"}


@pytest.fixture(scope="module")
async def database() -> AsyncIterator[str]:
    async with testing.scratch_database("kit_reads", "CREATE TABLE things (name text PRIMARY KEY)") as url:
        yield url


@pytest.fixture
async def app(database: str):
    async with testing.started_app(database, router) as app:
        yield app


def _client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
                             base_url="http://testserver")


async def test_a_read_session_sends_its_statement_alone_and_a_write_session_begins_first(app):
    async with _client(app) as client:
        read, written = await client.get("/v1/read"), await client.get("/v1/read-in-transaction")
    assert read.status_code == written.status_code == 200
    assert read.json()["in_transaction"] is False  # no BEGIN before it, no COMMIT after it
    assert written.json()["in_transaction"] is True


async def test_a_write_through_a_read_session_is_refused_and_nothing_is_kept(app, database):
    async with _client(app) as client:
        response = await client.get("/v1/sneaky-write")
    assert response.status_code == 500 and response.json()["code"] == "internal_error"
    connection = await asyncpg.connect(database.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        assert await connection.fetchval("SELECT count(*) FROM things") == 0
    finally:
        await connection.close()


async def test_a_connection_the_server_closed_is_replaced_at_checkout_not_answered_503(app, database):
    async with _client(app) as client:
        pid = (await client.get("/v1/read")).json()["pid"]
        admin = await asyncpg.connect(testing.admin_url())
        try:
            assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid)
        finally:
            await admin.close()
        await asyncio.sleep(0.2)  # the client side learns of the close (the pooled connection is idle)
        again = await client.get("/v1/read")
    assert again.status_code == 200, again.text
    assert again.json()["pid"] != pid
