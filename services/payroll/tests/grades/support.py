"""Shared by the grade tests: Songshan workers as the registry's facts feed states them, and the grade clients
of an app answered by a mock transport."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx

from cwm_kit.http import ServiceClient, ServiceTokenSource

HEAD_W1 = {"worker_id": "w1", "name": "甲", "community_code": "150404001001", "post": "ss_head", "status": "active",
           "hired_on": "2016-05-01", "yijiantiao": True, "yijiantiao_history": [{"from": "2020-01-01", "to": None}],
           "counted_service": [{"from": "1978-01-01", "scope": "15",
                                "runs": [{"start": "2016-05-01", "end": None}]}]}
STAFF_W2 = {"worker_id": "w2", "name": "乙", "community_code": "150404001002", "post": "ss_staff", "status": "active",
            "hired_on": "2018-01-01",
            "counted_service": [{"from": "1978-01-01", "scope": "15",
                                 "runs": [{"start": "2018-01-01", "end": None}]}]}


def install_grade_clients(app, handler: Callable[[httpx.Request], httpx.Response]) -> None:
    """The app's registry and assessment clients (and their service token) answered by `handler`."""
    transport = httpx.MockTransport(handler)
    tokens = ServiceTokenSource("http://registry.test", "payroll", "secret", transport=transport)
    app.state.grade_registry_client = ServiceClient("http://registry.test", token_source=tokens, transport=transport)
    app.state.grade_assessment_client = ServiceClient("http://assessment.test", token_source=tokens,
                                                      transport=transport)


def token_or_facts(request: httpx.Request, workers: list[dict]) -> httpx.Response | None:
    """The registry's answer to a service-token request, or the facts of `workers` under the request's `region`
    as NDJSON; None for any other path."""
    if request.url.path == "/v1/auth/token":
        return httpx.Response(200, json={"access_token": "service-token", "expires_in": 600})
    if request.url.path == "/v1/workers/facts":
        region = request.url.params.get("region", "")
        lines = [json.dumps(w, ensure_ascii=False) for w in workers if w["community_code"].startswith(region)]
        return httpx.Response(200, text="\n".join(lines) + "\n", headers={"content-type": "application/x-ndjson"})
    return None
