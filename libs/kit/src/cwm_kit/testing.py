"""Test harness shared by the services' test suites (not imported by production code).

A database per test worker, migrated to head; each test inside a transaction rolled back at the end;
tokens signed by a test key the app under test trusts.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from fastapi import FastAPI
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from .db import allow_writes, read_session, refuse_writes, request_session, stream_session
from .migrations import model_drift, upgrade_to_head
from .tokens import JwksCache, SigningKey, sign

TEST_ISSUER = "cwm-registry"
TEST_AUDIENCE = "cwm"


def admin_url() -> str:
    """libpq URL of a server the tests may create databases on (set by `make test`)."""
    url = os.environ.get("CWM_TEST_PG") or os.environ.get("DATABASE_URL")
    if not url:
        raise RuntimeError(
            "CWM_TEST_PG is not set: run the tests with `make test` (it starts an embedded PostgreSQL), "
            "or export CWM_TEST_PG=postgresql://postgres@127.0.0.1:5432/postgres"
        )
    return url.replace("postgresql+asyncpg://", "postgresql://")


def with_database(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


async def recreate_database(name: str) -> str:
    connection = await asyncpg.connect(admin_url())
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return with_database(admin_url(), name).replace("postgresql://", "postgresql+asyncpg://")


async def drop_database(name: str) -> None:
    connection = await asyncpg.connect(admin_url())
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


def unique_db_name(service: str, worker: str = "main") -> str:
    return f"{service}_test_{worker}_{uuid.uuid4().hex[:8]}"


async def migrated_database(service: str, migrations_dir: Path, worker: str = "main") -> tuple[str, str]:
    name = unique_db_name(service, worker)
    url = await recreate_database(name)
    # Alembic's env runs its own event loop: keep it off the test loop.
    await asyncio.to_thread(upgrade_to_head, migrations_dir, url)
    return name, url


class TokenFactory:
    """Mints tokens with a key the app under test trusts."""

    def __init__(self) -> None:
        self.key = SigningKey.generate()
        self.jwks = JwksCache("", static={"keys": [self.key.public_jwk()]})

    def token(self, role: str, jurisdiction: str, *, worker_id: str | None = None, subject: str | None = None,
              ttl: int = 600, audience: str = TEST_AUDIENCE, issuer: str = TEST_ISSUER, **claims: Any) -> str:
        extra: dict[str, Any] = {"role": role, "jurisdiction": jurisdiction, **claims}
        if worker_id is not None:
            extra["worker_id"] = worker_id
        token, _ = sign(self.key, subject=subject or f"{role}:{jurisdiction}", issuer=issuer, audience=audience,
                        ttl_seconds=ttl, claims=extra)
        return token

    def headers(self, role: str, jurisdiction: str, **kwargs: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(role, jurisdiction, **kwargs)}"}


async def commit_elsewhere(database_url: str, statement: str) -> None:
    """`statement` committed by a connection of its own on `database_url` (an officer's request, say)."""
    connection = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@asynccontextmanager
async def scratch_database(prefix: str, ddl: str) -> AsyncIterator[str]:
    """A database of its own with `ddl` run in it, for tests of the kit against a real server; dropped after."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    url = await recreate_database(name)
    connection = await asyncpg.connect(with_database(admin_url(), name))
    try:
        await connection.execute(ddl)
    finally:
        await connection.close()
    try:
        yield url
    finally:
        await drop_database(name)


@asynccontextmanager
async def started_app(database_url: str, router: Any, *, jwks: JwksCache | None = None,
                      ready_answers: Sequence[Any] = (), **overrides: Any) -> AsyncIterator[FastAPI]:
    """An app built by `create_service_app` around `router` on `database_url` (other settings from
    `overrides`; trusting no key unless `jwks` says; `ready_answers` as the app's), started (lifespan) for the
    block."""
    from .app import create_service_app
    from .settings import ServiceSettings

    settings = ServiceSettings(service_name="kit-test", database_url=database_url, **overrides)
    app = create_service_app(settings=settings, title="t", description="t", routers=[router],
                             migrations_dir=Path("."), jwks=jwks or JwksCache("", static={"keys": []}),
                             ready_answers=ready_answers)
    async with app.router.lifespan_context(app):
        yield app


@asynccontextmanager
async def rollback_session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session whose every commit becomes a savepoint; everything is rolled back at the end."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        session = AsyncSession(bind=connection, expire_on_commit=False, autoflush=False,
                               join_transaction_mode="create_savepoint")
        try:
            yield session
        finally:
            await session.close()
            await transaction.rollback()


@contextmanager
def statements(target: AsyncSession | AsyncEngine) -> Iterator[list[str]]:
    """The SQL statements sent while the block runs: on the test session's connection (which the app under test
    shares), or on any of an engine's connections (apps whose requests really commit). E.g. to show a read is one
    statement, or a 304 runs no computation."""
    seen: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        seen.append(statement)
    listened = target.sync_engine if isinstance(target, AsyncEngine) else target.bind.sync_connection
    event.listen(listened, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(listened, "before_cursor_execute", record)


def bind_app_to_session(app: FastAPI, session: AsyncSession, engine: AsyncEngine) -> None:
    """Route the app's request sessions through the test session (a savepoint per request)."""

    async def _session() -> AsyncIterator[AsyncSession]:
        savepoint = await session.begin_nested()
        try:
            yield session
        except BaseException:
            await savepoint.rollback()
            raise
        else:
            await session.flush()
            await savepoint.commit()

    async def _stream_session() -> AsyncIterator[AsyncSession]:
        yield session

    async def _read_session() -> AsyncIterator[AsyncSession]:
        # The read-only guard of ReadSessionDep on the shared session: a read endpoint that writes fails its test.
        refuse_writes(session.sync_session)
        try:
            yield session
        finally:
            allow_writes(session.sync_session)

    app.state.engine = engine
    app.state.ready_lookup_in_session = True  # stored answers looked up where the test's writes are (cwm_kit.ready)
    app.dependency_overrides[request_session] = _session
    app.dependency_overrides[stream_session] = _stream_session
    app.dependency_overrides[read_session] = _read_session


def asgi_client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
                             base_url="http://testserver")


AUDIT_MASKING_VIEWERS = [("township_officer", "640104001"), ("auditor", "640104"), ("finance_officer", "640104001"),
                         ("county_officer", "640104"), ("party_secretary", "640104001001")]
# Issue 3: full ID numbers, phones and bank accounts only to the worker's township officers (and the worker).
AUDIT_FULL_IDENTITY_VIEWERS = {("township_officer", "640104001"), ("finance_officer", "640104001")}


async def assert_audit_masked_like_records(client: httpx.AsyncClient, session: AsyncSession, tokens: TokenFactory,
                                           table: Any, role: str, jurisdiction: str) -> None:
    """A service's GET /v1/audit shows `role` a worker's ID number, phone and bank account exactly as the record
    view would (cwm_kit.privacy), never a secret, and the actor's name."""
    from . import audit, privacy
    from .security import Principal, Role

    community = "640104001001"
    data = {"national_id": "640104199005171234", "phone": "13812345678", "bank_account": "6222020200112233445"}
    writer = Principal(subject="acc-1", role=Role.TOWNSHIP_OFFICER, jurisdiction="640104001", claims={"name": "王敏"})
    await audit.record(session, table, writer, action="test.write", entity="test", entity_id="t1",
                       region_code=community, after={**data, "password_hash": "secret"})
    viewer = Principal(subject="v", role=Role(role), jurisdiction=jurisdiction)
    page = (await client.get("/v1/audit?entity=test", headers=tokens.headers(role, jurisdiction))).json()
    entry = page["items"][0]
    assert entry["after"] == {**privacy.mask_for(viewer, data, community), "password_hash": "***"}
    full = (role, jurisdiction) in AUDIT_FULL_IDENTITY_VIEWERS
    assert all((entry["after"][key] == value) is full for key, value in data.items()), (role, entry["after"])
    assert entry["actor_name"] == "王敏"


async def assert_migrations_make_the_models(engine: AsyncEngine, service: str) -> None:
    """Autogenerate finds nothing to write between `engine`'s database (migrated to head) and `service`'s models:
    library tables, run-time partitions and view models aside (cwm_kit.migrations.autogenerate_options)."""
    importlib.import_module(f"{service}.all_models")  # registers every table on the metadata
    models = importlib.import_module(f"{service}.models")
    async with engine.connect() as connection:
        drift = await connection.run_sync(model_drift, models.Base.metadata,
                                          getattr(models, "LIBRARY_TABLE_PREFIXES", ()))
    assert drift == [], drift


async def assert_every_table_decided(session: AsyncSession, metadata: Any, not_inputs: dict[str, str],
                                     must_track: set[str]) -> None:
    """Every table of `metadata` (views aside) carries a ready-answer trigger (cwm_kit.ready) or is named in
    `not_inputs`, never both, and `must_track` are tracked: a new table fails until someone decides whether the
    stored answers read it."""
    tracked = set((await session.execute(text(
        "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE t.tgname LIKE 'ready_answer%' AND NOT t.tgisinternal"))).scalars())
    tables = {t.name for t in metadata.tables.values() if not t.info.get("is_view")}
    assert tracked.isdisjoint(not_inputs), tracked & set(not_inputs)
    assert tables == tracked | set(not_inputs), {"neither": tables - tracked - set(not_inputs),
                                                 "unknown": (tracked | set(not_inputs)) - tables}
    assert must_track <= tracked, must_track - tracked
