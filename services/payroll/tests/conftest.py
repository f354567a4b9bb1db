"""Payroll test fixtures: a migrated database per test worker, each test rolled back."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from cwm_kit import testing
from cwm_kit.duties import DutyRules
from cwm_kit.pytest_fixtures import client, database_url, engine, session, tokens  # noqa: F401  (shared fixtures)

from payroll.config import PayrollSettings
from payroll.main import MIGRATIONS_DIR, create_app

from .runs.support import install_policy, live_app, remove_test_data


@pytest.fixture(scope="session")
def service_under_test():
    return "payroll", MIGRATIONS_DIR


@pytest.fixture
def settings(database_url: str) -> PayrollSettings:
    return PayrollSettings(database_url=database_url, registry_url="http://registry.test",
                           assessment_url="http://assessment.test")


@pytest.fixture
async def app(settings: PayrollSettings, session: AsyncSession, engine: AsyncEngine, tokens: testing.TokenFactory):
    # Payroll trusts the registry's JWKS; in tests that is the TokenFactory's static key set.
    application = create_app(settings, jwks=tokens.jwks)
    application.state.duty_rules = DutyRules(static={})  # the shipped (strict) separation-of-duties rules
    testing.bind_app_to_session(application, session, engine)
    return application


@pytest.fixture
async def live(settings, engine, tokens) -> AsyncIterator[tuple[httpx.AsyncClient, object]]:
    """An app whose requests really commit (runs are calculated on other connections), on a clean province "99"
    with its pay scheme and figures (runs/support.py); used by the runs, payslips, reports, exports, one-off and
    tax tests."""
    await remove_test_data(engine)
    await install_policy(engine)
    app = live_app(settings, engine, tokens)
    try:
        async with testing.asgi_client(app) as client:
            yield client, app
    finally:
        await remove_test_data(engine)
