"""Registry test fixtures: a migrated database per test worker, each test rolled back."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from cwm_kit import testing
from cwm_kit.pytest_fixtures import client, database_url, engine, session, tokens  # noqa: F401  (shared fixtures)
from cwm_kit.tokens import JwksCache

from registry.config import RegistrySettings
from registry.main import MIGRATIONS_DIR, create_app


@pytest.fixture(scope="session")
def service_under_test():
    return "registry", MIGRATIONS_DIR


@pytest.fixture
def settings(database_url: str) -> RegistrySettings:
    return RegistrySettings(database_url=database_url, login_max_failures=3)


@pytest.fixture
async def app(settings: RegistrySettings, session: AsyncSession, engine: AsyncEngine, tokens: testing.TokenFactory):
    application = create_app(settings)
    # Trust both the app's own signing key (tokens it issues) and the test key (tokens tests mint).
    application.state.jwks = JwksCache("", static={"keys": [application.state.signing_key.public_jwk(),
                                                            tokens.key.public_jwk()]})
    testing.bind_app_to_session(application, session, engine)
    return application
