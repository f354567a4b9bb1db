"""The `retiree` run (NX 「在职和正常退休的每月分别按照600元、500元…800元、600元标准补贴」): it reads the registry's retired
honour holders (population=retired_honours) and pays each one honours line; a scheme without retired amounts is
refused with 422 before anything is queued. Hand-computed."""

from __future__ import annotations

import copy

from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import execute_run

from .support import COMMUNITY_A, COMMUNITY_B, COUNTY, install_scheme, nx_document, worker


def retired_head(worker_id: str, community: str, head_from: str, honours: list[dict]):
    return worker(worker_id, community, post="nx_head", hired_on="1995-01-01", post_since=head_from,
                  post_history=[{"post": "nx_staff", "from": "1995-01-01", "to": "2000-12-31"},
                                {"post": "nx_head", "from": head_from, "to": "2022-12-31"}],
                  status="retired", exit_date="2023-01-01", exit_reason="到龄退休",
                  status_history=[{"status": "active", "from": "1995-01-01", "to": "2022-12-31"},
                                  {"status": "retired", "from": "2023-01-01"}], honours=honours)


async def start_retiree_run(client, headers):
    return await client.post("/v1/runs", json={"region_code": COUNTY, "month": "2025-03", "kind": "retiree"},
                             headers=headers)


async def test_retiree_run_pays_retired_honour_holders_one_line_each(live, tokens, engine):
    client, app = live
    headers = tokens.headers("county_officer", COUNTY)
    response = await start_retiree_run(client, headers)
    assert response.status_code == 201, response.text
    run = response.json()
    assert run["kind"] == "retiree"
    regional = [{"level": "regional_government", "date": "2015-09-01"}]
    facts = [
        # Head 2001-01-01..2022-12-31: 22.00 years in office, regional honour → 500.00.
        retired_head("r1", COMMUNITY_A, "2001-01-01", regional),
        # Head 2008-01-01..2022-12-31: 15.00 years in office → nothing (no payslip).
        retired_head("r2", COMMUNITY_A, "2008-01-01", regional),
        # 22.00 years, central honour → 600.00.
        retired_head("r3", COMMUNITY_B, "2001-01-01", [{"level": "central", "date": "2018-04-01"}]),
        # Serving workers are not in the retired population.
        worker("w1"),
    ]
    assert await execute_run(engine, run["id"], StaticInputSource(facts)) == "succeeded"
    detail = (await client.get(f"/v1/runs/{run['id']}", headers=headers)).json()
    assert (detail["state"], detail["worker_count"], detail["gross_total"], detail["net_total"]) == (
        "calculated", 2, "1100.00", "1100.00")
    slip = (await client.get(f"/v1/runs/{run['id']}/payslips/r1", headers=headers)).json()
    assert (slip["kind"], slip["gross"], slip["social_insurance"], slip["housing_fund"], slip["tax"], slip["net"]) == (
        "retiree", "500.00", "0.00", "0.00", "0.00", "500.00")
    earnings = [line for line in slip["lines"] if line["kind"] == "earning"]
    assert [(line["code"], line["label_zh"], line["amount"]) for line in earnings] == [
        ("honours_retired", "离退休荣誉补贴", "500.00")]
    assert "正常退休" in earnings[0]["clause"] and earnings[0]["inputs"]["years_in_office"] == "22.00"
    assert not any(line["code"].startswith(("si_", "employer_", "housing_fund", "performance"))
                   for line in slip["lines"])
    central = (await client.get(f"/v1/runs/{run['id']}/payslips/r3", headers=headers)).json()
    assert central["gross"] == "600.00"
    assert (await client.get(f"/v1/runs/{run['id']}/payslips/r2", headers=headers)).status_code == 404


async def test_retiree_run_refused_when_the_scheme_has_no_retired_amounts(live, tokens, engine):
    client, app = live
    document = copy.deepcopy(nx_document())
    honours = next(c for c in document["components"] if c["type"] == "honours")
    honours.pop("retired_amounts"), honours.pop("retired_clause")
    await install_scheme(engine, COUNTY, document)  # the county's own scheme: in-service amounts only
    headers = tokens.headers("county_officer", COUNTY)
    response = await start_retiree_run(client, headers)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "scheme_has_no_retired_amounts"
    assert "retired_amounts" in problem["detail"] or "retired_amounts" in str(problem)
    assert app.state.run_queue.enqueued == []
    # The monthly run of the same scheme is not affected.
    monthly = await client.post("/v1/runs", json={"region_code": COUNTY, "month": "2025-03"}, headers=headers)
    assert monthly.status_code == 201, monthly.text
