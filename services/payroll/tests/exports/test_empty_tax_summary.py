"""A year without an approved payslip yet is a normal state, not an error: the worker's own summary and an
officer's view of a worker inside the jurisdiction answer 200 with zeros and no months; a worker unknown to the
registry or outside the officer's jurisdiction stays 404 (the registry answers with the officer's token)."""

from __future__ import annotations

from ..runs.support import COMMUNITY_A, COUNTY, TOWNSHIP_A, TOWNSHIP_B
from ..tax.support import install_registry

ZEROS = ("income", "basic_deduction", "social_insurance_housing_fund", "taxable_income", "tax_due", "tax_withheld",
         "year_end_bonus", "year_end_bonus_tax", "tax_withheld_total", "net")


def _assert_empty(summary: dict, worker_id: str) -> None:
    assert (summary["worker_id"], summary["year"], summary["months"], summary["year_end_bonus_separate"]) == (
        worker_id, 2026, [], [])
    assert {name: summary[name] for name in ZEROS} == dict.fromkeys(ZEROS, "0.00")
    assert (summary["additional_deductions"], summary["other_deductions"]) == ({}, {})
    assert summary["note_zh"].startswith("2026 年度尚无已审批或已发放的工资记录")


async def test_a_worker_without_payslips_this_year_gets_an_empty_summary(live, tokens):
    client, app = live
    calls = install_registry(app)
    mine = await client.get("/v1/me/tax-summary?year=2026",
                            headers=tokens.headers("worker", COMMUNITY_A, worker_id="w1"))
    assert mine.status_code == 200, mine.text
    _assert_empty(mine.json(), "w1")
    # The worker's own token names them: the registry is not asked.
    assert calls == []


async def test_an_officer_sees_an_empty_summary_only_for_a_worker_inside_the_jurisdiction(live, tokens):
    client, app = live
    install_registry(app)
    for headers in (tokens.headers("finance_officer", TOWNSHIP_A), tokens.headers("auditor", COUNTY)):
        inside = await client.get("/v1/workers/w1/tax-summary?year=2026", headers=headers)
        assert inside.status_code == 200, inside.text
        _assert_empty(inside.json(), "w1")
    town_a = tokens.headers("finance_officer", TOWNSHIP_A)
    # w3 works in township B: to township A's officer the worker does not exist.
    outside = await client.get("/v1/workers/w3/tax-summary?year=2026", headers=town_a)
    assert (outside.status_code, outside.json()["code"]) == (404, "not_found")
    assert (await client.get("/v1/workers/w3/tax-summary?year=2026",
                             headers=tokens.headers("finance_officer", TOWNSHIP_B))).status_code == 200
    # Nobody of that id in the registry.
    assert (await client.get("/v1/workers/nobody/tax-summary?year=2026", headers=town_a)).status_code == 404
    # Workers never use the officers' route.
    assert (await client.get("/v1/workers/w1/tax-summary?year=2026",
                             headers=tokens.headers("worker", COMMUNITY_A, worker_id="w1"))).status_code == 403
