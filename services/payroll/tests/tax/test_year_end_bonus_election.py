"""The year-end bonus election (全年一次性奖金计税方式) through the API and through the runs. Hand-computed.

Songshan worker w1 (as tests/runs/test_same_month_tax.py): ss_staff hired 2020-01-01, level 2, base 2720.00 a
month; 2025 result 合格; alone in township 990102001, so the year-end pot is w1's own tenth:
2720.00 × 12 × 10%/90% = 3626.67. December social insurance 420.00 + housing fund 400.00 = 820.00. The December
monthly payslip also carries a back pay of 10,000.00 (taxable), so its cumulative tax is not nil.
- Separate: 3626.67 ÷ 12 = 302.22 ≤ 3,000 → 3%: 3626.67 × 3% = 108.8001 → 108.80, on its own line.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from payroll.inputs.clients import StaticInputSource
from payroll.inputs.schemas import AssessmentResult
from payroll.policy.presets import load
from payroll.runs.execution import execute_run

from ..runs.support import COMMUNITY_A, TOWNSHIP_A, TOWNSHIP_B, install_scheme, remove_declarations_and_items
from ..runs.test_same_month_tax import SS_COMMUNITY, SS_COUNTY, ss_staff
from .support import install_registry

SOURCE = StaticInputSource([ss_staff()], [AssessmentResult(worker_id="w1", year=2025, result="competent",
                                                           community_code=SS_COMMUNITY, id="r-w1", revision=1)])


async def _cleanup(engine) -> None:
    await remove_declarations_and_items(engine)
    async with engine.begin() as connection:
        await connection.execute(text("DELETE FROM year_end_bonus_election WHERE region_code LIKE '99%'"))


@pytest.fixture
async def songshan(live, tokens, engine):
    """The SS county's scheme and the registry stand-in; (client, county officer, worker w1); cleaned up after."""
    client, app = live
    install_registry(app)
    await install_scheme(engine, SS_COUNTY, load("ss-2022.json"), "2022-01-01")
    try:
        yield client, tokens.headers("county_officer", SS_COUNTY), tokens.headers("worker", COMMUNITY_A, worker_id="w1")
    finally:
        await _cleanup(engine)


async def _audit(engine) -> list[tuple]:
    async with engine.connect() as connection:
        rows = await connection.execute(text(
            "SELECT action, actor, before ->> 'method', after ->> 'method' FROM audit_log "
            "WHERE entity = 'year_end_bonus_election' AND region_code LIKE '99%' ORDER BY id"))
        return [tuple(r) for r in rows]


async def _rows(engine) -> list[tuple]:
    async with engine.connect() as connection:
        return [tuple(r) for r in await connection.execute(text(
            "SELECT worker_id, tax_year, method FROM year_end_bonus_election WHERE region_code LIKE '99%' "
            "ORDER BY worker_id, tax_year"))]


async def _back_pay(engine, month: str = "2025-12") -> None:
    async with engine.begin() as connection:
        await connection.execute(text(
            "INSERT INTO one_off_item (worker_id, worker_name, region_code, month, kind, label_zh, amount, taxable, "
            "clause, basis, source, created_by) VALUES ('w1', '工作者w1', :c, :m, 'back_pay', '补发工资', 10000, true, "
            "'', 'test', 'officer', 'test')"), {"c": SS_COMMUNITY, "m": month})


async def _run(client, headers, engine, kind: str, month: str = "2025-12") -> str:
    response = await client.post("/v1/runs", json={"region_code": SS_COUNTY, "month": month, "kind": kind},
                                 headers=headers)
    assert response.status_code == 201, response.text
    assert await execute_run(engine, response.json()["id"], SOURCE) == "succeeded"
    return response.json()["id"]


async def _recalculate(client, headers, engine, run_id: str) -> None:
    response = await client.post(f"/v1/runs/{run_id}/recalculate", headers=headers)
    assert response.status_code == 202, response.text
    assert await execute_run(engine, run_id, SOURCE) == "succeeded"


async def _slip(client, headers, run_id: str) -> dict:
    response = await client.get(f"/v1/runs/{run_id}/payslips/w1", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _line(slip: dict, code: str) -> dict | None:
    return next((line for line in slip["lines"] if line["code"] == code), None)


def _cumulative(slip: dict) -> tuple[str, str, str]:
    tax = _line(slip, "income_tax")
    return tax["inputs"]["cumulative_income"], tax["inputs"]["cumulative_tax_due"], tax["amount"]


async def test_worker_and_officer_set_and_read_the_method_refusals_write_nothing(live, tokens, engine):
    client, app = live
    install_registry(app)
    me = tokens.headers("worker", COMMUNITY_A, worker_id="w1")
    town = tokens.headers("township_officer", TOWNSHIP_A)
    try:
        # Nothing recorded: combined by default, with the rule of the year shown.
        default = (await client.get("/v1/me/year-end-bonus-tax/2026", headers=me)).json()
        assert (default["method"], default["recorded"], default["separate_available"], default["applied"]) == (
            "combined", False, True, False)
        assert default["rule"]["last_year"] == 2027 and "2023年第30号" in default["rule"]["clause"]
        assert default["rule"]["brackets"][0] == {"up_to": "3000", "rate": "0.03", "quick_deduction": "0"}
        # The worker chooses separate; the officer of the worker's township reads it and changes it back.
        mine = await client.put("/v1/me/year-end-bonus-tax/2026", json={"method": "separate"}, headers=me)
        assert mine.status_code == 200 and (mine.json()["method"], mine.json()["recorded"]) == ("separate", True)
        seen = (await client.get("/v1/workers/w1/year-end-bonus-tax/2026", headers=town)).json()
        assert (seen["method"], seen["updated_by"]) == ("separate", f"worker:{COMMUNITY_A}")
        changed = await client.put("/v1/workers/w1/year-end-bonus-tax/2026", json={"method": "combined"}, headers=town)
        assert changed.status_code == 200 and changed.json()["method"] == "combined"
        # The same method again changes nothing and writes nothing.
        assert (await client.put("/v1/workers/w1/year-end-bonus-tax/2026", json={"method": "combined"},
                                 headers=town)).status_code == 200
        audited = [("create", f"worker:{COMMUNITY_A}", None, "separate"),
                   ("update", f"township_officer:{TOWNSHIP_A}", "separate", "combined")]
        assert await _audit(engine) == audited

        # 2028: the separate method ends with 2027 (公告2023年第30号) → 422 naming the field and rule; nothing written.
        for url, headers in (("/v1/me/year-end-bonus-tax/2028", me), ("/v1/workers/w1/year-end-bonus-tax/2028", town)):
            refused = await client.put(url, json={"method": "separate"}, headers=headers)
            assert refused.status_code == 422 and refused.headers["content-type"].startswith("application/problem+json")
            error = refused.json()["errors"][0]
            assert (error["field"], error["code"]) == ("method", "separate_not_available")
            # The end year is read from the 2023 document, not written in the code.
            assert "执行至2027年12月31日" in error["message_zh"] and "through 2027" in error["message_en"]
        later = (await client.get("/v1/me/year-end-bonus-tax/2028", headers=me)).json()
        assert (later["method"], later["separate_available"], later["rule"]) == ("combined", False, None)
        # An unknown method is refused by validation.
        assert (await client.put("/v1/me/year-end-bonus-tax/2026", json={"method": "half"},
                                 headers=me)).status_code == 422

        # Jurisdiction: an officer of another township does not see the worker (404), an auditor reads but does
        # not write, a worker cannot use the officers' route, and another worker's token only reaches their own.
        other_town = tokens.headers("township_officer", TOWNSHIP_B)
        assert (await client.get("/v1/workers/w1/year-end-bonus-tax/2026", headers=other_town)).status_code == 404
        assert (await client.put("/v1/workers/w1/year-end-bonus-tax/2026", json={"method": "separate"},
                                 headers=other_town)).status_code == 404
        auditor = tokens.headers("auditor", TOWNSHIP_A)
        assert (await client.get("/v1/workers/w1/year-end-bonus-tax/2026", headers=auditor)).status_code == 200
        assert (await client.put("/v1/workers/w1/year-end-bonus-tax/2026", json={"method": "separate"},
                                 headers=auditor)).status_code == 403
        assert (await client.put("/v1/workers/w1/year-end-bonus-tax/2026", json={"method": "separate"},
                                 headers=me)).status_code == 403
        assert (await client.get("/v1/me/year-end-bonus-tax/2026", headers=town)).status_code == 403
        w2 = tokens.headers("worker", COMMUNITY_A, worker_id="w2")
        assert (await client.get("/v1/me/year-end-bonus-tax/2026", headers=w2)).json()["worker_id"] == "w2"
        assert await _audit(engine) == audited
        assert await _rows(engine) == [("w1", 2026, "combined")]
    finally:
        await _cleanup(engine)


async def test_the_separate_method_is_elected_for_2021_and_2022_under_the_law_of_those_years(live, tokens, engine):
    """2019–2021: 财税〔2018〕164号第一条（一）; 2022–2023: extended by 财政部 税务总局公告2021年第42号 (the 2019 and 2022
    documents' sections). Both elections are accepted and answer with the rule of their year."""
    client, app = live
    install_registry(app)
    me = tokens.headers("worker", COMMUNITY_A, worker_id="w1")
    town = tokens.headers("township_officer", TOWNSHIP_A)
    try:
        for year, headers, last_year, cites in ((2021, me, 2021, "财税〔2018〕164号第一条（一）"),
                                                (2022, town, 2023, "财政部 税务总局公告2021年第42号")):
            url = f"/v1/me/year-end-bonus-tax/{year}" if headers is me else f"/v1/workers/w1/year-end-bonus-tax/{year}"
            before = (await client.get(url, headers=headers)).json()
            assert (before["method"], before["separate_available"]) == ("combined", True)
            chosen = await client.put(url, json={"method": "separate"}, headers=headers)
            assert chosen.status_code == 200, chosen.text
            body = chosen.json()
            assert (body["tax_year"], body["method"], body["recorded"]) == (year, "separate", True)
            assert body["rule"]["last_year"] == last_year and cites in body["rule"]["clause"]
            assert body["rule"]["brackets"][1] == {"up_to": "12000", "rate": "0.10", "quick_deduction": "210"}
        assert await _rows(engine) == [("w1", 2021, "separate"), ("w1", 2022, "separate")]
        assert [a[3] for a in await _audit(engine)] == ["separate", "separate"]
        # The tax rules of those years show the section as the elections read it.
        rules = (await client.get("/v1/tax-rules/2021", headers=me)).json()
        assert (rules["effective_from_year"], rules["year_end_bonus"]["last_year"]) == (2019, 2021)
        rules = (await client.get("/v1/tax-rules/2022", headers=me)).json()
        assert (rules["effective_from_year"], rules["year_end_bonus"]["last_year"]) == (2022, 2023)
    finally:
        await _cleanup(engine)


async def test_separate_bonus_leaves_the_cumulative_tax_of_december_as_without_it(songshan, tokens, engine):
    client, county, me = songshan
    await _back_pay(engine)
    assert (await client.put("/v1/me/year-end-bonus-tax/2025", json={"method": "separate"},
                             headers=me)).status_code == 200
    # December's monthly payslip first, no year-end pay yet: 2720.00 + 10000.00 = 12720.00 − 5000.00 − 820.00
    # = 6900.00 × 3% = 207.00.
    monthly = await _run(client, county, engine, "monthly")
    assert _cumulative(await _slip(client, county, monthly)) == ("12720.00", "207.00", "207.00")

    # The year-end run, bonus taxed separately: the cumulative part is 12720.00 (bonus left out) → 207.00 due
    # − 207.00 withheld = 0.00; the bonus line 108.80; net 3626.67 − 108.80 = 3517.87.
    year_end = await _run(client, county, engine, "year_end")
    slip = await _slip(client, county, year_end)
    assert (slip["gross"], slip["tax"], slip["net"]) == ("3626.67", "108.80", "3517.87")
    assert _cumulative(slip) == ("12720.00", "207.00", "0.00")
    bonus = _line(slip, "income_tax_year_end_bonus")
    assert (bonus["amount"], bonus["kind"], bonus["label_zh"]) == ("108.80", "deduction", "全年一次性奖金个人所得税")
    assert bonus["inputs"]["bonus_divided_by_12"] == "3626.67 ÷ 12 = 302.22"
    assert bonus["inputs"]["formula"] == "3626.67 × 3% − 0.00 = 108.80"
    assert "2023年第30号" in bonus["clause"]

    # Recalculating the monthly run after the year-end run: the same cumulative figures as without the bonus
    # (12720.00, 207.00 due, 207.00 this month): neither the bonus nor its 108.80 is in its year to date.
    await _recalculate(client, county, engine, monthly)
    with_election = _cumulative(await _slip(client, county, monthly))
    assert with_election == ("12720.00", "207.00", "207.00")

    # Combined instead (allowed: the runs are only calculated; a recalculation applies it). The year-end payslip:
    # 12720.00 + 3626.67 = 16346.67 − 5000.00 − 820.00 = 10526.67 × 3% = 315.80 − 207.00 = 108.80, in the
    # cumulative tax; the monthly one recalculated: 315.80 due − 108.80 withheld by the year-end payslip = 207.00.
    assert (await client.put("/v1/me/year-end-bonus-tax/2025", json={"method": "combined"},
                             headers=me)).status_code == 200
    await _recalculate(client, county, engine, year_end)
    combined = await _slip(client, county, year_end)
    assert _line(combined, "income_tax_year_end_bonus") is None
    assert _cumulative(combined) == ("16346.67", "315.80", "108.80")
    await _recalculate(client, county, engine, monthly)
    without_election = _cumulative(await _slip(client, county, monthly))
    assert without_election == ("16346.67", "315.80", "207.00") != with_election

    # Separate again, recalculated and approved: from then on the method for 2025 cannot change (409, naming
    # the field, nothing written); recording the same method is still fine.
    assert (await client.put("/v1/me/year-end-bonus-tax/2025", json={"method": "separate"},
                             headers=me)).status_code == 200
    await _recalculate(client, county, engine, year_end)
    assert (await _slip(client, county, year_end))["tax"] == "108.80"
    finance = tokens.headers("finance_officer", SS_COUNTY, subject="fin-1")
    assert (await client.post(f"/v1/runs/{year_end}/approve", headers=finance)).status_code == 200
    before = await _audit(engine)
    for url, headers in (("/v1/me/year-end-bonus-tax/2025", me),
                         ("/v1/workers/w1/year-end-bonus-tax/2025", tokens.headers("township_officer", TOWNSHIP_A))):
        refused = await client.put(url, json={"method": "combined"}, headers=headers)
        assert refused.status_code == 409, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["code"] == "bonus_method_applied"
        assert refused.json()["errors"][0]["field"] == "method"
    assert await _audit(engine) == before and await _rows(engine) == [("w1", 2025, "separate")]
    state = (await client.put("/v1/me/year-end-bonus-tax/2025", json={"method": "separate"}, headers=me)).json()
    assert (state["method"], state["applied"]) == ("separate", True)


async def test_a_second_year_end_payment_in_the_tax_year_is_combined_with_a_reason(songshan, engine):
    client, county, me = songshan
    assert (await client.put("/v1/me/year-end-bonus-tax/2026", json={"method": "separate"},
                             headers=me)).status_code == 200
    # January 2026 year-end run (2025's performance, tax year 2026): 3626.67 separately → 108.80; cumulative
    # 0.00 − 5000.00 → 0.00.
    january = await _slip(client, county, await _run(client, county, engine, "year_end", "2026-01"))
    assert (january["tax"], _line(january, "income_tax_year_end_bonus")["amount"]) == ("108.80", "108.80")
    # A second year-end payment in 2026: the method is used once a year, so this one is combined, with an info
    # line saying why: 3626.67 (January's bonus left out) − 10000.00 (two basic deductions) < 0 → 0.00.
    february = await _slip(client, county, await _run(client, county, engine, "year_end", "2026-02"))
    assert _line(february, "income_tax_year_end_bonus") is None and february["tax"] == "0.00"
    assert _cumulative(february) == ("3626.67", "0.00", "0.00")
    note = _line(february, "year_end_bonus_combined")
    assert note["kind"] == "info" and "只允许采用一次" in note["inputs"]["reason"]



async def test_a_run_calculated_before_the_method_changed_is_recalculated_before_approval(songshan, tokens, engine):
    client, county, me = songshan
    finance = tokens.headers("finance_officer", SS_COUNTY, subject="fin-1")
    assert (await client.put("/v1/me/year-end-bonus-tax/2025", json={"method": "separate"},
                             headers=me)).status_code == 200
    year_end = await _run(client, county, engine, "year_end")
    assert (await _slip(client, county, year_end))["tax"] == "108.80"  # 3626.67 × 3%, separately
    # Changed while the run is only calculated: allowed, but the payslip still has the old method, so the run
    # cannot be approved until it is recalculated (409 naming the worker; the run stays calculated).
    assert (await client.put("/v1/me/year-end-bonus-tax/2025", json={"method": "combined"},
                             headers=me)).status_code == 200
    refused = await client.post(f"/v1/runs/{year_end}/approve", headers=finance)
    assert refused.status_code == 409 and refused.json()["code"] == "bonus_method_changed"
    assert refused.json()["workers"] == ["w1"]
    assert (await client.get(f"/v1/runs/{year_end}", headers=county)).json()["state"] == "calculated"
    # Recalculated: combined, 3626.67 − 5000.00 < 0 → 0.00, no bonus line; now it is approved.
    await _recalculate(client, county, engine, year_end)
    slip = await _slip(client, county, year_end)
    assert slip["tax"] == "0.00" and _line(slip, "income_tax_year_end_bonus") is None
    assert (await client.post(f"/v1/runs/{year_end}/approve", headers=finance)).status_code == 200
