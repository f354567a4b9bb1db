"""A write is acknowledged only once it is committed; a commit that fails becomes a problem, never a 2xx.

These run an app built by `create_service_app` against its own real database (no rolled-back test
session): what they check is exactly the moment of the real commit.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
from cwm_kit import testing
from cwm_kit.db import SessionDep
from cwm_kit.problems import PROBLEM_JSON, database_problem
from fastapi import APIRouter
from sqlalchemy import text

router = APIRouter()


@router.post("/things", status_code=201)
async def create_thing(session: SessionDep, name: str, valid: bool = True) -> dict[str, str]:
    # `valid=False` violates a deferred constraint: the INSERT succeeds, only the COMMIT fails.
    await session.execute(text("INSERT INTO things (name, valid) VALUES (:name, :valid)"),
                          {"name": name, "valid": valid})
    return {"name": name}


@router.delete("/things/{name}", status_code=204)
async def delete_thing(session: SessionDep, name: str) -> None:
    await session.execute(text("DELETE FROM things WHERE name = :name"), {"name": name})


@router.post("/lose-connection", status_code=201)
async def lose_connection(session: SessionDep) -> dict[str, str]:
    await session.execute(text("INSERT INTO things (name, valid) VALUES ('lost', true)"))
    await session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
    return {"name": "lost"}


@router.get("/bug")
async def bug() -> dict[str, str]:
    raise RuntimeError("a bug")


@pytest.fixture(scope="module")
async def database() -> AsyncIterator[str]:
    async with testing.scratch_database("kit_commit", """
            CREATE TABLE things (name text PRIMARY KEY, valid boolean NOT NULL);
            CREATE FUNCTION things_must_be_valid() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.valid IS NOT TRUE THEN
                RAISE EXCEPTION 'thing % is not valid', NEW.name USING ERRCODE = 'check_violation';
              END IF;
              RETURN NULL;
            END $$;
            CREATE CONSTRAINT TRIGGER things_valid AFTER INSERT ON things
              DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION things_must_be_valid();
        """) as url:
        yield url


@pytest.fixture
async def app(database: str):
    async with testing.started_app(database, router) as app:
        yield app


async def _committed_names(database: str) -> set[str]:
    connection = await asyncpg.connect(database.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        return {row["name"] for row in await connection.fetch("SELECT name FROM things")}
    finally:
        await connection.close()


class _SeesCommitAtFirstByte:
    """ASGI wrapper: when the response starts, asks another connection what is committed."""

    def __init__(self, app, database: str):
        self.app = app
        self.database = database
        self.seen_at_start: set[str] | None = None

    async def __call__(self, scope, receive, send):
        async def spying_send(message):
            if message["type"] == "http.response.start" and self.seen_at_start is None:
                self.seen_at_start = await _committed_names(self.database)
            await send(message)

        await self.app(scope, receive, spying_send)


def _client(asgi) -> httpx.AsyncClient:
    # raise_app_exceptions=True: an exception escaping the app would fail the test.
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=asgi), base_url="http://testserver")


async def test_the_write_is_committed_before_the_first_byte_of_the_2xx(app, database):
    spy = _SeesCommitAtFirstByte(app, database)
    async with _client(spy) as client:
        response = await client.post("/v1/things", params={"name": "first"})
    assert response.status_code == 201
    assert spy.seen_at_start is not None and "first" in spy.seen_at_start


async def test_a_204_is_also_sent_only_after_the_commit(app, database):
    async with _client(app) as client:
        assert (await client.post("/v1/things", params={"name": "to-delete"})).status_code == 201
    spy = _SeesCommitAtFirstByte(app, database)
    async with _client(spy) as client:
        response = await client.delete("/v1/things/to-delete")
    assert response.status_code == 204
    assert spy.seen_at_start is not None and "to-delete" not in spy.seen_at_start


async def test_a_commit_that_fails_answers_a_problem_and_keeps_nothing(app, database):
    async with _client(app) as client:
        response = await client.post("/v1/things", params={"name": "deferred", "valid": "false"})
    assert response.status_code == 409, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    body = response.json()
    assert body["code"] == "integrity_conflict" and body["message_zh"] and body["message_en"]
    assert "deferred" not in await _committed_names(database)


async def test_a_lost_connection_answers_503_and_the_service_recovers(app, database):
    async with _client(app) as client:
        response = await client.post("/v1/lose-connection")
        assert response.status_code == 503, response.text
        assert response.headers["content-type"] == PROBLEM_JSON
        assert response.json()["code"] == "database_unavailable"
        assert response.headers["retry-after"]
        assert "lost" not in await _committed_names(database)
        # The pool hands out a fresh connection: the next write goes through.
        again = await client.post("/v1/things", params={"name": "after-loss"})
    assert again.status_code == 201, again.text
    assert "after-loss" in await _committed_names(database)


async def test_a_bug_answers_a_500_problem_without_breaking_the_server(app):
    async with _client(app) as client:
        response = await client.get("/v1/bug")
    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["code"] == "internal_error"
    assert response.headers["x-request-id"]


class _FakeDriverError(Exception):
    def __init__(self, sqlstate: str):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(("sqlstate", "status", "code"), [
    ("40001", 409, "concurrent_update"),
    ("40P01", 409, "concurrent_update"),
    ("23505", 409, "integrity_conflict"),
    ("22021", 422, "invalid_value"),
    ("57P01", 503, "database_unavailable"),
    ("08006", 503, "database_unavailable"),
    ("42P01", None, None),  # undefined table: a bug, answered as a 500
])
def test_database_errors_map_to_what_the_caller_can_do(sqlstate, status, code):
    from sqlalchemy.exc import DBAPIError

    problem = database_problem(DBAPIError("stmt", {}, _FakeDriverError(sqlstate)))
    assert (problem.status if problem else None) == status
    assert (problem.code if problem else None) == code
