"""Who sees which payslip: officers inside their jurisdiction (404 outside), a worker only their own and
only once the run is approved."""

from __future__ import annotations

from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import execute_run

from ..runs.support import COMMUNITY_A, COMMUNITY_B, COUNTY, TOWNSHIP_A, TOWNSHIP_B, worker
from ..tax.support import install_registry


async def calculated_county_run(client, tokens, engine, month="2025-01"):
    response = await client.post("/v1/runs", json={"region_code": COUNTY, "month": month},
                                 headers=tokens.headers("county_officer", COUNTY))
    run_id = response.json()["id"]
    facts = [worker("w1"), worker("w2"), worker("w3", COMMUNITY_B)]
    assert await execute_run(engine, run_id, StaticInputSource(facts)) == "succeeded"
    return run_id


async def test_officer_listing_and_detail_are_jurisdiction_scoped(live, tokens, engine):
    client, _ = live
    run_id = await calculated_county_run(client, tokens, engine)
    county = tokens.headers("county_officer", COUNTY)
    page = (await client.get(f"/v1/runs/{run_id}/payslips", headers=county)).json()
    assert page["total"] == 3 and [p["worker_id"] for p in page["items"]] == ["w1", "w2", "w3"]
    narrowed = (await client.get(f"/v1/runs/{run_id}/payslips?region={TOWNSHIP_B}", headers=county)).json()
    assert [p["worker_id"] for p in narrowed["items"]] == ["w3"]
    # A township officer cannot open the county's run: 404 on the run, its payslips and one payslip.
    township = tokens.headers("township_officer", TOWNSHIP_A)
    assert (await client.get(f"/v1/runs/{run_id}/payslips", headers=township)).status_code == 404
    assert (await client.get(f"/v1/runs/{run_id}/payslips/w1", headers=township)).status_code == 404
    assert (await client.get(f"/v1/runs/{run_id}/payslips/nobody", headers=county)).status_code == 404
    # A worker has no business on the officers' endpoints.
    assert (await client.get(f"/v1/runs/{run_id}/payslips",
                             headers=tokens.headers("worker", COMMUNITY_A, worker_id="w1"))).status_code == 403


async def test_township_run_payslips_invisible_to_another_township(live, tokens, engine):
    client, _ = live
    response = await client.post("/v1/runs", json={"region_code": TOWNSHIP_A, "month": "2025-01"},
                                 headers=tokens.headers("township_officer", TOWNSHIP_A))
    run_id = response.json()["id"]
    assert await execute_run(engine, run_id, StaticInputSource([worker("w1"), worker("w3", COMMUNITY_B)])) == \
        "succeeded"
    own = (await client.get(f"/v1/runs/{run_id}/payslips", headers=tokens.headers("township_officer", TOWNSHIP_A)))
    assert [p["worker_id"] for p in own.json()["items"]] == ["w1"]  # w3 lives in township B: not in this run
    stranger = tokens.headers("township_officer", TOWNSHIP_B)
    assert (await client.get(f"/v1/runs/{run_id}/payslips", headers=stranger)).status_code == 404
    assert (await client.get(f"/v1/runs/{run_id}/payslips/w1", headers=stranger)).status_code == 404


async def test_worker_sees_only_own_payslips_and_only_after_approval(live, tokens, engine):
    client, _ = live
    run_id = await calculated_county_run(client, tokens, engine)
    me = tokens.headers("worker", COMMUNITY_A, worker_id="w1")
    # Calculated but not approved: not yet the worker's pay.
    assert (await client.get("/v1/me/payslips", headers=me)).json() == []
    assert (await client.get("/v1/me/payslips/2025-01", headers=me)).status_code == 404
    approved = await client.post(f"/v1/runs/{run_id}/approve", headers=tokens.headers("finance_officer", COUNTY))
    assert approved.status_code == 200
    mine = (await client.get("/v1/me/payslips", headers=me)).json()
    assert [(p["worker_id"], p["month"], p["net"]) for p in mine] == [("w1", "2025-01", "4030.00")]
    month = (await client.get("/v1/me/payslips/2025-01", headers=me)).json()
    (slip,) = month["payslips"]
    assert slip["worker_id"] == "w1" and slip["run_state"] == "approved"
    by_code = {line["code"]: line for line in slip["lines"]}
    assert by_code["si_pension"]["amount"] == "416.00" and by_code["si_pension"]["kind"] == "deduction"
    assert by_code["housing_fund"]["amount"] == "624.00"
    assert all(line["label_zh"] and line["label_en"] for line in slip["lines"])
    assert "formula" in by_code["si_pension"]["inputs"]
    # Another worker's month is simply absent for w1's token; officers' tokens cannot use /me.
    other = tokens.headers("worker", COMMUNITY_B, worker_id="w3")
    assert [p["worker_id"] for p in (await client.get("/v1/me/payslips", headers=other)).json()] == ["w3"]
    absent = await client.get("/v1/me/payslips/2025-02", headers=me)
    assert absent.status_code == 404 and absent.json()["code"] == "not_found"
    # Said to the worker as a month without a payslip, not in an officer's jurisdiction wording.
    assert absent.json()["message_zh"].startswith("2025-02 没有您的工资条") and "管辖" not in absent.json()["message_zh"]
    assert absent.json()["message_en"].startswith("you have no payslip for 2025-02")
    assert (await client.get("/v1/me/payslips", headers=tokens.headers("county_officer", COUNTY))).status_code == 403
    assert (await client.get("/v1/me/payslips/2025-1", headers=me)).status_code == 422


async def test_a_workers_payslips_for_officers_newest_first_inside_the_jurisdiction(live, tokens, engine):
    client, app = live
    await calculated_county_run(client, tokens, engine, month="2025-01")
    await calculated_county_run(client, tokens, engine, month="2025-02")
    own = tokens.headers("township_officer", TOWNSHIP_A)
    slips = (await client.get("/v1/workers/w1/payslips", headers=own)).json()
    assert [s["month"] for s in slips] == ["2025-02", "2025-01"]
    assert all(s["lines"] and s["run_state"] == "calculated" for s in slips)
    assert len((await client.get("/v1/workers/w1/payslips?months=1", headers=own)).json()) == 1
    # Another township's officer: the worker is outside the jurisdiction (the registry says so), 404 — not an
    # empty list; a worker may not use the officers' endpoint.
    install_registry(app)
    outside = await client.get("/v1/workers/w1/payslips", headers=tokens.headers("township_officer", TOWNSHIP_B))
    assert outside.status_code == 404 and outside.headers["content-type"].startswith("application/problem+json")
    assert (await client.get("/v1/workers/w1/payslips",
                             headers=tokens.headers("worker", COMMUNITY_A, worker_id="w1"))).status_code == 403
