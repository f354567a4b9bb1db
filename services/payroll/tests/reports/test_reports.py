"""工资表 (.xlsx), budget by fiscal level / county / component, pay level against reference figures."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import execute_run

from ..runs.support import COMMUNITY_B, COUNTY, TOWNSHIP_A, TOWNSHIP_B, worker


async def county_run(client, tokens, engine, *, approve=False):
    response = await client.post("/v1/runs", json={"region_code": COUNTY, "month": "2025-01"},
                                 headers=tokens.headers("county_officer", COUNTY))
    run_id = response.json()["id"]
    facts = [worker("w1"), worker("w2", certificate={"level": "social_worker", "approved_on": "2024-05-01"}),
             worker("w3", COMMUNITY_B)]
    assert await execute_run(engine, run_id, StaticInputSource(facts)) == "succeeded"
    if approve:
        assert (await client.post(f"/v1/runs/{run_id}/approve",
                                  headers=tokens.headers("finance_officer", COUNTY))).status_code == 200
    return run_id


async def test_payroll_sheet_has_a_sheet_per_township_with_totals(live, tokens, engine):
    client, _ = live
    run_id = await county_run(client, tokens, engine)
    response = await client.get(f"/v1/runs/{run_id}/reports/payroll.xlsx",
                                headers=tokens.headers("county_officer", COUNTY))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [TOWNSHIP_A, TOWNSHIP_B]
    rows = list(book[TOWNSHIP_A].iter_rows(values_only=True))
    header = rows[1]
    assert header[:5] == ("序号", "工号", "姓名", "社区", "岗位")
    assert header.index("应发合计") < header.index("实发")
    w1, w2, total = rows[2], rows[3], rows[4]
    column = {name: i for i, name in enumerate(header)}
    assert (w1[1], w2[1]) == ("w1", "w2")
    assert Decimal(str(w1[column["基本薪酬"]])) == Decimal("4400.00")
    assert Decimal(str(w2[column["职业津贴"]])) == Decimal("300.00")  # 社会工作师
    assert Decimal(str(w1[column["应发合计"]])) == Decimal("5200.00")
    assert Decimal(str(w2[column["应发合计"]])) == Decimal("5500.00")
    assert total[0] == "合计" and Decimal(str(total[column["应发合计"]])) == Decimal("10700.00")
    # One township only, and another township's officer gets 404 for the county run.
    only_b = await client.get(f"/v1/runs/{run_id}/reports/payroll.xlsx?township={TOWNSHIP_B}",
                              headers=tokens.headers("county_officer", COUNTY))
    assert load_workbook(io.BytesIO(only_b.content)).sheetnames == [TOWNSHIP_B]
    assert (await client.get(f"/v1/runs/{run_id}/reports/payroll.xlsx",
                             headers=tokens.headers("township_officer", TOWNSHIP_B))).status_code == 404


async def test_budget_by_fiscal_level_county_and_component(live, tokens, engine):
    client, _ = live
    await county_run(client, tokens, engine)
    body = (await client.get("/v1/reports/budget?month=2025-01&region=99",
                             headers=tokens.headers("city_officer", "9901"))).json()
    (county,) = body["counties"]
    assert (county["county_code"], county["workers"], county["gross"]) == (COUNTY, 3, "15900.00")
    components = {c["code"]: c["amount"] for c in body["by_component"]}
    assert components["base"] == "13200.00" and components["certificate"] == "300.00"
    # Employer cost per 5200 worker: SI 23.4% = 1216.80, housing fund 12% = 624.00 → 1840.80; the 5500
    # worker: 1287.00 + 660.00 = 1947.00. Funding (default rule) 20/40/40 of gross + employer cost.
    assert county["employer_cost"] == "5628.60"
    levels = {lv["level"]: Decimal(lv["amount"]) for lv in body["by_fiscal_level"]}
    assert levels == {"region": Decimal("4305.72"), "city": Decimal("8611.44"), "county": Decimal("8611.44")}
    assert Decimal(body["total_cost"]) == sum(levels.values())
    # Outside the jurisdiction: 404; a narrower region inside it filters.
    assert (await client.get("/v1/reports/budget?month=2025-01&region=98",
                             headers=tokens.headers("city_officer", "9901"))).status_code == 404
    only_b = (await client.get(f"/v1/reports/budget?month=2025-01&region={TOWNSHIP_B}",
                               headers=tokens.headers("county_officer", COUNTY))).json()
    assert only_b["counties"][0]["gross"] == "5200.00"
    township = (await client.get("/v1/reports/budget?month=2025-01",
                                 headers=tokens.headers("township_officer", TOWNSHIP_A))).json()
    assert township["counties"][0]["workers"] == 2


async def test_pay_level_against_average_wage_and_disposable_income(live, tokens, engine):
    client, _ = live
    await county_run(client, tokens, engine, approve=True)
    body = (await client.get("/v1/reports/pay-level?year=2025&region=99",
                             headers=tokens.headers("provincial_admin", "99"))).json()
    (row,) = body["rows"]
    assert (row["region_code"], row["workers"]) == (COUNTY, 3)
    # (5200 + 5500 + 5200) / 3 = 5300.00 against 8000 → 0.6625; a year of one month against 40000.
    assert (row["average_monthly_pay"], row["average_wage_monthly"], row["average_wage_ratio"]) == (
        "5300.00", "8000.00", "0.6625")
    assert (row["annual_pay_per_worker"], row["disposable_income"], row["disposable_income_ratio"]) == (
        "5300.00", "40000.00", "0.1325")
