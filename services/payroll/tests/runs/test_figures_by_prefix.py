"""Issue 10 item 6: reference figures resolve by the most specific prefix of each worker's community."""

from __future__ import annotations

from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import execute_run

from .support import COMMUNITY_B, COUNTY, TOWNSHIP_A, add_figure, worker


async def _run(client, tokens, engine, region, facts):
    response = await client.post("/v1/runs", json={"region_code": region, "month": "2025-01"},
                                 headers=tokens.headers("county_officer", COUNTY))
    assert response.status_code == 201, response.text
    run_id = response.json()["id"]
    assert await execute_run(engine, run_id, StaticInputSource(facts)) == "succeeded"
    return run_id


async def base_of(client, tokens, run_id, worker_id):
    slip = (await client.get(f"/v1/runs/{run_id}/payslips/{worker_id}",
                             headers=tokens.headers("county_officer", COUNTY))).json()
    return next(line for line in slip["lines"] if line["code"] == "base")


async def test_a_townships_figure_wins_over_its_countys(live, tokens, engine):
    client, _ = live
    # 2024 average monthly wage: the province 99 publishes 8000 (support), the county 990101 8500 and
    # township A 990101001 9000.
    async with engine.begin() as connection:
        await add_figure(connection, "avg_wage_monthly", 2024, "8500", "official", "2025-01-05", COUNTY)
        await add_figure(connection, "avg_wage_monthly", 2024, "9000", "official", "2025-01-05", TOWNSHIP_A)
    facts = [worker("a1"), worker("b1", COMMUNITY_B)]
    run_id = await _run(client, tokens, engine, COUNTY, facts)
    # Township A: 55% × 9000 = 4950.00 (before issue 10 the county's run priced it on the county's 8500).
    a1 = await base_of(client, tokens, run_id, "a1")
    assert a1["amount"] == "4950.00" and "9000.00" in a1["inputs"]["formula"]
    # Township B has no figure of its own: the county's, 55% × 8500 = 4675.00.
    assert (await base_of(client, tokens, run_id, "b1"))["amount"] == "4675.00"


async def test_a_township_run_finds_a_figure_only_the_township_publishes(live, tokens, engine):
    client, _ = live
    # Only township A publishes a 2025 housing-fund rate (8%); the county and province publish none, so
    # the county-keyed lookup never saw it and used the scheme default (12%).
    async with engine.begin() as connection:
        await add_figure(connection, "housing_fund_rate", 2025, "0.08", "official", "2025-01-05", TOWNSHIP_A)
    run_id = await _run(client, tokens, engine, TOWNSHIP_A, [worker("a1")])
    slip = (await client.get(f"/v1/runs/{run_id}/payslips/a1", headers=tokens.headers("county_officer",
                                                                                        COUNTY))).json()
    # Standard pay 5200.00 (support: 4400 + 300 + 300 + 200): housing fund 5200.00 × 8% = 416.00.
    assert slip["housing_fund"] == "416.00"
