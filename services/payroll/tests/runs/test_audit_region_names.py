"""The audit trail names each entry's region (issue 11): payroll knows region codes only, so the names come from
the registry's regions API, asked with the caller's token and cached."""

from __future__ import annotations

import httpx

from cwm_kit.audit import RegistryRegionNames

from .support import TOWNSHIP_A


async def test_run_audit_entry_names_its_region(live, tokens):
    client, app = live
    asked: list[tuple[str, str | None]] = []

    def registry(request: httpx.Request) -> httpx.Response:
        asked.append((request.url.path, request.headers.get("authorization")))
        code = request.url.path.rsplit("/", 1)[-1]
        if code == TOWNSHIP_A:
            return httpx.Response(200, json={"code": code, "name": "兴庆区测试街道", "level": "township"})
        return httpx.Response(404, json={"code": "not_found"})

    app.state.region_names = RegistryRegionNames("http://registry", transport=httpx.MockTransport(registry))
    headers = tokens.headers("township_officer", TOWNSHIP_A, subject="preparer")
    started = await client.post("/v1/runs", json={"region_code": TOWNSHIP_A, "month": "2025-01"}, headers=headers)
    assert started.status_code == 201, started.text

    for _ in range(2):
        page = await client.get("/v1/audit", params={"entity": "payroll_run"}, headers=headers)
        assert page.status_code == 200, page.text
        entries = [e for e in page.json()["items"] if e["entity_id"] == started.json()["id"]]
        assert entries and entries[0]["action"].endswith("start")
        assert entries[0]["region_code"] == TOWNSHIP_A
        assert entries[0]["region_name"] == "兴庆区测试街道"
    # Asked once, with the caller's token; the second page came from the cache.
    assert asked == [(f"/v1/regions/{TOWNSHIP_A}", headers["Authorization"])]


async def test_registry_down_leaves_the_region_unnamed(live, tokens):
    client, app = live

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("registry down")

    app.state.region_names = RegistryRegionNames("http://registry", transport=httpx.MockTransport(down))
    headers = tokens.headers("township_officer", TOWNSHIP_A, subject="preparer")
    started = await client.post("/v1/runs", json={"region_code": TOWNSHIP_A, "month": "2025-01"}, headers=headers)
    assert started.status_code == 201, started.text
    page = await client.get("/v1/audit", params={"entity": "payroll_run"}, headers=headers)
    assert page.status_code == 200, page.text
    assert page.json()["items"][0]["region_name"] is None
