"""Payroll test fixtures: a migrated database per test worker, each test rolled back."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from cwm_kit import testing
from cwm_kit.db import make_engine

from payroll.config import PayrollSettings
from payroll.main import MIGRATIONS_DIR, create_app


@pytest.fixture(scope="session")
async def database_url() -> AsyncIterator[str]:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name, url = await testing.migrated_database("payroll", MIGRATIONS_DIR, worker)
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
def settings(database_url: str) -> PayrollSettings:
    return PayrollSettings(database_url=database_url, registry_url="http://registry.test",
                           assessment_url="http://assessment.test")


@pytest.fixture
async def app(settings: PayrollSettings, session: AsyncSession, engine: AsyncEngine, tokens: testing.TokenFactory):
    # Payroll trusts the registry's JWKS; in tests that is the TokenFactory's static key set.
    application = create_app(settings, jwks=tokens.jwks)
    testing.bind_app_to_session(application, session, engine)
    return application


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:
    async with testing.asgi_client(app) as client:
        yield client
