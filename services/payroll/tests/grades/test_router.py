"""GET /v1/me/grade and /v1/workers/{id}/grade with the registry and assessment answered in-process."""

from __future__ import annotations

import json

import httpx
import pytest

from cwm_kit.http import ServiceClient

from payroll.policy.seed import seed_pay_schemes

from .support import HEAD_W1, STAFF_W2, install_grade_clients, token_or_facts

WORKERS = [
    HEAD_W1,
    STAFF_W2,
]
RESULTS = [
    {"id": 1, "worker_id": "w1", "year": 2022, "kind": "annual", "result": "excellent", "revision": 1},
    {"id": 2, "worker_id": "w1", "year": 2023, "kind": "annual", "result": "basically_competent", "revision": 1},
    {"id": 3, "worker_id": "w2", "year": 2024, "kind": "annual", "result": "incompetent", "revision": 1},
]


@pytest.fixture
def upstream_calls(app):
    calls: list[tuple[str, str, dict]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        calls.append((request.url.path, request.headers.get("authorization", ""), params))
        answered = token_or_facts(request, WORKERS)
        if answered is not None:
            return answered
        region = params.get("region", "")
        if request.url.path == "/v1/results":
            items = [r for r in RESULTS if any(w["worker_id"] == r["worker_id"] and
                                               w["community_code"].startswith(region) for w in WORKERS)]
            return httpx.Response(200, json={"items": items if "after" not in params else [], "next_cursor": None})
        return httpx.Response(404)

    install_grade_clients(app, handler)
    return calls


async def test_worker_sees_own_grade_with_reasoning(client, session, tokens, upstream_calls):
    await seed_pay_schemes(session)
    headers = tokens.headers("worker", "150404001001", worker_id="w1")
    response = await client.get("/v1/me/grade?month=2025-06", headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    # 104 months to 1 Jan 2025 = 8.67 y; +0.5 (2022 优秀); −1 (2023 基本合格) → 8.17; 7 + 2 + 1 (一肩挑) = 10
    assert (body["worker_id"], body["post"], body["level"], body["scheme_region_prefix"]) == ("w1", "ss_head", 10,
                                                                                             "150404")
    assert [s["step"] for s in body["steps"]] == ["post", "cutoff", "service_years", "assessment", "assessment",
                                                  "level_from_years", "yijiantiao", "grade"]
    # Read with payroll's service token, never another worker's data.
    assert all(auth == "Bearer service-token" for path, auth, _ in upstream_calls if path != "/v1/auth/token")


async def test_worker_cannot_read_another_workers_grade(client, session, tokens, upstream_calls):
    await seed_pay_schemes(session)
    worker = tokens.headers("worker", "150404001001", worker_id="w1")
    assert (await client.get("/v1/workers/w2/grade?month=2025-06", headers=worker)).status_code == 403
    # A worker token naming a worker outside its scope finds nothing: 404.
    stray = tokens.headers("worker", "150404001001", worker_id="w2")
    assert (await client.get("/v1/me/grade?month=2025-06", headers=stray)).status_code == 404


async def test_officer_reads_grades_inside_jurisdiction_only(client, session, tokens, upstream_calls):
    await seed_pay_schemes(session)
    officer = tokens.headers("township_officer", "150404001")
    response = await client.get("/v1/workers/w2/grade?month=2025-06", headers=officer)
    # w2: 7.0 y − 1 (2024 不合格 does not count) = 6.0 → step 1 + ⌊2/3⌋ = 1 → staff level 2
    assert response.status_code == 200 and response.json()["level"] == 2
    assert any(auth == f"{officer['Authorization']}" for path, auth, _ in upstream_calls
               if path == "/v1/workers/facts")
    other = tokens.headers("township_officer", "150404002")
    assert (await client.get("/v1/workers/w2/grade?month=2025-06", headers=other)).status_code == 404
    assert (await client.get("/v1/workers/w2/grade?month=2025-13", headers=officer)).status_code == 422


async def test_one_workers_grade_asks_the_registry_for_that_worker_only(app, client, session, tokens):
    """An officer's grade page reads one facts line (registry `worker_id=`), not the jurisdiction's stream."""
    await seed_pay_schemes(session)
    worker_id = "0b7c3c1e-4f4e-4a57-9d1e-2f1a4a3c5b6d"
    colleague = {**WORKERS[1], "worker_id": "5d0e8f2a-1b3c-4d5e-8f70-a1b2c3d4e5f6"}
    lines = [{**WORKERS[1], "worker_id": worker_id}, colleague]
    asked: list[list[str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/workers/facts":
            wanted = request.url.params.get_list("worker_id")
            asked.append(wanted)
            text = "".join(json.dumps(w, ensure_ascii=False) + "\n" for w in lines
                           if not wanted or w["worker_id"] in wanted)
            return httpx.Response(200, text=text, headers={"content-type": "application/x-ndjson"})
        return httpx.Response(200, json={"items": [], "next_cursor": None})

    transport = httpx.MockTransport(handler)
    app.state.grade_registry_client = ServiceClient("http://registry.test", transport=transport)
    app.state.grade_assessment_client = ServiceClient("http://assessment.test", transport=transport)
    officer = tokens.headers("provincial_admin", "15")
    response = await client.get(f"/v1/workers/{worker_id}/grade?month=2025-06", headers=officer)
    assert response.status_code == 200, response.text
    assert response.json()["worker_id"] == worker_id and asked == [[worker_id]]
