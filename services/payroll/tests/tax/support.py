"""A registry that answers GET /v1/workers/{id} in-process, honouring the caller's jurisdiction."""

from __future__ import annotations

import base64
import json

import httpx

from cwm_kit.http import ServiceClient, ServiceTokenSource

from ..runs.support import COMMUNITY_A, COMMUNITY_B

REGISTRY_WORKERS = {"w1": ("工作者w1", COMMUNITY_A), "w2": ("工作者w2", COMMUNITY_A), "w3": ("工作者w3", COMMUNITY_B)}


def _jurisdiction(authorization: str) -> str:
    payload = authorization.split()[-1].split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["jurisdiction"]


def install_registry(app) -> list[str]:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path == "/v1/auth/token":
            return httpx.Response(200, json={"access_token": "service-token", "expires_in": 600})
        worker_id = request.url.path.rsplit("/", 1)[-1]
        known = REGISTRY_WORKERS.get(worker_id)
        if known is None or not known[1].startswith(_jurisdiction(request.headers["authorization"])):
            return httpx.Response(404, json={"code": "not_found"})
        return httpx.Response(200, json={"id": worker_id, "name": known[0], "community_code": known[1]})

    transport = httpx.MockTransport(handler)
    tokens = ServiceTokenSource("http://registry.test", "payroll", "secret", transport=transport)
    app.state.grade_registry_client = ServiceClient("http://registry.test", token_source=tokens, transport=transport)
    return calls
