"""The bank file (代发文件), marking paid with its checksum, the withholding declaration (正常工资薪金所得)
and the annual summary, from an approved run; ID numbers and accounts come from the registry's facts."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from decimal import Decimal

import httpx
from openpyxl import load_workbook

from cwm_kit.http import ServiceClient, ServiceTokenSource

from payroll.exports.service import WITHHOLDING_COLUMNS
from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import execute_run

from ..runs.support import COMMUNITY_A, COUNTY, TOWNSHIP_A, TOWNSHIP_B, worker
from ..runs.support import remove_declarations_and_items as _cleanup

IDS = {"w1": ("640104199001011234", "6228480402564890018"), "w2": ("640104198502023456", "6217000010001234567")}


def install_registry(app, *, accounts: bool = True) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/auth/token":
            return httpx.Response(200, json={"access_token": "service-token", "expires_in": 600})
        if request.url.path == "/v1/workers/facts":
            assert request.headers["authorization"] == "Bearer service-token"
            lines = [json.dumps({"worker_id": w, "name": f"工作者{w}", "community_code": COMMUNITY_A,
                                 "national_id": nid, "bank_name": "中国农业银行", "bank_branch": "银川兴庆支行",
                                 "bank_account": account if accounts else None}, ensure_ascii=False)
                     for w, (nid, account) in IDS.items()]
            return httpx.Response(200, text="\n".join(lines) + "\n")
        worker_id = request.url.path.rsplit("/", 1)[-1]
        return httpx.Response(200, json={"id": worker_id, "name": f"工作者{worker_id}", "community_code": COMMUNITY_A})

    transport = httpx.MockTransport(handler)
    tokens = ServiceTokenSource("http://registry.test", "payroll", "secret", transport=transport)
    app.state.grade_registry_client = ServiceClient("http://registry.test", token_source=tokens, transport=transport)


async def approved_run(client, tokens, engine, workers=None):
    town = tokens.headers("township_officer", TOWNSHIP_A)
    await client.post("/v1/one-off-items", headers=town, json={
        "worker_id": "w1", "month": "2025-01", "kind": "heating", "amount": "2400.00", "basis": "采暖季通知"})
    await client.post("/v1/workers/w2/tax-declarations", headers=town, json={
        "kind": "housing_rent", "variant": "tier1", "amount": "1500.00", "start_month": "2025-01", "basis": "租赁合同"})
    run = await client.post("/v1/runs", json={"region_code": COUNTY, "month": "2025-01"},
                            headers=tokens.headers("county_officer", COUNTY))
    run_id = run.json()["id"]
    assert await execute_run(engine, run_id, StaticInputSource(workers or [worker("w1"), worker("w2")])) == "succeeded"
    return run_id


async def test_bank_file_totals_the_run_and_paying_checks_its_checksum(live, tokens, engine):
    client, app = live
    install_registry(app)
    try:
        run_id = await approved_run(client, tokens, engine)
        finance = tokens.headers("finance_officer", COUNTY, subject="approver")
        sender = tokens.headers("finance_officer", COUNTY, subject="sender")
        # Not before approval.
        assert (await client.get(f"/v1/runs/{run_id}/bank-file", headers=finance)).status_code == 409
        assert (await client.post(f"/v1/runs/{run_id}/approve", headers=finance)).status_code == 200
        # Only finance officers export full accounts.
        assert (await client.get(f"/v1/runs/{run_id}/bank-file",
                                 headers=tokens.headers("county_officer", COUNTY))).status_code == 403
        response = await client.get(f"/v1/runs/{run_id}/bank-file", headers=sender)
        assert response.status_code == 200, response.text
        checksum = response.headers["x-checksum-sha256"]
        assert checksum == hashlib.sha256(response.content).hexdigest()
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert rows[0][:4] == ("序号", "姓名", "账号", "金额")
        # w1: 7600.00 − 546.00 − 624.00 − 42.90 = 6387.10; w2: 7600.00 − 1170.00 − 0 (rent) = 6430.00? no heating
        # for w2 here: 5200.00 − 546.00 − 624.00 = 4030.00. Total 6387.10 + 4030.00 = 10417.10 = the run's net.
        assert rows[1][1:4] == ("工作者w1", IDS["w1"][1], "6387.10")
        assert rows[2][1:4] == ("工作者w2", IDS["w2"][1], "4030.00")
        assert rows[3][0] == "合计" and rows[3][3] == "10417.10"
        run = (await client.get(f"/v1/runs/{run_id}", headers=finance)).json()
        assert run["net_total"] == "10417.10" and run["bank_file_sha256"] == checksum
        # CSV: the same rows, UTF-8 with a BOM; generating it becomes the run's file.
        as_csv = await client.get(f"/v1/runs/{run_id}/bank-file?format=csv", headers=sender)
        table = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
        assert table[-1][:4] == ["合计", "2 人", "", "10417.10"]
        # A checksum of another file is refused; the file last generated is accepted and kept.
        wrong = await client.post(f"/v1/runs/{run_id}/pay", headers=sender, json={"bank_file_sha256": checksum})
        assert wrong.status_code == 409 and wrong.json()["code"] == "bank_file_mismatch"
        paid = await client.post(f"/v1/runs/{run_id}/pay", headers=sender,
                                 json={"bank_file_sha256": as_csv.headers["x-checksum-sha256"]})
        assert paid.status_code == 200, paid.text
        assert (paid.json()["state"], paid.json()["paid_by"], paid.json()["bank_file_by"]) == ("paid", "sender",
                                                                                               "sender")
    finally:
        await _cleanup(engine)


async def test_a_negative_net_is_owed_back_not_paid(live, tokens, engine):
    """w2 is hired on 30 January: two days' pay, a whole month's contributions. The bank file pays w1 alone,
    and the run's net total (w1 + w2's negative net) plus w2's shortfall is what it pays."""
    client, app = live
    install_registry(app)
    late = {"hired_on": "2025-01-30", "post_since": "2025-01-30",
            "post_history": [{"post": "nx_staff", "from": "2025-01-30", "to": None}],
            "counted_service": [{"from": "1978-01-01", "to": None, "scope": "64",
                                 "runs": [{"start": "2025-01-30", "end": None}]}]}
    try:
        run_id = await approved_run(client, tokens, engine, [worker("w1"), worker("w2", **late)])
        finance = tokens.headers("finance_officer", COUNTY, subject="approver")
        sender = tokens.headers("finance_officer", COUNTY, subject="sender")
        assert (await client.post(f"/v1/runs/{run_id}/approve", headers=finance)).status_code == 200
        slips = (await client.get(f"/v1/runs/{run_id}/payslips", headers=finance)).json()["items"]
        w2 = next(s for s in slips if s["worker_id"] == "w2")
        # 2/31 of 5200.00 by line: base 4400 → 283.87, grade 300 → 19.35, star 300 → 19.35, education 200 →
        # 12.90: 335.47 gross, less a whole month's 546.00 social insurance and 624.00 housing fund: −834.53.
        assert (w2["gross"], w2["net"]) == ("335.47", "-834.53")
        detail = (await client.get(f"/v1/runs/{run_id}/payslips/w2", headers=finance)).json()
        assert [line["amount"] for line in detail["lines"] if line["code"] == "net_shortfall"] == ["834.53"]
        response = await client.get(f"/v1/runs/{run_id}/bank-file", headers=sender)
        assert response.status_code == 200, response.text  # was a 500 (bank_file_total)
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert [r[1:4] for r in rows[1:]] == [("工作者w1", IDS["w1"][1], "6387.10"), ("1 人", None, "6387.10")]
        run = (await client.get(f"/v1/runs/{run_id}", headers=finance)).json()
        assert run["net_total"] == "5552.57"  # 6387.10 − 834.53
    finally:
        await _cleanup(engine)


async def test_missing_account_blocks_the_bank_file(live, tokens, engine):
    client, app = live
    install_registry(app, accounts=False)
    try:
        run_id = await approved_run(client, tokens, engine)
        finance = tokens.headers("finance_officer", COUNTY)
        await client.post(f"/v1/runs/{run_id}/approve", headers=finance)
        response = await client.get(f"/v1/runs/{run_id}/bank-file", headers=finance)
        assert response.status_code == 409 and response.json()["worker_ids"] == ["w1", "w2"]
    finally:
        await _cleanup(engine)


async def test_withholding_declaration_column_by_column_and_annual_summary(live, tokens, engine):
    client, app = live
    install_registry(app)
    try:
        run_id = await approved_run(client, tokens, engine)
        finance = tokens.headers("finance_officer", COUNTY)
        await client.post(f"/v1/runs/{run_id}/approve", headers=finance)
        response = await client.get("/v1/reports/withholding.xlsx?month=2025-01", headers=finance)
        assert response.status_code == 200, response.text
        book = load_workbook(io.BytesIO(response.content))
        assert book.sheetnames == ["正常工资薪金所得"]
        rows = list(book.active.iter_rows(values_only=True))
        assert rows[0] == WITHHOLDING_COLUMNS
        assert rows[0][:6] == ("工号", "*姓名", "*证件类型", "*证件号码", "本期收入", "本期免税收入")
        w1 = dict(zip(rows[0], rows[1]))
        w2 = dict(zip(rows[0], rows[2]))
        assert (w1["工号"], w1["*姓名"], w1["*证件类型"], w1["*证件号码"]) == ("w1", "工作者w1", "居民身份证",
                                                                          IDS["w1"][0])
        # 5200.00 + heating 2400.00; SI on 5200: 8% 416.00, 2% 104.00, 0.5% 26.00; housing fund 12% 624.00.
        assert Decimal(str(w1["本期收入"])) == Decimal("7600.00") and Decimal(str(w1["本期免税收入"])) == 0
        assert [Decimal(str(w1[c])) for c in ("基本养老保险费", "基本医疗保险费", "失业保险费", "住房公积金")] == [
            Decimal("416.00"), Decimal("104.00"), Decimal("26.00"), Decimal("624.00")]
        assert Decimal(str(w1["累计住房租金"])) == 0
        assert Decimal(str(w2["本期收入"])) == Decimal("5200.00")
        assert Decimal(str(w2["累计住房租金"])) == Decimal("1500.00")   # 1 month × 1500 (tier 1 city)
        assert Decimal(str(w2["累计子女教育"])) == 0 and w2["备注"] in (None, "")
        # Only finance officers; nothing for a month without approved payslips.
        assert (await client.get("/v1/reports/withholding.xlsx?month=2025-01",
                                 headers=tokens.headers("auditor", COUNTY))).status_code == 403
        assert (await client.get("/v1/reports/withholding.xlsx?month=2025-02", headers=finance)).status_code == 404
        # The year for 汇算清缴: the worker's own, and the officer's view.
        mine = await client.get("/v1/me/tax-summary?year=2025",
                                headers=tokens.headers("worker", COMMUNITY_A, worker_id="w1"))
        assert mine.status_code == 200, mine.text
        summary = mine.json()
        assert (summary["income"], summary["basic_deduction"], summary["social_insurance_housing_fund"]) == (
            "7600.00", "5000.00", "1170.00")
        assert (summary["taxable_income"], summary["tax_due"], summary["tax_withheld"]) == ("1430.00", "42.90", "42.90")
        assert [m["month"] for m in summary["months"]] == ["2025-01"]
        officer = await client.get("/v1/workers/w2/tax-summary?year=2025", headers=finance)
        assert officer.json()["additional_deductions"] == {"housing_rent": "1500.00"}
        # The kit's jurisdiction rule in the summary's SQL: w2's township sees the year, another township
        # gets 404 as if nothing were paid.
        assert (await client.get("/v1/workers/w2/tax-summary?year=2025",
                                 headers=tokens.headers("finance_officer", TOWNSHIP_A))).status_code == 200
        assert (await client.get("/v1/workers/w2/tax-summary?year=2025",
                                 headers=tokens.headers("finance_officer", TOWNSHIP_B))).status_code == 404
    finally:
        await _cleanup(engine)
