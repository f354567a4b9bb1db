"""RestInputSource against stand-in registry and assessment apps (in-process over ASGI): NDJSON facts
streamed and parsed, result pages followed by cursor, service token obtained and sent."""

from __future__ import annotations

import datetime as dt
import json

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

from payroll.config import PayrollSettings
from payroll.inputs.clients import RestInputSource


def stand_ins():
    seen: dict[str, list] = {"facts": [], "results": [], "token": [], "auth": []}
    registry = FastAPI()
    assessment = FastAPI()

    @registry.post("/v1/auth/token")
    async def token(request: Request):
        form = await request.form()
        seen["token"].append((form["grant_type"], form["client_id"], form["client_secret"]))
        return {"access_token": "svc-token", "token_type": "bearer", "expires_in": 600}

    @registry.get("/v1/workers/facts")
    async def facts(request: Request):
        seen["facts"].append(dict(request.query_params))
        seen["auth"].append(request.headers.get("authorization"))

        async def lines():
            for i in range(3):
                yield json.dumps({"worker_id": f"w{i}", "name": "张三", "community_code": "640104001001",
                                  "post": "nx_staff", "status": "active", "hired_on": "2020-03-01",
                                  "counted_service": [{"from": "1978-01-01", "scope": "64",
                                                       "runs": [{"start": "2020-03-01", "end": None}]}],
                                  "future_field": True}) + "\n"
        return StreamingResponse(lines(), media_type="application/x-ndjson")

    @registry.get("/v1/changes")
    async def changes(request: Request):
        after = request.query_params.get("after")
        if after is None:
            return {"items": [{"cursor": "1", "entity": "worker", "entity_id": "w1", "worker_id": "w1",
                               "region_code": "640104001001", "action": "update", "at": "2025-02-01T00:00:00Z"},
                              {"cursor": "2", "entity": "worker", "entity_id": "w8", "worker_id": "w8",
                               "region_code": "150404001001", "action": "update", "at": "2025-02-01T00:00:00Z"}],
                    "next_cursor": "2"}
        return {"items": [{"cursor": "3", "entity": "worker", "entity_id": "w2", "worker_id": "w2",
                           "region_code": "640104001001", "action": "update", "at": "2024-12-01T00:00:00Z"}],
                "next_cursor": None}

    @assessment.get("/v1/results")
    async def results(request: Request):
        seen["results"].append(dict(request.query_params))
        seen["auth"].append(request.headers.get("authorization"))
        after = request.query_params.get("after")
        year = int(request.query_params["year"])
        base = {"worker_id": "w1", "year": year, "kind": "annual", "community_code": "640104001001"}
        if after is None:
            return JSONResponse({"items": [{**base, "id": 1, "result": "competent", "revision": 1}],
                                 "next_cursor": f"{year}-1"})
        if after == f"{year}-1":
            return JSONResponse({"items": [{**base, "id": 2, "result": "excellent", "revision": 2}],
                                 "next_cursor": f"{year}-2"})
        return JSONResponse({"items": [], "next_cursor": None})

    return registry, assessment, seen


async def test_rest_source_streams_facts_and_follows_cursors_with_a_service_token():
    registry, assessment, seen = stand_ins()
    settings = PayrollSettings(registry_url="http://registry.test", assessment_url="http://assessment.test",
                               service_client_secret="s3cret")
    source = RestInputSource.from_settings(settings, registry_transport=httpx.ASGITransport(registry),
                                           assessment_transport=httpx.ASGITransport(assessment))
    try:
        facts = [f async for f in source.worker_facts("6401", dt.date(2025, 3, 31), dt.date(2025, 3, 1))]
        assert [f.worker_id for f in facts] == ["w0", "w1", "w2"]
        assert facts[0].counted_runs(dt.date(2025, 3, 1)) == [(dt.date(2020, 3, 1), None)]
        assert seen["facts"] == [{"region": "6401", "as_of": "2025-03-31", "since": "2025-03-01"}]

        results = await source.results("6401", [2024])
        assert [(r.worker_id, r.year, r.result, r.revision) for r in results] == [("w1", 2024, "excellent", 2)]
        assert [q.get("after") for q in seen["results"]] == [None, "2024-1", "2024-2"]

        corrected = await source.corrected_workers("6401", dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
        assert list(corrected) == ["w1"]  # w8 is in another region, w2 changed before `since`
        assert source.last_cursor == "3"
        # The next run starts where this one stopped: only later changes are read.
        later = await source.corrected_workers("6401", dt.datetime(2024, 1, 1, tzinfo=dt.UTC), after="2")
        assert list(later) == ["w2"]
    finally:
        await source.aclose()
    # One client-credentials exchange as "payroll", then the service token on every call.
    assert seen["token"] == [("client_credentials", "payroll", "s3cret")]
    assert set(seen["auth"]) == {"Bearer svc-token"}
