"""A pay scheme's preview and 成本测算 (simulation) price each worker on the assessment results a run reads (all
years, from the assessment service), so they agree with a real run of the same month under the same scheme, and
the grade on the preview is the grade page's (issue 10: one computation). Hand-computed figures."""

from __future__ import annotations

import json

import httpx

from cwm_kit.http import ServiceClient

from payroll.inputs.clients import StaticInputSource
from payroll.inputs.schemas import AssessmentResult, WorkerFacts
from payroll.policy.presets import load
from payroll.runs.execution import execute_run

from ..runs.support import COMMUNITY_A, COUNTY, PROVINCE, TEST_AUTHOR, add_figure, install_scheme, nx_document, worker
from ..runs.test_performance_pot_run import SS_COUNTY, TOWN_1, two_townships

HIRED = "2022-10-01"


def upstream(facts: list[WorkerFacts], results: list[AssessmentResult]) -> httpx.MockTransport:
    """The registry's facts and assessment's final results of the region asked for (one page each)."""
    def handler(request: httpx.Request) -> httpx.Response:
        region = request.url.params.get("region", "")
        if request.url.path == "/v1/workers/facts":
            lines = [f.model_dump_json(by_alias=True) for f in facts if f.community_code.startswith(region)]
            return httpx.Response(200, text="".join(line + "\n" for line in lines),
                                  headers={"content-type": "application/x-ndjson"})
        if request.url.path == "/v1/results":
            items = [] if "after" in request.url.params else [
                json.loads(r.model_dump_json()) for r in results if (r.community_code or "").startswith(region)]
            return httpx.Response(200, json={"items": items, "next_cursor": None})
        return httpx.Response(404)

    return httpx.MockTransport(handler)


def answer_from(app, facts: list[WorkerFacts], results: list[AssessmentResult]) -> None:
    transport = upstream(facts, results)
    app.state.grade_registry_client = ServiceClient("http://registry.test", transport=transport)
    app.state.grade_assessment_client = ServiceClient("http://assessment.test", transport=transport)


async def run_payslips(client, engine, headers: dict, region: str, month: str, kind: str,
                       facts: list[WorkerFacts], results: list[AssessmentResult]) -> tuple[dict, dict]:
    response = await client.post("/v1/runs", json={"region_code": region, "month": month, "kind": kind},
                                 headers=headers)
    assert response.status_code == 201, response.text
    run_id = response.json()["id"]
    assert await execute_run(engine, run_id, StaticInputSource(facts, results)) == "succeeded"
    slips = {f.worker_id: (await client.get(f"/v1/runs/{run_id}/payslips/{f.worker_id}", headers=headers)).json()
             for f in facts}
    return (await client.get(f"/v1/runs/{run_id}", headers=headers)).json(), slips


def amounts(slip: dict) -> dict[str, str]:
    return {line["code"]: str(line["amount"]) for line in slip["lines"]}


async def incompetent_year_run(client, tokens, engine) -> tuple[list, list, dict, dict]:
    """NX worker w1 of the county, 2025 不合格, and the county's 2026-01 run: (facts, results, run, w1's payslip)."""
    async with engine.begin() as connection:
        for kind, year, value in [("avg_wage_monthly", 2025, "8000"), ("si_base_floor", 2026, "4000"),
                                  ("si_base_ceiling", 2026, "20000")]:
            await add_figure(connection, kind, year, value, "official", "2026-01-05")
    facts = [worker("w1", hired_on=HIRED, post_since=HIRED, post_history=[{"post": "nx_staff", "from": HIRED}],
                    counted_service=[{"from": "1978-01-01", "scope": "99", "runs": [{"start": HIRED, "end": None}]}])]
    results = [AssessmentResult(worker_id="w1", year=2025, result="incompetent", community_code=COMMUNITY_A,
                                id="r2025")]
    # 2022-10-01 → 2026-01-01 = 3.25 years, 2025 不合格 −½ year → 2.75 < 3: nx_staff level 1 (300.00);
    # base 55 % × 8000 = 4400.00, 3 stars 300.00, 本科 200.00: standard 5200.00. Performance by the latest result
    # of an earlier year (2025 不合格, factor 0.50): 20 % × 5200.00 × (0.50 − 1) = −520.00; 应发 4680.00.
    # (Without the result: 3.25 years, level 2 (380.00), no adjustment: 5280.00.)
    run, slips = await run_payslips(client, engine, tokens.headers("county_officer", COUNTY), COUNTY, "2026-01",
                                    "monthly", facts, results)
    slip = slips["w1"]
    assert (slip["inputs"]["grade"]["level"], slip["gross"]) == (1, "4680.00")
    assert (amounts(slip)["grade"], amounts(slip)["performance"]) == ("300.00", "-520.00")
    return facts, results, run, slip


async def test_an_incompetent_year_costs_the_same_performance_pay_and_grade_in_the_preview_as_in_a_run(
        live, tokens, engine):
    client, app = live
    facts, results, _, slip = await incompetent_year_run(client, tokens, engine)
    officer = tokens.headers("county_officer", COUNTY)
    # The preview of the scheme in force, sampling the county from the registry: the run's payslip.
    answer_from(app, facts, results)
    scheme = (await client.get(f"/v1/pay-schemes/in-force?region={COUNTY}&on=2026-01-01", headers=officer)).json()
    response = await client.post(f"/v1/pay-schemes/{scheme['id']}/preview",
                                 json={"month": "2026-01", "sample_region": COUNTY}, headers=officer)
    assert response.status_code == 200, response.text
    previewed = response.json()["payslips"][0]
    assert (previewed["grade"]["level"], previewed["gross"]) == (1, "4680.00")
    assert (amounts(previewed)["grade"], amounts(previewed)["performance"]) == ("300.00", "-520.00")
    assert previewed["grade"]["steps"] == slip["inputs"]["grade"]["steps"]

    # The grade page: the same level from the same computation.
    page = await client.get("/v1/workers/w1/grade?month=2026-01", headers=officer)
    assert page.status_code == 200, page.text
    assert (page.json()["level"], page.json()["years"]) == (1, previewed["grade"]["years"])


async def test_an_incompetent_year_costs_the_same_in_the_simulation_as_in_a_run(live, tokens, engine):
    client, app = live
    facts, results, run, _ = await incompetent_year_run(client, tokens, engine)
    answer_from(app, facts, results)
    # 成本测算 of a draft (the same document) against the version in force: both 4680.00, the run's total.
    admin = tokens.headers("provincial_admin", PROVINCE, subject=TEST_AUTHOR)
    draft = await client.post("/v1/pay-schemes", json={"region_prefix": PROVINCE, "effective_from": "2026-01-01",
                                                        "document": nx_document()}, headers=admin)
    assert draft.status_code == 201, draft.text
    simulated = await client.post(f"/v1/pay-schemes/{draft.json()['id']}/simulation",
                                  json={"month": "2026-01", "region": COUNTY}, headers=admin)
    assert simulated.status_code == 200, simulated.text
    body = simulated.json()
    assert (body["in_force"]["gross"], body["draft"]["gross"], body["unchanged"]) == ("4680.00", "4680.00", 1)
    assert body["in_force"]["gross"] == run["gross_total"]


async def test_a_songshan_year_end_preview_shares_the_townships_pot_by_the_final_results(live, tokens, engine):
    client, app = live
    await install_scheme(engine, SS_COUNTY, load("ss-2022.json"), "2022-01-01")
    facts, results = two_townships()
    officer = tokens.headers("county_officer", SS_COUNTY)
    _, slips = await run_payslips(client, engine, officer, SS_COUNTY, "2025-12", "year_end", facts, results)

    answer_from(app, facts, results)
    scheme = (await client.get(f"/v1/pay-schemes/in-force?region={SS_COUNTY}&on=2025-12-01", headers=officer)).json()
    # Two workers sampled, the township's pot shared among all three (as runs/test_performance_pot_run.py):
    # pot 3786.666… × 2 + 1733.333… = 9306.67 by weight 4544 : 3786.666… : 1213.333… → 4431.01 and 3692.50.
    response = await client.post(f"/v1/pay-schemes/{scheme['id']}/preview",
                                 json={"month": "2025-12", "run_kind": "year_end", "sample_region": TOWN_1,
                                       "sample_size": 2}, headers=officer)
    assert response.status_code == 200, response.text
    previewed = {p["worker_id"]: p for p in response.json()["payslips"]}
    assert [(w, previewed[w]["gross"]) for w in sorted(previewed)] == [("w1", "4431.01"), ("w2", "3692.50")]
    line = next(line for line in previewed["w1"]["lines"] if line["code"] == "performance_year_end")
    assert (line["inputs"]["result"], line["inputs"]["pot"], line["inputs"]["workers_in_pot"]) == (
        "2025 优秀", "9306.67", 3)
    assert [previewed[w]["gross"] for w in ("w1", "w2")] == [slips[w]["gross"] for w in ("w1", "w2")]

    # Workers given in the body share their unit's pot by the body's results: the three of township 1, as the run.
    given_workers = await client.post(f"/v1/pay-schemes/{scheme['id']}/preview", json={
        "month": "2025-12", "run_kind": "year_end", "workers": [f.model_dump(mode="json", by_alias=True)
                                                                for f in facts[:3]],
        "results": [r.model_dump(mode="json") for r in results[:3]]}, headers=officer)
    assert given_workers.status_code == 200, given_workers.text
    assert [p["gross"] for p in given_workers.json()["payslips"]] == [slips[w]["gross"] for w in ("w1", "w2", "w3")]
    assert [p["gross"] for p in given_workers.json()["payslips"]] == ["4431.01", "3692.50", "1183.16"]

    # Results are the assessment service's for sampled workers: the body may not give them.
    given = await client.post(f"/v1/pay-schemes/{scheme['id']}/preview",
                              json={"month": "2025-12", "run_kind": "year_end", "sample_region": TOWN_1,
                                    "results": [r.model_dump(mode="json") for r in results]}, headers=officer)
    assert given.status_code == 422 and given.json()["errors"][0]["field"] == "results"
