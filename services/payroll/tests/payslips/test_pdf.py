"""Payslip PDFs rendered by ReportLab and read back with pypdf: the lines, their clauses and amounts, in Chinese,
with the font embedded."""

from __future__ import annotations

import io

from pypdf import PdfReader

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
        assert (await client.get("/v1/me/payslips/year/2024/pdf", headers=me)).status_code == 404
    finally:
        await _cleanup(engine)
