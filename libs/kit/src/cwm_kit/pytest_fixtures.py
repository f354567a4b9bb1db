"""The database fixtures every service's tests share. A service's conftest imports them and defines
`service_under_test` returning `(name, migrations_dir)`:

    from cwm_kit.pytest_fixtures import client, database_url, engine, session, tokens  # noqa: F401

(`client` needs the service's own `app` fixture.)

A database per test worker, migrated to head and dropped at the end; each test in a transaction that is
rolled back; tokens signed by a key the app under test trusts.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from . import testing
from .db import make_engine


@pytest.fixture(scope="session")
async def database_url(service_under_test) -> AsyncIterator[str]:
    service, migrations_dir = service_under_test
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name, url = await testing.migrated_database(service, migrations_dir, worker)
    yield url
    await testing.drop_database(name)


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url, pool_size=5)
    yield engine
    await engine.dispose()


@pytest.fixture
async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with testing.rollback_session(engine) as session:
        yield session


@pytest.fixture(scope="session")
def tokens() -> testing.TokenFactory:
    return testing.TokenFactory()


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:
    async with testing.asgi_client(app) as client:
        yield client
