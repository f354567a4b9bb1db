"""工资表 (.xlsx), budget by fiscal level / county / component, pay level against reference figures."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import httpx
from openpyxl import load_workbook
from sqlalchemy import text

from cwm_kit.http import ServiceClient, ServiceTokenSource

from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import execute_run

from ..runs.support import (COMMUNITY_A, COMMUNITY_B, COUNTY, TOWNSHIP_A, TOWNSHIP_B, install_scheme, nx_document,
                            worker)


async def county_run(client, tokens, engine, *, approve=False, overrides=None):
    response = await client.post("/v1/runs", json={"region_code": COUNTY, "month": "2025-01"},
                                 headers=tokens.headers("county_officer", COUNTY))
    run_id = response.json()["id"]
    overrides = overrides or {}
    facts = [worker("w1", **overrides.get("w1", {})),
             worker("w2", certificate={"level": "social_worker", "approved_on": "2024-05-01"}, **overrides.get("w2", {})),
             worker("w3", COMMUNITY_B, **overrides.get("w3", {}))]
    assert await execute_run(engine, run_id, StaticInputSource(facts)) == "succeeded"
    if approve:
        assert (await client.post(f"/v1/runs/{run_id}/approve",
                                  headers=tokens.headers("finance_officer", COUNTY))).status_code == 200
    return run_id


IDS = {"w1": ("640104199001011234", "6228480402564890018"), "w2": ("640104198502023456", "6217000010001234567"),
       "w3": ("640104197703037890", "6228480402564890026")}
COMMUNITY = {"w1": COMMUNITY_A, "w2": COMMUNITY_A, "w3": COMMUNITY_B}
NAMES = {TOWNSHIP_A: "甲街道", TOWNSHIP_B: "乙街道", COMMUNITY_A: "甲一社区", COMMUNITY_B: "乙一社区", COUNTY: "测试县"}


def install_registry(app) -> None:
    """The registry as the 工资表 reads it: worker facts (full IDs and accounts to payroll's service token),
    the region names, and single workers for the one-off items."""
    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/v1/auth/token":
            return httpx.Response(200, json={"access_token": "service-token", "expires_in": 600})
        if path == "/v1/workers/facts":
            lines = [json.dumps({"worker_id": w, "name": f"工作者{w}", "community_code": COMMUNITY[w],
                                 "national_id": nid, "bank_name": "中国农业银行", "bank_branch": "兴庆支行",
                                 "bank_account": account}, ensure_ascii=False) for w, (nid, account) in IDS.items()]
            return httpx.Response(200, text="\n".join(lines) + "\n")
        if path == "/v1/regions":
            level = request.url.params["level"]
            size = {"township": 9, "community": 12}[level]
            return httpx.Response(200, json=[{"code": c, "name": n} for c, n in NAMES.items() if len(c) == size])
        worker_id = path.rsplit("/", 1)[-1]
        return httpx.Response(200, json={"id": worker_id, "name": f"工作者{worker_id}",
                                         "community_code": COMMUNITY.get(worker_id, COMMUNITY_A)})

    transport = httpx.MockTransport(handler)
    tokens = ServiceTokenSource("http://registry.test", "payroll", "secret", transport=transport)
    app.state.grade_registry_client = ServiceClient("http://registry.test", token_source=tokens, transport=transport)


def money_of(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


async def test_payroll_sheet_names_ids_accounts_every_kind_of_line_totals_and_signature(live, tokens, engine):
    client, app = live
    install_registry(app)
    county = tokens.headers("county_officer", COUNTY)
    town_a = tokens.headers("township_officer", TOWNSHIP_A)
    town_b = tokens.headers("township_officer", TOWNSHIP_B)
    try:
        await create_one_off_items(client, town_a, town_b)
        run_id = await county_run(client, tokens, engine, overrides={"w2": {"post_label_zh": "专职社区工作者（目录）"}})
        response = await client.get(f"/v1/runs/{run_id}/reports/payroll.xlsx", headers=county)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
        book = load_workbook(io.BytesIO(response.content))
        assert book.sheetnames == ["汇总", "甲街道", "乙街道"]
        sheet = book["甲街道"]
        col = assert_township_a(sheet)
        assert_township_b_and_summary(book, col)
        run = (await client.get(f"/v1/runs/{run_id}", headers=county)).json()
        assert (run["gross_total"], run["net_total"]) == ("18100.00", "13979.60")
        assert_printable(sheet, col)

        await assert_own_township_sees_full_ids(client, engine, town_a)
        # One township only, and another township's officer gets 404 for the county run.
        only_b = await client.get(f"/v1/runs/{run_id}/reports/payroll.xlsx?township={TOWNSHIP_B}", headers=county)
        assert load_workbook(io.BytesIO(only_b.content)).sheetnames == ["汇总", "乙街道"]
        assert (await client.get(f"/v1/runs/{run_id}/reports/payroll.xlsx", headers=town_b)).status_code == 404
    finally:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM one_off_item WHERE region_code LIKE '99%'"))


async def create_one_off_items(client, town_a, town_b) -> None:
    # One-off items: two heating items of w1 (one column), an advance repaid by w2, a recovery from w3.
    for headers, body in [(town_a, {"worker_id": "w1", "kind": "heating", "amount": "1200.00"}),
                          (town_a, {"worker_id": "w1", "kind": "heating", "amount": "1200.00"}),
                          (town_a, {"worker_id": "w2", "kind": "advance_repayment", "amount": "500.00"}),
                          (town_b, {"worker_id": "w3", "kind": "recovery", "amount": "200.00"})]:
        created = await client.post("/v1/one-off-items", headers=headers,
                                    json={**body, "month": "2025-01", "basis": "测试依据"})
        assert created.status_code == 201, created.text


def assert_township_a(sheet) -> dict[str, int]:
    """甲街道's title, header, rows, amounts and totals; returns the column of each header."""
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "甲街道 2025-01 社区工作者工资表"
    header = list(rows[1])
    assert header[:8] == ["序号", "姓名", "身份证号", "社区", "岗位", "等级", "开户银行", "银行账号"]
    assert header[-2:] == ["签字", "人员编号"]
    # One column per kind: the two heating items share one; the advance repaid is a deduction column.
    for label in ("基本薪酬", "岗位等级薪酬", "取暖费", "补扣工资", "应发合计", "个人养老保险", "个人住房公积金",
                  "个人所得税", "扣回借支（预支工资）", "扣款合计", "实发合计"):
        assert header.count(label) == 1, (label, header)
    assert header.index("取暖费") < header.index("应发合计") < header.index("扣回借支（预支工资）") < \
        header.index("实发合计") < header.index("签字")
    col = {name: i for i, name in enumerate(header)}
    w1, w2, total = rows[2], rows[3], rows[4]
    # The county officer sees IDs and accounts masked, as on the worker record.
    assert w1[:8] == (1, "工作者w1", "6401**********1234", "甲一社区", "专职工作人员", "1级",
                      "中国农业银行 兴庆支行", "***************0018")
    assert (w2[1], w2[4], w2[-1]) == ("工作者w2", "专职社区工作者（目录）", "w2")
    # w1: 5200.00 + heating 2 × 1200.00 = 7600.00; SI on 5200: 416.00 + 104.00 + 26.00, housing fund 624.00,
    # tax (7600 − 5000 − 1170) × 3% = 42.90 → deductions 1212.90, net 6387.10.
    assert money_of(w1[col["取暖费"]]) == Decimal("2400.00")
    assert [money_of(w1[col[c]]) for c in ("应发合计", "个人养老保险", "个人住房公积金", "个人所得税",
                                             "扣款合计", "实发合计")] == [
        Decimal("7600.00"), Decimal("416.00"), Decimal("624.00"), Decimal("42.90"), Decimal("1212.90"),
        Decimal("6387.10")]
    # w2: 5500.00 (社会工作师 +300); SI 440.00 + 110.00 + 27.50, housing fund 660.00, no tax, advance 500.00
    # → deductions 1737.50, net 3762.50.
    assert [money_of(w2[col[c]]) for c in ("职业津贴", "应发合计", "扣回借支（预支工资）", "扣款合计", "实发合计")] == [
        Decimal("300.00"), Decimal("5500.00"), Decimal("500.00"), Decimal("1737.50"), Decimal("3762.50")]
    assert w1[col["签字"]] in (None, "")
    # Township totals to the fen.
    assert (total[0], total[1]) == ("合计", "2 人")
    assert [money_of(total[col[c]]) for c in ("取暖费", "应发合计", "个人养老保险", "个人所得税", "扣款合计",
                                                "实发合计")] == [
        Decimal("2400.00"), Decimal("13100.00"), Decimal("856.00"), Decimal("42.90"), Decimal("2950.40"),
        Decimal("10149.60")]
    return col


def assert_township_b_and_summary(book, col: dict[str, int]) -> None:
    # w3 (乙街道): 5200.00 − recovery 200.00 = 5000.00; deductions 1170.00; net 3830.00.
    b_rows = list(book["乙街道"].iter_rows(values_only=True))
    assert money_of(b_rows[2][col["补扣工资"]]) == Decimal("-200.00")
    assert [money_of(b_rows[3][col[c]]) for c in ("应发合计", "扣款合计", "实发合计")] == [
        Decimal("5000.00"), Decimal("1170.00"), Decimal("3830.00")]
    # 汇总: one row per township and the overall total, equal to the run's totals.
    summary = list(book["汇总"].iter_rows(values_only=True))
    s_col = {name: i for i, name in enumerate(summary[1])}
    assert summary[1][:3] == ("序号", "街道（乡镇）", "人数")
    assert [(r[1], r[2], money_of(r[s_col["实发合计"]])) for r in summary[2:4]] == [
        ("甲街道", 2, Decimal("10149.60")), ("乙街道", 1, Decimal("3830.00"))]
    overall = summary[4]
    assert (overall[0], overall[2]) == ("总计", 3)
    assert [money_of(overall[s_col[c]]) for c in ("应发合计", "扣款合计", "实发合计")] == [
        Decimal("18100.00"), Decimal("4120.40"), Decimal("13979.60")]


def assert_printable(sheet, col: dict[str, int]) -> None:
    # Opens cleanly: money as numbers formatted 0.00, header frozen and printed on every page, widths set.
    assert sheet.freeze_panes == "C3"
    assert sheet.cell(row=3, column=col["实发合计"] + 1).number_format == "0.00"
    assert sheet.column_dimensions["C"].width >= 20 and sheet.column_dimensions["H"].width >= 20
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.page_setup.orientation == "landscape"


async def assert_own_township_sees_full_ids(client, engine, town_a) -> None:
    # The township's HR officer sees full IDs and accounts on their own township's run.
    own_run = (await client.post("/v1/runs", json={"region_code": TOWNSHIP_A, "month": "2025-02"},
                                 headers=town_a)).json()["id"]
    assert await execute_run(engine, own_run, StaticInputSource([worker("w1")])) == "succeeded"
    own = load_workbook(io.BytesIO((await client.get(f"/v1/runs/{own_run}/reports/payroll.xlsx",
                                                     headers=town_a)).content))
    assert own.sheetnames == ["汇总", "甲街道"]
    first = list(own["甲街道"].iter_rows(values_only=True))[2]
    assert (first[2], first[7]) == IDS["w1"]


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
    # On top of the pay total (this scheme): nothing inside, the pay total is 应发.
    assert (county["pay_total"], county["contributions_inside"]) == ("15900.00", "0.00")
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


async def test_budget_funding_and_pay_level_follow_the_pay_total_switch(live, tokens, engine):
    # The county's own scheme is the NX preset as shipped: the employer's 五险一金 inside the pay total (NX
    # 「薪酬(含“五险一金”)」). Pay totals as above: 5200.00, 5500.00 (certificate), 5200.00 = 15900.00.
    await install_scheme(engine, COUNTY, nx_document("inside"))
    client, _ = live
    await county_run(client, tokens, engine, approve=True)
    body = (await client.get("/v1/reports/budget?month=2025-01&region=99",
                             headers=tokens.headers("city_officer", "9901"))).json()
    (county,) = body["counties"]
    # Employer per 5200.00: SI 23.4% 1216.80 + HF 12% 624.00 = 1840.80; per 5500.00: 1287.00 + 660.00 = 1947.00
    # → 5628.60 in all, taken out of the total: 应发 3359.20 + 3553.00 + 3359.20 = 10271.40.
    assert (county["pay_total"], county["contributions_inside"], county["employer_cost"], county["gross"]) == (
        "15900.00", "5628.60", "5628.60", "10271.40")
    components = {c["code"]: c["amount"] for c in body["by_component"]}
    assert components["employer_contributions_inside"] == "-5628.60"
    # The cost is the pay total itself (10271.40 + 5628.60), not 15900.00 + 5628.60 = 21528.60 as on top.
    assert (body["total_pay"], body["contributions_inside"], body["total_cost"]) == ("15900.00", "5628.60",
                                                                                      "15900.00")
    # Funding 20/40/40 of each worker's cost = pay total: 5200.00 → 1040.00/2080.00/2080.00 (twice), 5500.00
    # → 1100.00/2200.00/2200.00: region 3180.00, city 6360.00, county 6360.00.
    levels = {lv["level"]: Decimal(lv["amount"]) for lv in body["by_fiscal_level"]}
    assert levels == {"region": Decimal("3180.00"), "city": Decimal("6360.00"), "county": Decimal("6360.00")}
    # Pay level compares the pay total (含五险一金) with the average wage, as with contributions on top below.
    (row,) = (await client.get("/v1/reports/pay-level?year=2025&region=99",
                               headers=tokens.headers("provincial_admin", "99"))).json()["rows"]
    assert (row["average_monthly_pay"], row["average_wage_ratio"]) == ("5300.00", "0.6625")


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


async def test_a_township_officer_reports_only_on_their_township(live, tokens, engine):
    # ADR 0001's one jurisdiction rule (the kit's Principal.region_filter) in the raw report queries: township
    # B's officer sees w3 (5200.00) only, never township A's w1 and w2, and asking for A is a 404.
    client, _ = live
    await county_run(client, tokens, engine, approve=True)
    town_b = tokens.headers("township_officer", TOWNSHIP_B)
    assert (await client.get(f"/v1/reports/budget?month=2025-01&region={TOWNSHIP_A}",
                             headers=town_b)).status_code == 404
    assert (await client.get(f"/v1/reports/pay-level?year=2025&region={TOWNSHIP_A}",
                             headers=town_b)).status_code == 404
    (county,) = (await client.get("/v1/reports/budget?month=2025-01", headers=town_b)).json()["counties"]
    assert (county["workers"], county["gross"]) == (1, "5200.00")
    rows = (await client.get("/v1/reports/pay-level?year=2025&group_by=township", headers=town_b)).json()["rows"]
    assert [(r["region_code"], r["workers"]) for r in rows] == [(TOWNSHIP_B, 1)]
    # The province sees both townships: the filter above is the jurisdiction, not an empty result.
    rows = (await client.get("/v1/reports/pay-level?year=2025&group_by=township",
                             headers=tokens.headers("provincial_admin", "99"))).json()["rows"]
    assert [(r["region_code"], r["workers"]) for r in rows] == [(TOWNSHIP_A, 2), (TOWNSHIP_B, 1)]

