"""Payslip PDFs rendered by ReportLab and read back with pypdf: the lines, their clauses and amounts, in Chinese,
with the font embedded."""

from __future__ import annotations

import io

import httpx
from pypdf import PdfReader

from cwm_kit.audit import RegistryRegionNames

from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import execute_run

from ..exports.test_exports import _cleanup, install_registry
from ..runs.support import COMMUNITY_A, COUNTY, TOWNSHIP_A, worker


def _text(content: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def _embedded(reader: PdfReader) -> bool:
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            if descriptor is not None and any(k in descriptor.get_object() for k in ("/FontFile2", "/FontFile3")):
                return True
    return False


async def test_worker_downloads_month_and_year_pdfs(live, tokens, engine):
    client, app = live
    install_registry(app)
    try:
        town = tokens.headers("township_officer", TOWNSHIP_A)
        await client.post("/v1/one-off-items", headers=town, json={
            "worker_id": "w1", "month": "2025-01", "kind": "heating", "amount": "2400.00", "basis": "采暖季通知"})
        for month in ("2025-01", "2025-02"):
            run = await client.post("/v1/runs", json={"region_code": COUNTY, "month": month},
                                    headers=tokens.headers("county_officer", COUNTY))
            assert await execute_run(engine, run.json()["id"], StaticInputSource([worker("w1")])) == "succeeded"
            await client.post(f"/v1/runs/{run.json()['id']}/approve", headers=tokens.headers("finance_officer", COUNTY))
        me = tokens.headers("worker", COMMUNITY_A, worker_id="w1")
        response = await client.get("/v1/me/payslips/2025-01/pdf", headers=me)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/pdf" and response.content.startswith(b"%PDF")
        text, reader = _text(response.content)
        # Gross 5200.00 + heating 2400.00 = 7600.00; tax 42.90; net 6387.10 (tests/tax hand computation).
        for expected in ("工资条 2025-01", "工作者w1", "取暖费", "2400.00", "宁夏实施意见", "个人所得税", "累计预扣法",
                         "42.90", "实发", "6387.10", "基本薪酬", "4400.00"):
            assert expected in text, expected
        assert _embedded(reader)
        year = await client.get("/v1/me/payslips/year/2025/pdf", headers=me)
        assert year.status_code == 200
        year_text, year_reader = _text(year.content)
        # January 7600.00 + February 5200.00 = 12800.00 gross over the year.
        for expected in ("2025 年度工资明细", "2025-01", "2025-02", "12800.00", "取暖费"):
            assert expected in year_text, expected
        assert len(year_reader.pages) >= 3
        # Another worker has no such payslip; officers use their own routes.
        other = tokens.headers("worker", COMMUNITY_A, worker_id="w2")
        assert (await client.get("/v1/me/payslips/2025-01/pdf", headers=other)).status_code == 404
        no_year = await client.get("/v1/me/payslips/year/2024/pdf", headers=me)
        assert no_year.status_code == 404 and no_year.json()["message_zh"].startswith("2024 年没有您的工资条")
        no_month = await client.get("/v1/me/payslips/2025-01/pdf", headers=other)
        assert no_month.json()["message_zh"].startswith("2025-01 没有您的工资条") and "管辖" not in no_month.json()["message_zh"]
    finally:
        await _cleanup(engine)


def _regions(request: httpx.Request) -> httpx.Response:
    code = request.url.path.rsplit("/", 1)[-1]
    if code == COMMUNITY_A:
        return httpx.Response(200, json={"code": code, "name": "测试社区", "level": "community"})
    return httpx.Response(404, json={"code": "not_found"})


async def test_pdf_reads_in_words_not_codes(live, tokens, engine):
    """Issue 14 "words, not codes": the header names the community, the post, the level and the run's state, and
    each line's working reads in Chinese (the SPA's vocabulary), with no code or English working left."""
    client, app = live
    install_registry(app)
    app.state.region_names = RegistryRegionNames("http://registry", transport=httpx.MockTransport(_regions))
    try:
        facts = worker("w1", education={"level": "dazhuan", "date": "2020-07-01", "in_service": False},
                       certificate={"level": "social_worker", "approved_on": "2024-06-01"})
        run = await client.post("/v1/runs", json={"region_code": COUNTY, "month": "2025-01"},
                                headers=tokens.headers("county_officer", COUNTY))
        run_id = run.json()["id"]
        assert await execute_run(engine, run_id, StaticInputSource([facts])) == "succeeded"
        await client.post(f"/v1/runs/{run_id}/approve", headers=tokens.headers("finance_officer", COUNTY))
        paid = await client.post(f"/v1/runs/{run_id}/pay",
                                 headers=tokens.headers("finance_officer", COUNTY, subject="fin-cashier"))
        assert paid.json()["state"] == "paid", paid.text
        me = tokens.headers("worker", COMMUNITY_A, worker_id="w1")
        for url in ("/v1/me/payslips/2025-01/pdf", "/v1/me/payslips/year/2025/pdf"):
            response = await client.get(url, headers=me)
            assert response.status_code == 200, response.text
            text, _ = _text(response.content)
            flat = text.replace("\n", "")
            # Header: 社区 by name, the post's label, its level, the run's state in words.
            for expected in ("社区 测试社区", "岗位 专职工作人员", "1级", "批次状态 已发放"):
                assert expected in flat, (url, expected)
            # Workings: education and certificate by name, the figure described in Chinese (2024 average wage
            # provisional 8000: base 55% × 8000 = 4400.00), the tax working without English.
            for expected in ("大专 → 100.00", "社会工作师 → 300.00", "全口径城镇单位就业人员月平均工资", "暂定",
                             "等级薪酬表", "计算：", "已预扣"):
                assert expected in flat, (url, expected)
            for code in ("nx_staff", "dazhuan", "benke", "social_worker", "paid", "provisional", "average monthly",
                         "withheld", "grade_pay", "990101001001", "clamped", "formula"):
                assert code not in flat, (url, code)
    finally:
        await _cleanup(engine)
