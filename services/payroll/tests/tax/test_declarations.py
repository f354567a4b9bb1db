"""Declarations through the API (worker self-service, officer entry and import) and through a run: the
payslip's tax line uses them with every cumulative figure. Amounts hand-computed in the comments."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from sqlalchemy import text

from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import execute_run

from ..runs.support import COMMUNITY_A, COUNTY, TOWNSHIP_A, TOWNSHIP_B, worker
from ..runs.support import remove_declarations_and_items as _cleanup
from .support import install_registry

RENT = {"kind": "housing_rent", "variant": "tier1", "amount": "1500.00", "start_month": "2025-01",
        "basis": "银川市兴庆区 租赁合同 2024-12-20 至 2025-12-19"}


async def _audit(engine, entity: str) -> list[tuple[str, str]]:
    async with engine.connect() as connection:
        rows = await connection.execute(text(
            "SELECT action, actor FROM audit_log WHERE entity = :e AND region_code LIKE '99%' ORDER BY id"), {"e": entity})
        return [tuple(r) for r in rows]


async def test_worker_declares_own_deductions_and_caps_are_enforced(live, tokens, engine):
    client, _ = live
    me = tokens.headers("worker", COMMUNITY_A, worker_id="w2")
    try:
        created = await client.post("/v1/me/tax-declarations", json=RENT, headers=me)
        assert created.status_code == 201, created.text
        body = created.json()
        assert (body["worker_id"], body["region_code"], body["tax_year"], body["source"]) == (
            "w2", COMMUNITY_A, 2025, "self")
        assert body["kind_label_zh"] == "住房租金"
        # Above the cap: a tier-2 city allows 1100.00 a month; the problem names the field and the cap.
        too_much = await client.post("/v1/me/tax-declarations", headers=me,
                                     json={**RENT, "variant": "tier2", "start_month": "2025-02"})
        assert too_much.status_code == 422
        error = too_much.json()["errors"][0]
        assert (error["field"], error["code"], error["cap"]) == ("amount", "above_cap", "1100.00")
        # Housing-loan interest in the same months as rent is refused.
        loan = await client.post("/v1/me/tax-declarations", headers=me, json={
            "kind": "housing_loan_interest", "amount": "1000.00", "start_month": "2025-06", "basis": "首套房贷款合同"})
        assert loan.status_code == 422 and loan.json()["errors"][0]["code"] == "exclusive"
        # Elderly support as a sibling: at most 1500.00 (国发〔2023〕13号).
        elderly = await client.post("/v1/me/tax-declarations", headers=me, json={
            "kind": "elderly_support", "variant": "sibling", "amount": "1500.00", "start_month": "2025-01",
            "basis": "父亲 1960-05 出生，兄妹二人均摊"})
        assert elderly.status_code == 201
        mine = (await client.get("/v1/me/tax-declarations?year=2025", headers=me)).json()
        assert [d["kind"] for d in mine] == ["housing_rent", "elderly_support"]
        # Another worker cannot withdraw it; the owner can.
        other = tokens.headers("worker", COMMUNITY_A, worker_id="w1")
        assert (await client.delete(f"/v1/me/tax-declarations/{body['id']}", headers=other)).status_code == 404
        assert (await client.delete(f"/v1/me/tax-declarations/{body['id']}", headers=me)).status_code == 204
        assert await _audit(engine, "tax_declaration") == [("create", f"worker:{COMMUNITY_A}"),
                                                           ("create", f"worker:{COMMUNITY_A}"),
                                                           ("delete", f"worker:{COMMUNITY_A}")]
        # Officers never use /me; workers never use the officer routes.
        assert (await client.get("/v1/me/tax-declarations", headers=tokens.headers("township_officer",
                                                                                    TOWNSHIP_A))).status_code == 403
        assert (await client.get("/v1/workers/w2/tax-declarations", headers=me)).status_code == 403
    finally:
        await _cleanup(engine)


async def test_officer_enters_and_imports_inside_the_jurisdiction_only(live, tokens, engine):
    client, app = live
    install_registry(app)
    town = tokens.headers("township_officer", TOWNSHIP_A)
    try:
        entered = await client.post("/v1/workers/w1/tax-declarations", headers=town, json={
            "kind": "children_education", "units": 2, "amount": "4000.00", "start_month": "2025-03",
            "basis": "长子 小学三年级；次女 幼儿园（学前教育）"})
        assert entered.status_code == 201, entered.text
        assert (entered.json()["worker_name"], entered.json()["source"]) == ("工作者w1", "officer")
        # w3 works in another township: the registry answers 404 to this officer, so does payroll.
        outside = await client.post("/v1/workers/w3/tax-declarations", headers=town, json=RENT)
        assert outside.status_code == 404
        other_town = tokens.headers("township_officer", TOWNSHIP_B)
        # A worker outside the jurisdiction is 404 (the registry says so), not an empty list.
        assert (await client.get("/v1/workers/w1/tax-declarations", headers=other_town)).status_code == 404
        assert (await client.get("/v1/workers/w3/tax-declarations", headers=other_town)).json() == []
        # Auditors read but never write.
        auditor = tokens.headers("auditor", COUNTY)
        assert len((await client.get("/v1/workers/w1/tax-declarations", headers=auditor)).json()) == 1
        assert (await client.post("/v1/workers/w1/tax-declarations", headers=auditor, json=RENT)).status_code == 403

        book = Workbook()
        sheet = book.active
        sheet.append(["工号", "扣除项目", "情形", "人数", "每月金额", "起始月份", "截止月份", "依据"])
        sheet.append(["w2", "infant_care", "standard", 1, 2000, "2025-01", "", "次子 2024-08 出生"])
        sheet.append(["w2", "continuing_education", "vocational", 1, 3600, "2025-09", None, "社会工作者职业资格证书"])
        data = io.BytesIO()
        book.save(data)
        imported = await client.post("/v1/tax-declarations/import", headers=town,
                                     files={"file": ("d.xlsx", data.getvalue())})
        assert imported.status_code == 200, imported.text
        assert imported.json()["created"] == 2
        # A sheet with one bad row imports nothing and names the row and the column.
        sheet.append(["w2", "children_education", "standard", 1, 2500, "2025-01", None, "超过标准"])
        data = io.BytesIO()
        book.save(data)
        refused = await client.post("/v1/tax-declarations/import", headers=town,
                                    files={"file": ("d.xlsx", data.getvalue())})
        assert refused.status_code == 422
        assert refused.json()["rows"] == [{"row": 4, "worker_id": "w2", "status": "error", "id": None, "errors": [
            {"field": "每月金额", "code": "above_cap", "message_zh": "子女教育（学前教育及学历教育）每月最多 2000.00 元",
             "message_en": "children's education (pre-school and formal education) is at most 2000.00 a month",
             "cap": "2000.00"}]}]
        # 1.5 children is not 1 child, and JSON true is not a headcount: refused naming the field.
        half = Workbook()
        half.active.append(["工号", "扣除项目", "情形", "人数", "每月金额", "起始月份", "截止月份", "依据"])
        half.active.append(["w2", "children_education", "standard", 1.5, 2000, "2025-01", None, "x"])
        half.active.append(["w2", "children_education", "standard", 2.0, 4000, "2025-01", None, "两个子女"])
        data = io.BytesIO()
        half.save(data)
        refused = await client.post("/v1/tax-declarations/import", headers=town,
                                    files={"file": ("d.xlsx", data.getvalue())})
        assert refused.status_code == 422, refused.text
        assert [(r["row"], [e["field"] for e in r["errors"]]) for r in refused.json()["rows"]] == [(2, ["人数"])]
        as_true = await client.post("/v1/workers/w1/tax-declarations", headers=town, json={
            "kind": "children_education", "units": True, "amount": "2000.00", "start_month": "2025-03", "basis": "x"})
        assert as_true.status_code == 422 and as_true.json()["errors"][0]["field"].endswith("units"), as_true.text
        w2 = (await client.get("/v1/workers/w2/tax-declarations?year=2025", headers=town)).json()
        assert sorted(d["kind"] for d in w2) == ["continuing_education", "infant_care"]
    finally:
        await _cleanup(engine)


async def test_a_run_uses_declarations_and_shows_the_cumulative_figures(live, tokens, engine):
    client, app = live
    install_registry(app)
    town = tokens.headers("township_officer", TOWNSHIP_A)
    try:
        # w1: heating allowance 2400.00 in January (taxable). w2: the same, and rent 1500.00 a month.
        for worker_id in ("w1", "w2"):
            item = await client.post("/v1/one-off-items", headers=town, json={
                "worker_id": worker_id, "month": "2025-01", "kind": "heating", "amount": "2400.00",
                "basis": "兴庆区财政局 2024-2025 采暖季取暖费发放通知"})
            assert item.status_code == 201, item.text
        assert (await client.post("/v1/workers/w2/tax-declarations", headers=town, json=RENT)).status_code == 201
        run = await client.post("/v1/runs", json={"region_code": COUNTY, "month": "2025-01"},
                                headers=tokens.headers("county_officer", COUNTY))
        run_id = run.json()["id"]
        assert await execute_run(engine, run_id, StaticInputSource([worker("w1"), worker("w2")])) == "succeeded"
        county = tokens.headers("county_officer", COUNTY)
        w1 = (await client.get(f"/v1/runs/{run_id}/payslips/w1", headers=county)).json()
        w2 = (await client.get(f"/v1/runs/{run_id}/payslips/w2", headers=county)).json()
        # Gross 5200.00 + 2400.00 = 7600.00; SI 546.00 and HF 624.00 on the standard 5200.00.
        # w1: 7600 − 5000 − 546 − 624 = 1430.00 × 3% = 42.90; net 7600 − 546 − 624 − 42.90 = 6387.10.
        assert (w1["gross"], w1["tax"], w1["net"]) == ("7600.00", "42.90", "6387.10")
        heating = next(line for line in w1["lines"] if line["code"].startswith("one_off_"))
        assert (heating["label_zh"], heating["amount"], heating["kind"]) == ("取暖费", "2400.00", "earning")
        assert "取暖费" in heating["clause"] and heating["inputs"]["taxable"] is True
        # w2: 1430.00 − rent 1500.00 < 0 → no tax; net 7600 − 546 − 624 = 6430.00.
        assert (w2["gross"], w2["tax"], w2["net"]) == ("7600.00", "0.00", "6430.00")
        tax = next(line for line in w2["lines"] if line["code"] == "income_tax")["inputs"]
        assert tax["cumulative_income"] == "7600.00" and tax["cumulative_basic_deduction"] == "5000.00"
        assert tax["cumulative_social_insurance_housing_fund"] == "1170.00"
        assert tax["cumulative_additional_deductions"] == {"housing_rent": "1500.00"}
        assert (tax["cumulative_taxable_income"], tax["cumulative_tax_due"], tax["already_withheld"]) == (
            "0.00", "0.00", "0.00")
        # Once approved, January is closed to new items.
        assert (await client.post(f"/v1/runs/{run_id}/approve",
                                  headers=tokens.headers("finance_officer", COUNTY))).status_code == 200
        late = await client.post("/v1/one-off-items", headers=town, json={
            "worker_id": "w1", "month": "2025-01", "kind": "back_pay", "amount": "10.00", "basis": "x"})
        assert late.status_code == 409 and late.json()["code"] == "month_closed"
        # February's year to date counts January's 7600.00 as taxable income.
        feb = await client.post("/v1/runs", json={"region_code": COUNTY, "month": "2025-02"},
                                headers=tokens.headers("county_officer", COUNTY))
        assert await execute_run(engine, feb.json()["id"], StaticInputSource([worker("w1")])) == "succeeded"
        w1_feb = (await client.get(f"/v1/runs/{feb.json()['id']}/payslips/w1", headers=county)).json()
        feb_tax = next(line for line in w1_feb["lines"] if line["code"] == "income_tax")["inputs"]
        # 7600 + 5200 = 12800 − 10000 − 2340 = 460.00 × 3% = 13.80 − 42.90 withheld → 0.00 this month.
        assert (feb_tax["cumulative_income"], feb_tax["cumulative_taxable_income"]) == ("12800.00", "460.00")
        assert (feb_tax["cumulative_tax_due"], feb_tax["already_withheld"], w1_feb["tax"]) == ("13.80", "42.90",
                                                                                              "0.00")
        assert not any(line["code"].startswith("arrears_") for line in w1_feb["lines"])
        assert Decimal(w1_feb["gross"]) == Decimal("5200.00")
    finally:
        await _cleanup(engine)
