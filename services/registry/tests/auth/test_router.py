import time

import pytest
from jose import jwt

from registry.seed import DEMO_PASSWORD, seed_accounts, seed_regions


@pytest.fixture
async def seeded(session):
    await seed_regions(session)
    await seed_accounts(session)


async def login(client, username, password=DEMO_PASSWORD, address="10.0.0.1"):
    return await client.post("/v1/auth/token", data={"username": username, "password": password},
                             headers={"X-Forwarded-For": address})


async def test_password_login_issues_verifiable_tokens(client, seeded, app):
    response = await login(client, "xq_town")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["role"] == "township_officer" and body["jurisdiction"] == "640104001"
    jwks = (await client.get("/v1/auth/.well-known/jwks.json")).json()
    claims = jwt.decode(body["access_token"], jwks["keys"][0], algorithms=["ES256"], audience="cwm")
    assert {"sub", "role", "jurisdiction", "exp", "iat", "iss", "aud", "jti"} <= claims.keys()
    assert claims["exp"] - claims["iat"] == 900
    me = await client.get("/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["username"] == "xq_town"


async def test_wrong_password_is_401_problem(client, seeded):
    response = await login(client, "xq_town", "wrong")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "invalid_credentials"


async def test_repeated_failures_are_throttled_per_account(client, seeded):
    for _ in range(3):
        assert (await login(client, "xq_town", "wrong", address="10.0.0.9")).status_code == 401
    # Even the right password is refused while the account is throttled, from any address.
    response = await login(client, "xq_town", address="10.0.0.10")
    assert response.status_code == 429
    assert response.json()["code"] == "login_throttled"
    assert int(response.headers["retry-after"]) > 0
    # Another account is unaffected.
    assert (await login(client, "xq_town2", address="10.0.0.11")).status_code == 200


async def test_failures_are_throttled_per_client_address(client, seeded):
    for name in ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11", "a12"]:
        await login(client, name, "wrong", address="10.9.9.9")
    assert (await login(client, "xq_town", address="10.9.9.9")).status_code == 429
    assert (await login(client, "xq_town", address="10.9.9.8")).status_code == 200


async def test_refresh_rotates_and_logout_revokes(client, seeded):
    tokens = (await login(client, "xq_town")).json()
    refreshed = await client.post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert refreshed.status_code == 200
    # The used refresh token is spent.
    again = await client.post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert again.status_code == 401
    new_refresh = refreshed.json()["refresh_token"]
    assert (await client.post("/v1/auth/logout", json={"refresh_token": new_refresh})).status_code == 204
    assert (await client.post("/v1/auth/refresh", json={"refresh_token": new_refresh})).status_code == 401


async def test_access_token_is_not_a_refresh_token(client, seeded):
    tokens = (await login(client, "xq_town")).json()
    response = await client.post("/v1/auth/refresh", json={"refresh_token": tokens["access_token"]})
    assert response.status_code == 401


async def test_client_credentials_for_services(client, settings):
    response = await client.post("/v1/auth/token", data={"grant_type": "client_credentials",
                                                         "client_id": "payroll",
                                                         "client_secret": settings.service_client_secret})
    assert response.status_code == 200
    assert response.json()["role"] == "service"
    bad = await client.post("/v1/auth/token", data={"grant_type": "client_credentials", "client_id": "payroll",
                                                    "client_secret": "nope"})
    assert bad.status_code == 401


@pytest.mark.parametrize("kind", ["expired", "wrong_audience", "wrong_issuer", "forged", "alg_none", "garbage"])
async def test_bad_tokens_are_401(client, tokens, kind):
    if kind == "expired":
        token = tokens.token("township_officer", "640104001", ttl=-10)
    elif kind == "wrong_audience":
        token = tokens.token("township_officer", "640104001", audience="other")
    elif kind == "wrong_issuer":
        token = tokens.token("township_officer", "640104001", issuer="evil")
    elif kind == "forged":
        from cwm_kit.testing import TokenFactory

        token = TokenFactory().token("township_officer", "640104001")  # a key nobody trusts
    elif kind == "alg_none":
        import base64
        import json

        def b64(data):
            return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

        now = int(time.time())
        token = b64({"alg": "none", "typ": "JWT"}) + "." + b64(
            {"sub": "x", "role": "provincial_admin", "jurisdiction": "64", "iss": "cwm-registry", "aud": "cwm",
             "iat": now, "exp": now + 600, "jti": "j", "typ": "access"}) + "."
    else:
        token = "not-a-jwt"
    response = await client.get("/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_missing_form_fields_and_unknown_grant(client):
    assert (await client.post("/v1/auth/token", data={"username": "x"})).status_code == 400
    response = await client.post("/v1/auth/token", data={"grant_type": "implicit"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "grant_type"
