"""Who may touch a pay scheme: outside the jurisdiction looks exactly like absent (404); a role that may
not preview is refused (403) before the registry is asked; an upstream refusal of the caller is a 403."""

from __future__ import annotations

import copy

import httpx
import pytest
from cwm_kit.http import ServiceClient
from payroll.policy.presets import load

MADE_UP = 2_000_000_000
ROLES = [("provincial_admin", "15"), ("city_officer", "1504"), ("city_officer", "6402"),
         ("county_officer", "640105"), ("township_officer", "640104002"), ("auditor", "15"),
         ("finance_officer", "150404001"), ("worker", "150404001001"), ("worker", "640104002001")]
CALLS = [("get", ""), ("patch", ""), ("post", "/validate"), ("post", "/preview"), ("post", "/publish")]


def _document(name: str) -> dict:
    document = copy.deepcopy(load("nx-2025.json"))
    document["name"] = name
    return document


def _request(client, method: str, url: str, headers: dict):
    body = {"patch": {"effective_from": "2026-02-01"}}.get(method)
    if url.endswith("/preview"):
        body = {"month": "2025-03", "sample_size": 1}
    return client.request(method.upper(), url, json=body, headers=headers)


@pytest.mark.parametrize("prefix", ["64", "6401", "640104001"])
async def test_a_foreign_scheme_answers_exactly_like_a_made_up_id(client, app, tokens, prefix):
    calls: list[str] = []
    app.state.grade_registry_client = ServiceClient(
        "http://registry.test", transport=httpx.MockTransport(lambda r: calls.append(str(r.url)) or
                                                              httpx.Response(403)))
    admin = tokens.headers("provincial_admin", "64")
    created = await client.post("/v1/pay-schemes", json={"region_prefix": prefix, "effective_from": "2026-01-01",
                                                          "document": _document("草案")}, headers=admin)
    assert created.status_code == 201, created.text
    foreign = [(r, j) for r, j in ROLES if not (j.startswith(prefix) or prefix.startswith(j))]
    assert foreign
    for role, jurisdiction in foreign:
        headers = tokens.headers(role, jurisdiction, **({"worker_id": "w1"} if role == "worker" else {}))
        for method, tail in CALLS:
            real = await _request(client, method, f"/v1/pay-schemes/{created.json()['id']}{tail}", headers)
            fake = await _request(client, method, f"/v1/pay-schemes/{MADE_UP}{tail}", headers)
            assert (real.status_code, real.json().get("code")) == (fake.status_code, fake.json().get("code")), \
                (role, jurisdiction, method, tail, real.text, fake.text)
            assert real.status_code in (403, 404), (role, method, tail, real.text)
    assert calls == []


async def test_a_worker_may_not_preview_and_the_registry_is_not_asked(client, app, tokens):
    calls: list[str] = []
    app.state.grade_registry_client = ServiceClient(
        "http://registry.test", transport=httpx.MockTransport(lambda r: calls.append(str(r.url)) or
                                                              httpx.Response(403)))
    admin = tokens.headers("provincial_admin", "64")
    draft = (await client.post("/v1/pay-schemes", json={"region_prefix": "64", "effective_from": "2026-01-01",
                                                         "document": _document("草案")}, headers=admin)).json()
    worker = tokens.headers("worker", "640104001001", worker_id="w1")
    response = await client.post(f"/v1/pay-schemes/{draft['id']}/preview", json={"month": "2025-03"}, headers=worker)
    assert response.status_code == 403 and response.json()["code"] == "forbidden", response.text
    assert calls == []


async def test_an_upstream_refusal_of_the_callers_token_is_403_not_502(client, app, tokens):
    app.state.grade_registry_client = ServiceClient(
        "http://registry.test", transport=httpx.MockTransport(lambda r: httpx.Response(403)))
    admin = tokens.headers("provincial_admin", "64")
    draft = (await client.post("/v1/pay-schemes", json={"region_prefix": "64", "effective_from": "2026-01-01",
                                                         "document": _document("草案")}, headers=admin)).json()
    auditor = tokens.headers("auditor", "64")
    response = await client.post(f"/v1/pay-schemes/{draft['id']}/preview", json={"month": "2025-03"},
                                 headers=auditor)
    assert response.status_code == 403 and response.json()["code"] == "forbidden", response.text
