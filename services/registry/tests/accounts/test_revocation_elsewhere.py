"""A session the registry ends stops working in another service within the revocation list's max age
(cwm_kit.tokens.RevocationList, fetched from GET /v1/auth/revocations; ADR 0004)."""

from __future__ import annotations

import asyncio

import httpx

from cwm_kit import testing
from cwm_kit.app import create_service_app
from cwm_kit.settings import ServiceSettings
from cwm_kit.tokens import JwksCache, RevocationList

from registry.main import MIGRATIONS_DIR
from registry.seed import DEMO_PASSWORD, seed_accounts, seed_regions


async def test_a_deactivated_account_is_refused_by_another_service_within_max_age(client, app, session):
    await seed_regions(session)
    await seed_accounts(session)
    other = create_service_app(settings=ServiceSettings(service_name="other"), title="other", description="",
                               routers=[], migrations_dir=MIGRATIONS_DIR,
                               jwks=JwksCache("", static={"keys": [app.state.signing_key.public_jwk()]}))
    other.state.revocations = RevocationList("http://registry/v1/auth/revocations", max_age=1.0,
                                             transport=httpx.ASGITransport(app=app))

    async def token(username: str) -> dict:
        response = await client.post("/v1/auth/token", data={"username": username, "password": DEMO_PASSWORD})
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    town, county = await token("xq_town"), await token("xq_county")
    async with testing.asgi_client(other) as elsewhere:
        assert (await elsewhere.get("/v1/whoami", headers=town)).status_code == 200
        accounts = (await client.get("/v1/accounts?q=xq_town", headers=county)).json()["items"]
        target = next(a for a in accounts if a["username"] == "xq_town")
        assert (await client.post(f"/v1/accounts/{target['id']}/deactivate", headers=county)).status_code == 200
        # The registry refuses at once; the other service within its max age (here 1 s, 20 s by default).
        assert (await client.get("/v1/auth/me", headers=town)).status_code == 401
        await asyncio.sleep(1.1)
        refused = await elsewhere.get("/v1/whoami", headers=town)
        assert refused.status_code == 401 and refused.json()["code"] == "session_revoked"
        assert (await elsewhere.get("/v1/whoami", headers=county)).status_code == 200
