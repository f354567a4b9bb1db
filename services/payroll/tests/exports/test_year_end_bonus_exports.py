"""A year-end bonus taxed separately (全年一次性奖金单独计税) in the withholding declaration (正常工资薪金所得) and the
year's summary. Songshan worker w1's December 2025 year-end run (tests/tax/test_year_end_bonus_election.py):
bonus 3626.67 ÷ 12 = 302.22 → 3% → 108.80; the cumulative part 3626.67 − 3626.67 = 0.00 − 5000.00 → 0.00."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from payroll.policy.presets import load
from payroll.runs.execution import execute_run

from ..runs.support import COMMUNITY_A, install_scheme
from ..runs.test_same_month_tax import SOURCE, SS_COUNTY
from ..tax.test_year_end_bonus_election import _back_pay, _cleanup
from .test_exports import install_registry


async def test_separately_taxed_bonus_is_not_wages_in_the_declaration_and_is_listed_in_the_summary(live, tokens,
                                                                                                  engine):
    client, app = live
    install_registry(app)
    await install_scheme(engine, SS_COUNTY, load("ss-2022.json"), "2022-01-01")
    me = tokens.headers("worker", COMMUNITY_A, worker_id="w1")
    finance = tokens.headers("finance_officer", SS_COUNTY, subject="fin-1")
    try:
        assert (await client.put("/v1/me/year-end-bonus-tax/2025", json={"method": "separate"},
                                 headers=me)).status_code == 200
        run = await client.post("/v1/runs", json={"region_code": SS_COUNTY, "month": "2025-12", "kind": "year_end"},
                                headers=tokens.headers("county_officer", SS_COUNTY))
        assert await execute_run(engine, run.json()["id"], SOURCE) == "succeeded"
        assert (await client.post(f"/v1/runs/{run.json()['id']}/approve", headers=finance)).status_code == 200

        response = await client.get("/v1/reports/withholding.xlsx?month=2025-12", headers=finance)
        assert response.status_code == 200, response.text
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        w1 = dict(zip(rows[0], rows[1]))
        # 3626.67 paid, all of it the separately taxed bonus: 0.00 正常工资薪金 this month, the bonus named in 备注.
        assert Decimal(str(w1["本期收入"])) == Decimal("0.00")
        assert "全年一次性奖金 3626.67 元单独计税（税额 108.80 元）" in w1["备注"]

        summary = (await client.get("/v1/me/tax-summary?year=2025", headers=me)).json()
        assert summary["year_end_bonus_separate"] == [{"month": "2025-12", "bonus": "3626.67", "tax": "108.80"}]
        # The cumulative figures are the comprehensive income's (none this year); the bonus and its tax apart.
        assert (summary["income"], summary["tax_due"], summary["tax_withheld"]) == ("0.00", "0.00", "0.00")
        assert (summary["year_end_bonus"], summary["year_end_bonus_tax"], summary["tax_withheld_total"]) == (
            "3626.67", "108.80", "108.80")
    finally:
        await _cleanup(engine)


async def test_the_summary_withholds_like_it_is_due_and_lists_the_bonus_and_its_tax_apart(live, tokens, engine):
    """December 2025: the monthly payslip with a back pay of 10,000.00 — 2720.00 + 10000.00 = 12720.00 − 5000.00
    − 820.00 = 6900.00 × 3% = 207.00 — and the year-end bonus 3626.67 taxed separately: 108.80. The summary's
    cumulative tax due (207.00) and tax withheld compare like with like: 207.00, not 207.00 + 108.80 = 315.80;
    the bonus and its tax have their own fields and everything withheld is 315.80 (the two payslips' tax)."""
    client, app = live
    install_registry(app)
    await install_scheme(engine, SS_COUNTY, load("ss-2022.json"), "2022-01-01")
    me = tokens.headers("worker", COMMUNITY_A, worker_id="w1")
    county = tokens.headers("county_officer", SS_COUNTY)
    finance = tokens.headers("finance_officer", SS_COUNTY, subject="fin-1")
    try:
        await _back_pay(engine)
        assert (await client.put("/v1/me/year-end-bonus-tax/2025", json={"method": "separate"},
                                 headers=me)).status_code == 200
        for kind in ("monthly", "year_end"):
            run = await client.post("/v1/runs", json={"region_code": SS_COUNTY, "month": "2025-12", "kind": kind},
                                    headers=county)
            assert await execute_run(engine, run.json()["id"], SOURCE) == "succeeded"
            approved = await client.post(f"/v1/runs/{run.json()['id']}/approve", headers=finance)
            assert approved.status_code == 200, approved.text

        for url, headers in (("/v1/me/tax-summary?year=2025", me), ("/v1/workers/w1/tax-summary?year=2025", finance)):
            summary = (await client.get(url, headers=headers)).json()
            assert (summary["income"], summary["taxable_income"], summary["tax_due"], summary["tax_withheld"]) == (
                "12720.00", "6900.00", "207.00", "207.00")
            assert (summary["year_end_bonus"], summary["year_end_bonus_tax"], summary["tax_withheld_total"]) == (
                "3626.67", "108.80", "315.80")
            assert summary["year_end_bonus_separate"] == [{"month": "2025-12", "bonus": "3626.67", "tax": "108.80"}]
            # Month by month each payslip's whole tax: 207.00 + 108.80 = tax_withheld_total.
            assert [(m["kind"], m["tax"]) for m in summary["months"]] == [("monthly", "207.00"), ("year_end", "108.80")]
    finally:
        await _cleanup(engine)
