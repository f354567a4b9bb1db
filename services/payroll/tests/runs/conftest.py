from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from cwm_kit import testing

from .support import install_policy, live_app, remove_test_data


@pytest.fixture
async def live(settings, engine, tokens) -> AsyncIterator[tuple[httpx.AsyncClient, object]]:
    await remove_test_data(engine)
    await install_policy(engine)
    app = live_app(settings, engine, tokens)
    try:
        async with testing.asgi_client(app) as client:
            yield client, app
    finally:
        await remove_test_data(engine)
