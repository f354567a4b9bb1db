"""A service process fetches the registry's signing keys when it starts, not at its first request: a process
that has not served anyone yet still verifies tokens while the registry is down (the second payroll process
answered 503 during a registry outage). Against a real HTTP server serving the keys, then stopped."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from cwm_kit import testing
from cwm_kit.tokens import JwksCache
from fastapi import APIRouter


@pytest.fixture
def tokens() -> testing.TokenFactory:
    return testing.TokenFactory()


@pytest.fixture
def key_server(tokens: testing.TokenFactory) -> Iterator[ThreadingHTTPServer]:
    body = json.dumps({"keys": [tokens.key.public_jwk()]}).encode()

    class Keys(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Keys)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


async def test_a_process_that_has_served_nobody_verifies_tokens_while_the_issuer_is_down(tokens, key_server):
    url = f"http://127.0.0.1:{key_server.server_address[1]}/v1/auth/.well-known/jwks.json"
    jwks = JwksCache(url)
    async with testing.started_app("postgresql+asyncpg://unused@127.0.0.1:1/unused", APIRouter(), jwks=jwks,
                                   token_issuer=testing.TEST_ISSUER, token_audience=testing.TEST_AUDIENCE) as app:
        for _ in range(100):  # fetched in the background once the process has started
            if jwks.has_keys:
                break
            await asyncio.sleep(0.05)
        assert jwks.has_keys
        key_server.shutdown()  # the registry goes down before this process's first request
        async with testing.asgi_client(app) as client:
            answer = await client.get("/v1/whoami", headers=tokens.headers("township_officer", "640104001"))
    assert answer.status_code == 200, answer.text
    assert answer.json()["jurisdiction"] == "640104001"


async def test_keys_are_asked_for_again_until_the_issuer_answers(tokens):
    jwks = JwksCache("http://127.0.0.1:1/v1/auth/.well-known/jwks.json")  # nobody listens there
    warming = asyncio.create_task(jwks.warm(retry_seconds=0.01))
    await asyncio.sleep(0.2)
    assert not warming.done() and not jwks.has_keys  # still trying, nothing raised
    warming.cancel()
    with pytest.raises(httpx.HTTPError):  # and a request meanwhile fails as before (503 in a service)
        await jwks.verify(tokens.token("township_officer", "640104001"), issuer="x", audience="y")
