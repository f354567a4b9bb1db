"""Issue 10 item 2: a run counts the assessment results of the whole career, as the grade page does, and
the grade on the payslip is the grade page's grade (the same computation on the same inputs)."""

from __future__ import annotations

import json

import httpx
from cwm_kit.http import ServiceClient
from payroll.inputs.clients import StaticInputSource
from payroll.inputs.schemas import AssessmentResult
from payroll.runs.execution import execute_run

from .support import COMMUNITY_A, COUNTY, add_figure, worker

HIRED = "2020-07-01"


def career_worker():
    return worker("w1", hired_on=HIRED, post_since=HIRED,
                  post_history=[{"post": "nx_staff", "from": HIRED, "to": None}],
                  counted_service=[{"from": "1978-01-01", "scope": "99", "runs": [{"start": HIRED, "end": None}]}])


RESULTS = [AssessmentResult(worker_id="w1", year=year, result="excellent", community_code=COMMUNITY_A, id=year)
           for year in (2020, 2021, 2022)]


def upstream(facts, results) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/workers/facts":
            return httpx.Response(200, text=facts.model_dump_json(by_alias=True) + "\n",
                                  headers={"content-type": "application/x-ndjson"})
        if request.url.path == "/v1/results":
            items = [] if "after" in request.url.params else [json.loads(r.model_dump_json()) for r in results]
            return httpx.Response(200, json={"items": items, "next_cursor": None})
        return httpx.Response(404)

    return httpx.MockTransport(handler)


async def test_excellent_years_long_ago_count_on_the_payslip_and_the_grade_page_alike(live, tokens, engine):
    client, app = live
    async with engine.begin() as connection:
        for kind, year, value in [("avg_wage_monthly", 2025, "8000"), ("si_base_floor", 2026, "4000"),
                                  ("si_base_ceiling", 2026, "20000")]:
            await add_figure(connection, kind, year, value, "official", "2026-01-05")
    facts = career_worker()
    officer = tokens.headers("county_officer", COUNTY)
    response = await client.post("/v1/runs", json={"region_code": COUNTY, "month": "2026-01"}, headers=officer)
    assert response.status_code == 201, response.text
    run_id = response.json()["id"]
    assert await execute_run(engine, run_id, StaticInputSource([facts], RESULTS)) == "succeeded"
    slip = (await client.get(f"/v1/runs/{run_id}/payslips/w1", headers=officer)).json()

    # NX counts to the month's first day: 2020-07-01 → 2026-01-01 = 66 months = 5.5 years; 优秀 in 2020,
    # 2021 and 2022 add ½ year each → 7.0 years → step 1 + ⌊(7 − 3)/3⌋ = 2 → nx_staff level 1 + 2 = 3.
    # (Reading only 2025 and 2026 results left 5.5 y → step 1 + ⌊2.5/3⌋ = 1 → level 2.)
    grade = slip["inputs"]["grade"]
    assert (grade["level"], grade["years"]) == (3, "7.00")
    lines = {line["code"]: line["amount"] for line in slip["lines"]}
    # grade_pay[nx_staff][3] = 460.00; base 55% × 8000 = 4400.00; 3 stars × 100 = 300.00; 本科 200.00:
    # standard 5360.00; latest result 2022 优秀, factor 1.20: 20% × 5360.00 × 0.20 = 214.40; gross 5574.40.
    assert (lines["grade"], lines["base"], lines["performance"], slip["gross"]) == (
        "460.00", "4400.00", "214.40", "5574.40")

    # The grade page, reading the same facts and results from the registry and assessment.
    transport = upstream(facts, RESULTS)
    app.state.grade_registry_client = ServiceClient("http://registry.test", transport=transport)
    app.state.grade_assessment_client = ServiceClient("http://assessment.test", transport=transport)
    page = await client.get("/v1/workers/w1/grade?month=2026-01", headers=officer)
    assert page.status_code == 200, page.text
    body = page.json()
    assert (body["level"], body["years"], body["post"]) == (grade["level"], grade["years"], grade["post"])
    assert body["steps"] == grade["steps"]
