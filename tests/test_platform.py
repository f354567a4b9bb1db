"""The platform promises, checked against real processes behind the real gateway."""

from __future__ import annotations

import base64
import json
import time

import httpx
import pytest
from jose import jwt

from cwm_kit.tokens import SigningKey, sign

SERVICES = ("registry", "payroll", "assessment")


def whoami(stack, service: str, headers: dict[str, str]) -> httpx.Response:
    return httpx.get(f"{stack.gateway}/api/{service}/v1/whoami", headers=headers, timeout=10)


def test_demo_officer_logs_in_through_the_gateway(stack):
    body = stack.login("xq_town")
    assert body["role"] == "township_officer" and body["jurisdiction"] == "640104001"
    jwks = httpx.get(f"{stack.gateway}/api/auth/.well-known/jwks.json").json()
    claims = jwt.decode(body["access_token"], jwks["keys"][0], algorithms=["ES256"], audience="cwm",
                        issuer="cwm-registry")
    assert claims["jurisdiction"] == "640104001" and claims["role"] == "township_officer"
    assert {"sub", "exp", "iat", "jti"} <= claims.keys()


def test_every_service_verifies_the_token_itself(stack):
    headers = stack.headers("xq_town")
    for service in SERVICES:
        response = whoami(stack, service, headers)
        assert response.status_code == 200, (service, response.text)
        assert response.json()["service"] == service
        assert response.json()["jurisdiction"] == "640104001"


def _key_of(stack) -> SigningKey:
    return SigningKey.from_pem((stack.config.data_dir / "keys" / "signing-key.pem").read_text())


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _bad_tokens(stack) -> dict[str, str]:
    real = _key_of(stack)
    claims = {"role": "provincial_admin", "jurisdiction": "64"}
    now = int(time.time())
    forger = SigningKey(kid=real.kid, private_pem=SigningKey.generate().private_pem)  # same kid, other key
    return {
        "forged": sign(forger, subject="x", issuer="cwm-registry", audience="cwm", ttl_seconds=600, claims=claims)[0],
        "expired": sign(real, subject="x", issuer="cwm-registry", audience="cwm", ttl_seconds=-60, claims=claims)[0],
        "wrong_audience": sign(real, subject="x", issuer="cwm-registry", audience="other", ttl_seconds=600,
                               claims=claims)[0],
        "wrong_issuer": sign(real, subject="x", issuer="evil", audience="cwm", ttl_seconds=600, claims=claims)[0],
        "alg_none": _b64({"alg": "none", "typ": "JWT", "kid": real.kid}) + "." + _b64(
            {"sub": "x", "iss": "cwm-registry", "aud": "cwm", "iat": now, "exp": now + 600, "jti": "j",
             "typ": "access", **claims}) + ".",
        "hs256_with_public_key": jwt.encode({"sub": "x", "iss": "cwm-registry", "aud": "cwm", "iat": now,
                                             "exp": now + 600, "jti": "j", "typ": "access", **claims},
                                            json.dumps(real.public_jwk()), algorithm="HS256",
                                            headers={"kid": real.kid}),
        "refresh_as_access": stack.login("xq_town")["refresh_token"],
    }


@pytest.mark.parametrize("service", SERVICES)
def test_bad_tokens_get_401_everywhere(stack, service):
    for kind, token in _bad_tokens(stack).items():
        response = whoami(stack, service, {"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, (service, kind, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["message_zh"] and response.json()["message_en"]
    assert whoami(stack, service, {}).status_code == 401


def test_gateway_adds_and_keeps_request_ids(stack):
    generated = httpx.get(f"{stack.gateway}/api/registry/healthz")
    assert len(generated.headers["x-request-id"]) >= 16
    kept = httpx.get(f"{stack.gateway}/api/registry/healthz", headers={"X-Request-Id": "trace-me-123"})
    assert kept.headers["x-request-id"] == "trace-me-123"


@pytest.mark.parametrize("service", SERVICES)
def test_openapi_is_reachable_and_compressed(stack, service):
    response = httpx.get(f"{stack.gateway}/api/{service}/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers.get("content-encoding") == "gzip"
    assert response.json()["openapi"].startswith("3.")


def test_oversized_bodies_are_refused_with_413(stack):
    response = httpx.post(f"{stack.gateway}/api/auth/token", content=b"x" * (11 * 1024 * 1024),
                          headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=30)
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


def test_malformed_input_is_a_4xx_problem_never_500(stack):
    headers = {**stack.headers("xq_county"), "Content-Type": "application/json"}
    url = f"{stack.gateway}/api/registry/v1/regions/640104"
    for body in (b"{not json", b'{"name": "\xff\xfe"}', b"[]", b'{"urban_population": "many"}',
                 b'{"unknown_field": 1}'):
        response = httpx.patch(url, content=body, headers=headers)
        assert 400 <= response.status_code < 500, (body, response.status_code, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    paging = httpx.get(f"{stack.gateway}/api/registry/v1/regions?level=planet", headers=headers)
    assert paging.status_code == 422 and paging.json()["errors"][0]["field"] == "level"


def test_spa_is_served_with_history_fallback(stack):
    root = httpx.get(f"{stack.gateway}/")
    deep = httpx.get(f"{stack.gateway}/workers/some-id/payslips")
    assert root.status_code == deep.status_code == 200
    assert "<div id" in deep.text and deep.text == root.text


def test_built_assets_are_served_from_their_precompressed_copies(stack):
    """The build writes .br and .gz copies beside each asset; the gateway sends the copy the browser accepts
    (its bytes as they are), and the file itself to a client that accepts no compression."""
    import gzip
    import uuid

    assets = stack.config.spa_dir / "assets"
    assets.mkdir(exist_ok=True)
    name = f"precompressed-probe-{uuid.uuid4().hex}.js"
    original = b"export const copy = 'the file';\n" * 50
    # A copy whose content differs from the file: only a precompressed copy can answer with it.
    (assets / name).write_bytes(original)
    (assets / f"{name}.gz").write_bytes(gzip.compress(b"export const copy = 'the .gz copy';\n"))
    try:
        zipped = httpx.get(f"{stack.gateway}/assets/{name}", headers={"Accept-Encoding": "gzip"})
        assert zipped.status_code == 200 and zipped.headers["content-encoding"] == "gzip"
        assert zipped.content == b"export const copy = 'the .gz copy';\n"
        assert "immutable" in zipped.headers["cache-control"]
        plain = httpx.get(f"{stack.gateway}/assets/{name}", headers={"Accept-Encoding": "identity"})
        assert plain.status_code == 200 and "content-encoding" not in plain.headers and plain.content == original
    finally:
        for path in (assets / name, assets / f"{name}.gz"):
            path.unlink(missing_ok=True)


def test_unknown_api_path_is_a_404_problem(stack):
    response = httpx.get(f"{stack.gateway}/api/nothing/here")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_a_stopped_service_answers_503_quickly_while_the_others_keep_working(stack):
    import devctl

    headers = stack.headers("xq_town")
    stack.processes.stop("assessment")
    try:
        started = time.monotonic()
        down = httpx.get(f"{stack.gateway}/api/assessment/v1/whoami", headers=headers, timeout=10)
        elapsed = time.monotonic() - started
        assert down.status_code == 503 and elapsed < 2.0, (down.status_code, elapsed)
        assert down.headers["content-type"].startswith("application/problem+json")
        assert down.json()["code"] == "service_unavailable"
        assert whoami(stack, "registry", headers).status_code == 200
        assert whoami(stack, "payroll", headers).status_code == 200
    finally:
        stack.processes.start("assessment", devctl.service_command("assessment", stack.config.ports["assessment"]),
                              stack.config.service_env("assessment"))
        devctl.wait_http(f"{stack.service_url('assessment')}/readyz")
    assert whoami(stack, "assessment", headers).status_code == 200


@pytest.mark.parametrize("service", SERVICES)
def test_health_and_readiness(stack, service):
    assert httpx.get(f"{stack.service_url(service)}/healthz").json()["status"] == "ok"
    ready = httpx.get(f"{stack.service_url(service)}/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"


@pytest.mark.parametrize("path", ["/api/registry/v1/stats?region=640104",
                                  "/api/assessment/v1/statistics?year=2025&region=640104"])
def test_a_dashboard_poll_gets_304_through_the_compressing_gateway(stack, path):
    """The gateway marks the ETag of what it compresses weak (`W/"…"`); the services still recognise it."""
    headers = {**stack.headers("xq_county"), "Accept-Encoding": "gzip"}
    first = httpx.get(f"{stack.gateway}{path}", headers=headers, timeout=30)
    assert first.status_code == 200, first.text
    assert first.headers["content-encoding"] == "gzip" and first.headers["etag"].startswith('W/"')
    again = httpx.get(f"{stack.gateway}{path}", headers={**headers, "If-None-Match": first.headers["etag"]},
                      timeout=30)
    assert again.status_code == 304
