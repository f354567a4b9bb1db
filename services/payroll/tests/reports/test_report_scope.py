"""Reports and exports asked for a region outside the caller's jurisdiction, or a wider one (issue 9: outside is
404, as everywhere else). A sibling township is a 404 for every report and every role, before any role check
(a 403 would tell the region apart); a wider region (the province, for a township) is narrowed to the
jurisdiction, as registry /v1/stats and assessment /v1/statistics do, and the answer names what it covers: the
figures are never read as the province's."""

from __future__ import annotations

import io
from urllib.parse import unquote

from openpyxl import load_workbook

from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import execute_run

from ..runs.support import COUNTY, PROVINCE, TOWNSHIP_A, TOWNSHIP_B, worker
from .test_reports import county_run, install_registry


async def test_another_township_is_404_and_the_province_is_narrowed_to_the_township(live, tokens, engine):
    client, app = live
    install_registry(app)
    await county_run(client, tokens, engine, approve=True)
    town_b = tokens.headers("township_officer", TOWNSHIP_B)
    finance_b = tokens.headers("finance_officer", TOWNSHIP_B)
    for headers in (town_b, finance_b):
        for url in (f"/v1/reports/budget?month=2025-01&region={TOWNSHIP_A}",
                    f"/v1/reports/pay-level?year=2025&region={TOWNSHIP_A}",
                    f"/v1/reports/withholding.xlsx?month=2025-01&region={TOWNSHIP_A}"):
            outside = await client.get(url, headers=headers)
            assert outside.status_code == 404, (url, outside.text)
            assert outside.headers["content-type"] == "application/problem+json"
    # Inside, the township officer may not export the withholding declaration at all (finance officers only).
    assert (await client.get(f"/v1/reports/withholding.xlsx?month=2025-01&region={TOWNSHIP_B}",
                             headers=town_b)).status_code == 403

    # Township B asks for the province (99): B's figures only (w3, 5200.00), and `region` says they are B's.
    budget = (await client.get(f"/v1/reports/budget?month=2025-01&region={PROVINCE}", headers=town_b)).json()
    assert budget["region"] == TOWNSHIP_B
    assert [(c["county_code"], c["workers"], c["gross"]) for c in budget["counties"]] == [(COUNTY, 1, "5200.00")]
    level = (await client.get(f"/v1/reports/pay-level?year=2025&region={PROVINCE}&group_by=township",
                              headers=town_b)).json()
    assert level["region"] == TOWNSHIP_B
    assert [(r["region_code"], r["workers"]) for r in level["rows"]] == [(TOWNSHIP_B, 1)]
    # The export names the township it covers in its file name, and holds w3's row only.
    sheet = await client.get(f"/v1/reports/withholding.xlsx?month=2025-01&region={PROVINCE}", headers=finance_b)
    assert sheet.status_code == 200, sheet.text
    assert f"-{TOWNSHIP_B}-2025-01.xlsx" in unquote(sheet.headers["content-disposition"])
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["w3"]
    # The county officer asking for the county gets the county, unchanged.
    county = (await client.get(f"/v1/reports/budget?month=2025-01&region={COUNTY}",
                               headers=tokens.headers("county_officer", COUNTY))).json()
    assert (county["region"], county["counties"][0]["workers"]) == (COUNTY, 3)


async def test_the_payroll_sheet_names_the_township_it_covers(live, tokens, engine):
    client, app = live
    install_registry(app)
    town_a = tokens.headers("township_officer", TOWNSHIP_A)
    run_id = (await client.post("/v1/runs", json={"region_code": TOWNSHIP_A, "month": "2025-02"},
                                headers=town_a)).json()["id"]
    assert await execute_run(engine, run_id, StaticInputSource([worker("w1")])) == "succeeded"
    # Township A's run asked by township B: absent, whatever `township` says.
    assert (await client.get(f"/v1/runs/{run_id}/reports/payroll.xlsx?township={TOWNSHIP_A}",
                             headers=tokens.headers("township_officer", TOWNSHIP_B))).status_code == 404
    # The county (990101) asked by township A: narrowed to A, and the file name says A, not the county.
    sheet = await client.get(f"/v1/runs/{run_id}/reports/payroll.xlsx?township={COUNTY}", headers=town_a)
    assert sheet.status_code == 200, sheet.text
    assert unquote(sheet.headers["content-disposition"]).endswith(f"-{TOWNSHIP_A}.xlsx")
    assert (await client.get(f"/v1/runs/{run_id}/reports/payroll.xlsx?township={TOWNSHIP_B}",
                             headers=town_a)).status_code == 404
