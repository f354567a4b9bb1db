"""Policy simulation: a draft's month for a whole region next to the version in force, totals only, nothing saved."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from cwm_kit.http import ServiceClient

from payroll.models import audit_log
from payroll.policy.seed import seed_pay_schemes, seed_reference_figures
from payroll.runs.models import PayrollRun, Payslip

from .test_router import ADMIN, _create, nx_document

COUNTED = [{"from": "1978-01-01", "scope": "64", "runs": [{"start": "2020-03-01", "end": None}]}]


def _worker(worker_id: str, hired_on: str) -> str:
    return json.dumps({"worker_id": worker_id, "name": worker_id, "community_code": "640104001001",
                       "post": "nx_staff", "status": "active", "hired_on": hired_on, "star_rating": 3,
                       "education": {"level": "benke", "date": None, "in_service": False},
                       "counted_service": COUNTED})


def _three_workers(seen: list):
    def registry(request: httpx.Request) -> httpx.Response:
        seen.append((dict(request.url.params), request.headers["authorization"]))
        # Two staff members paid the whole month; one hired after it (paid nothing under either version).
        lines = [_worker("w0", "2020-03-01"), _worker("w1", "2020-03-01"), _worker("w2", "2025-04-01")]
        return httpx.Response(200, text="\n".join(lines) + "\n")

    return registry


def _no_results(seen: list):
    def assessment(request: httpx.Request) -> httpx.Response:
        seen.append((dict(request.url.params), request.headers["authorization"]))
        return httpx.Response(200, json={"items": [], "next_cursor": None})

    return assessment


async def _prepared(client, app, session, tokens, registry, results=None) -> dict:
    """NX in force with the demo figures, the registry answered by `registry` (assessment by `results`: none by
    default), and a draft paying the employer's 五险一金 on top of the pay total (应发 is the whole total)."""
    app.state.grade_registry_client = ServiceClient("http://registry.test", transport=httpx.MockTransport(registry))
    app.state.grade_assessment_client = ServiceClient("http://assessment.test",
                                                      transport=httpx.MockTransport(results or _no_results([])))
    await seed_pay_schemes(session)
    await seed_reference_figures(session)
    document = nx_document("草稿：单位缴费另行支付")
    document["pay_total"]["employer_contributions"] = "on_top"
    return await _create(client, tokens, "64", "2026-01-01", document)


async def test_simulation_totals_by_fiscal_level_gainers_and_the_average_wage(client, app, session, tokens):
    seen: list = []
    draft = await _prepared(client, app, session, tokens, _three_workers(seen), _no_results(seen))
    headers = tokens.headers(*ADMIN)
    audited = await session.scalar(select(func.count()).select_from(audit_log))
    response = await client.post(f"/v1/pay-schemes/{draft['id']}/simulation", json={"month": "2025-03"},
                                 headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    # The region's results of every year (as a run reads them), then one stream of its facts, with the caller's token.
    assert seen == [({"region": "64", "limit": "1000"}, headers["Authorization"]),
                    ({"region": "64", "as_of": "2025-03-31"}, headers["Authorization"])]
    assert (body["workers"], body["region"], body["saved"]) == (3, "64", False)
    # In force (NX, employer's contributions inside): gross 5836.88 − 2066.26 = 3770.62 per staff member; the
    # cost shared is the pay total 5836.88: region 20 % = 1167.38, city 40 % = 2334.75, county the rest 2334.75.
    current = body["in_force"]
    assert (current["payable_workers"], current["gross"], current["employer_contributions"],
            current["total_cost"]) == (2, "7541.24", "4132.52", "11673.76")
    assert current["funding"] == {"city": "4669.50", "county": "4669.50", "region": "2334.76"}
    # Draft (on top): gross is the whole 5836.88; cost 5836.88 + 2066.26 = 7903.14: region 1580.63,
    # city 3161.26, county 7903.14 − 1580.63 − 3161.26 = 3161.25.
    new = body["draft"]
    assert (new["scheme_id"], new["gross"], new["employer_contributions"], new["total_cost"]) == (
        draft["id"], "11673.76", "4132.52", "15806.28")
    assert new["funding"] == {"city": "6322.52", "county": "6322.50", "region": "3161.26"}
    assert (body["gross_difference"], body["total_cost_difference"]) == ("4132.52", "4132.52")
    assert (body["gainers"], body["losers"], body["unchanged"]) == (2, 0, 1)
    assert (body["gains_total"], body["losses_total"]) == ("4132.52", "0.00")
    # Average gross per payable worker against 银川市's 2024 average monthly wage 9012.50 (the official figure).
    assert body["average_wage_target"] == "9012.50"
    assert (current["average_gross"], current["average_wage_ratio"]) == ("3770.62", "0.4184")
    assert (new["average_gross"], new["average_wage_ratio"]) == ("5836.88", "0.6476")
    # Nothing saved: no run, no payslip, no audit entry.
    assert await session.scalar(select(func.count()).select_from(PayrollRun)) == 0
    assert await session.scalar(select(func.count()).select_from(Payslip)) == 0
    assert await session.scalar(select(func.count()).select_from(audit_log)) == audited


async def test_simulation_refuses_workers_other_provinces_and_bad_input(client, app, session, tokens):
    seen: list = []
    draft = await _prepared(client, app, session, tokens, _three_workers(seen), _no_results(seen))
    url = f"/v1/pay-schemes/{draft['id']}/simulation"
    worker = await client.post(url, json={"month": "2025-03"}, headers=tokens.headers("worker", "640104001001", worker_id="w1"))
    assert worker.status_code == 403
    foreign = await client.post(url, json={"month": "2025-03"}, headers=tokens.headers("provincial_admin", "15"))
    assert foreign.status_code == 404
    headers = tokens.headers(*ADMIN)
    month = await client.post(url, json={"month": "2025-13"}, headers=headers)
    assert month.status_code == 422 and month.headers["content-type"].startswith("application/problem+json")
    assert month.json()["errors"][0]["field"] == "month"
    region = await client.post(url, json={"month": "2025-03", "region": "64x"}, headers=headers)
    assert region.status_code == 422 and region.json()["errors"][0]["field"] == "region"
    city_draft = await _create(client, tokens, "6401", "2026-01-01", nx_document())
    outside = await client.post(f"/v1/pay-schemes/{city_draft['id']}/simulation",
                                json={"month": "2025-03", "region": "6402"}, headers=headers)
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "region"
    assert seen == []  # refused before the registry is read


@pytest.mark.skipif(os.environ.get("CWM_SIMULATION_BENCH") != "1", reason="opt-in timing: CWM_SIMULATION_BENCH=1")
async def test_simulation_of_the_synthetic_province_in_under_a_minute(client, app, session, tokens):
    """The whole endpoint (database lookups included) on the benchmark's synthetic province (`bench/standin.py`)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from standin import facts_chunks

    workers = int(os.environ.get("CWM_SIMULATION_WORKERS", "100000"))

    async def chunks():
        for chunk in facts_chunks(workers, "64"):
            yield chunk

    draft = await _prepared(client, app, session, tokens, lambda request: httpx.Response(200, content=chunks()))
    started = time.monotonic()
    response = await client.post(f"/v1/pay-schemes/{draft['id']}/simulation", json={"month": "2025-03"},
                                 headers=tokens.headers(*ADMIN), timeout=600)
    seconds = time.monotonic() - started
    assert response.status_code == 200, response.text
    assert response.json()["workers"] == workers
    print(f"simulation of {workers} workers: {seconds:.1f} s")
    assert seconds < 60
