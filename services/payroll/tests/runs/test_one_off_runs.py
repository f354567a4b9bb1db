"""A run of kind `one-off` (issue 12: one-off items are paid "in that month's run or in a separate run of kind
one-off"): it pays the month's one-off items that no other run pays, alone on the payslip — no base, allowances,
social insurance or housing fund — with income tax withheld cumulatively over every payslip of the year. Each item
is paid once: the monthly run leaves out the items a one-off run carries and the other way round, and an item an
approved run paid is locked."""

from __future__ import annotations

from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import execute_run
from sqlalchemy import text

from .support import COMMUNITY_A, COMMUNITY_B, COUNTY, remove_declarations_and_items, worker


async def item(engine, worker_id: str, month: str, amount: str, community: str = COMMUNITY_A) -> int:
    """A taxable 取暖费 (heating allowance) of `amount` for the worker and month; its id."""
    async with engine.begin() as connection:
        return (await connection.execute(text(
            "INSERT INTO one_off_item (worker_id, worker_name, region_code, month, kind, label_zh, amount, taxable, "
            "basis, source, created_by) VALUES (:w, :n, :r, :m, 'heating', '取暖费', CAST(:a AS numeric), true, "
            "'测试依据', 'officer', 'payroll-runs-test') RETURNING id"),
            {"w": worker_id, "n": f"工作者{worker_id}", "r": community, "m": month, "a": amount})).scalar_one()


async def start(client, tokens, month: str, kind: str) -> dict:
    response = await client.post("/v1/runs", json={"region_code": COUNTY, "month": month, "kind": kind},
                                 headers=tokens.headers("county_officer", COUNTY))
    assert response.status_code == 201, response.text
    return response.json()


async def calculate(client, tokens, engine, month: str, kind: str, source) -> str:
    run_id = (await start(client, tokens, month, kind))["id"]
    assert await execute_run(engine, run_id, source) == "succeeded"
    return run_id


async def approve(client, tokens, run_id: str) -> None:
    response = await client.post(f"/v1/runs/{run_id}/approve", headers=tokens.headers("finance_officer", COUNTY))
    assert response.status_code == 200, response.text


async def payslip(client, tokens, run_id: str, worker_id: str):
    response = await client.get(f"/v1/runs/{run_id}/payslips/{worker_id}",
                                headers=tokens.headers("county_officer", COUNTY))
    return response.json() if response.status_code == 200 else response.status_code


def codes(slip) -> list[str]:
    """The payslip's line codes but the funding split (funding_region, _city, _county)."""
    return [line["code"] for line in slip["lines"] if not line["code"].startswith("funding_")]


async def test_a_one_off_run_pays_the_items_alone_and_the_monthly_run_leaves_them_out(live, tokens, engine):
    client, _ = live
    source = StaticInputSource([worker("w1"), worker("w2", community=COMMUNITY_B)])
    try:
        heating = await item(engine, "w1", "2025-01", "8000")
        one_off = await calculate(client, tokens, engine, "2025-01", "one-off", source)
        run = (await client.get(f"/v1/runs/{one_off}", headers=tokens.headers("county_officer", COUNTY))).json()
        assert (run["kind"], run["worker_count"], run["gross_total"]) == ("one-off", 1, "8000.00")
        assert await payslip(client, tokens, one_off, "w2") == 404  # no item: no payslip
        slip = await payslip(client, tokens, one_off, "w1")
        assert codes(slip) == ["one_off_run", f"one_off_{heating}", "income_tax"]
        assert slip["lines"][0]["label_zh"] == "一次性项目单独发放（当月工资见月度批次）"
        # The item alone, the first payslip of January, so it takes the month's basic deduction:
        # 8000 − 5000 = 3000.00 × 3% = 90.00; net 8000 − 90 = 7910.00.
        assert (slip["gross"], slip["social_insurance"], slip["housing_fund"], slip["tax"], slip["net"]) == (
            "8000.00", "0.00", "0.00", "90.00", "7910.00")

        monthly = await calculate(client, tokens, engine, "2025-01", "monthly", source)
        slip = await payslip(client, tokens, monthly, "w1")
        assert not [c for c in codes(slip) if c.startswith("one_off_")]  # paid by the one-off run
        # 5200.00 gross; social insurance 546.00 and housing fund 624.00. Cumulative: income 8000 + 5200 = 13200 −
        # basic 5000 (once for January, taken by the one-off payslip) − 1170 = 7030.00 × 3% = 210.90 − 90.00 withheld
        # = 120.90; net 5200 − 546 − 624 − 120.90 = 3909.10.
        assert (slip["gross"], slip["tax"], slip["net"]) == ("5200.00", "120.90", "3909.10")
        # w2: 5200 − 5000 − 1170 < 0: no tax.
        assert (await payslip(client, tokens, monthly, "w2"))["tax"] == "0.00"

        # Recalculating the one-off run finds the item where it was: still its own, the same figures.
        again = await client.post(f"/v1/runs/{one_off}/recalculate", headers=tokens.headers("county_officer", COUNTY))
        assert again.status_code == 202, again.text
        assert await execute_run(engine, one_off, source) == "succeeded"
        assert (await payslip(client, tokens, one_off, "w1"))["net"] == "7910.00"
    finally:
        await remove_declarations_and_items(engine)


async def test_a_one_off_run_pays_only_what_the_monthly_run_does_not(live, tokens, engine):
    client, _ = live
    source = StaticInputSource([worker("w1"), worker("w2", community=COMMUNITY_B)])
    headers = tokens.headers("county_officer", COUNTY)
    try:
        first = await item(engine, "w1", "2025-02", "1000")
        monthly = await calculate(client, tokens, engine, "2025-02", "monthly", source)
        assert f"one_off_{first}" in codes(await payslip(client, tokens, monthly, "w1"))
        later = await item(engine, "w2", "2025-02", "600", community=COMMUNITY_B)  # entered after the monthly run
        one_off = await calculate(client, tokens, engine, "2025-02", "one-off", source)
        assert await payslip(client, tokens, one_off, "w1") == 404  # its item is on the monthly payslip
        slip = await payslip(client, tokens, one_off, "w2")
        assert codes(slip) == ["one_off_run", f"one_off_{later}", "income_tax"]
        # The monthly payslip took February's basic deduction: 5200 + 600 − 5000 − 1170 = −370 → 0 tax.
        assert (slip["gross"], slip["tax"], slip["net"]) == ("600.00", "0.00", "600.00")

        await approve(client, tokens, one_off)
        listed = (await client.get("/v1/one-off-items", params={"month": "2025-02"}, headers=headers)).json()
        paid_by = {i["id"]: i["paid_by"] and (i["paid_by"]["run_id"], i["paid_by"]["kind"], i["paid_by"]["state"])
                   for i in listed}
        assert paid_by == {first: (monthly, "monthly", "calculated"), later: (one_off, "one-off", "approved")}
        # The paid item is locked: neither corrected nor removed, and left as it was.
        body = {"amount": "700.00", "taxable": True, "basis": "更正"}
        changed = await client.put(f"/v1/one-off-items/{later}", json=body, headers=headers)
        assert changed.status_code == 409 and changed.json()["code"] == "one_off_item_paid", changed.text
        assert changed.headers["content-type"].startswith("application/problem+json")
        removed = await client.delete(f"/v1/one-off-items/{later}", headers=headers)
        assert removed.status_code == 409 and removed.json()["code"] == "one_off_item_paid"
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT amount FROM one_off_item WHERE id = :i"),
                                             {"i": later})).scalar_one() == 600
        # An item of the calculated (not approved) monthly run can still be corrected.
        assert (await client.put(f"/v1/one-off-items/{first}", json=body, headers=headers)).status_code == 200

        # Recalculating the monthly run leaves out the item the approved one-off run paid.
        again = await client.post(f"/v1/runs/{monthly}/recalculate", headers=headers)
        assert again.status_code == 202, again.text
        assert await execute_run(engine, monthly, source) == "succeeded"
        assert not [c for c in codes(await payslip(client, tokens, monthly, "w2")) if c.startswith("one_off_")]
        w1 = await payslip(client, tokens, monthly, "w1")
        assert [line["amount"] for line in w1["lines"] if line["code"] == f"one_off_{first}"] == ["700.00"]
    finally:
        await remove_declarations_and_items(engine)


async def test_a_one_off_run_pays_a_worker_who_left(live, tokens, engine):
    client, _ = live
    leaver = worker("w3", status="resigned", exit_date="2025-05-01", exit_reason="个人原因")
    source = StaticInputSource([leaver, worker("w1")])
    try:
        heating = await item(engine, "w3", "2025-06", "2000")
        one_off = await calculate(client, tokens, engine, "2025-06", "one-off", source)
        slip = await payslip(client, tokens, one_off, "w3")
        assert codes(slip) == ["former_worker", f"one_off_{heating}", "income_tax"]
        # Not employed in June: no basic deduction for the month, nothing earlier this year in the runs:
        # 2000.00 × 3% = 60.00; net 1940.00.
        assert (slip["gross"], slip["tax"], slip["net"]) == ("2000.00", "60.00", "1940.00")
        assert await payslip(client, tokens, one_off, "w1") == 404
    finally:
        await remove_declarations_and_items(engine)


async def test_the_run_kind_is_checked(live, tokens):
    client, _ = live
    headers = tokens.headers("county_officer", COUNTY)
    alias = await client.post("/v1/runs", json={"region_code": COUNTY, "month": "2025-03", "kind": "one_off"},
                              headers=headers)
    assert alias.status_code == 201 and alias.json()["kind"] == "one-off", alias.text
    unknown = await client.post("/v1/runs", json={"region_code": COUNTY, "month": "2025-03", "kind": "bonus"},
                                headers=headers)
    assert unknown.status_code == 422 and unknown.headers["content-type"].startswith("application/problem+json")
    assert "kind" in unknown.text


async def test_a_run_is_not_approved_while_items_changed_after_its_calculation(live, tokens, engine):
    """Once the monthly run is approved the month is closed to items: one entered (or corrected, or removed) after
    the run was calculated would never be paid as it is, so approval waits for a recalculation."""
    client, _ = live
    source = StaticInputSource([worker("w1")])
    headers = tokens.headers("county_officer", COUNTY)
    finance = tokens.headers("finance_officer", COUNTY)
    try:
        monthly = await calculate(client, tokens, engine, "2025-04", "monthly", source)
        late = await item(engine, "w1", "2025-04", "300")  # entered after the calculation
        refused = await client.post(f"/v1/runs/{monthly}/approve", headers=finance)
        assert refused.status_code == 409 and refused.json()["code"] == "run_outdated", refused.text
        assert refused.json()["changed_items"] == 1 and "一次性项目" in refused.json()["message_zh"]

        again = await client.post(f"/v1/runs/{monthly}/recalculate", headers=headers)
        assert again.status_code == 202, again.text
        assert await execute_run(engine, monthly, source) == "succeeded"
        assert f"one_off_{late}" in codes(await payslip(client, tokens, monthly, "w1"))
        # Removed after the recalculation: the payslip would pay an item that no longer exists.
        assert (await client.delete(f"/v1/one-off-items/{late}", headers=headers)).status_code == 204
        refused = await client.post(f"/v1/runs/{monthly}/approve", headers=finance)
        assert refused.status_code == 409 and refused.json()["code"] == "run_outdated", refused.text

        again = await client.post(f"/v1/runs/{monthly}/recalculate", headers=headers)
        assert again.status_code == 202, again.text
        assert await execute_run(engine, monthly, source) == "succeeded"
        assert not [c for c in codes(await payslip(client, tokens, monthly, "w1")) if c.startswith("one_off_")]
        await approve(client, tokens, monthly)
    finally:
        await remove_declarations_and_items(engine)
