"""Cumulative withholding (累计预扣法) across the runs of one month: a year-end (or retiree) run and the monthly
run of the same month count each other whatever order they are calculated in, the month has one basic
deduction of 5,000 however many payslips it has, and a recalculated run does not count itself. Hand-computed.

Songshan worker w1: ss_staff hired 2020-01-01, 5 years on 1 Jan 2025 → step 1 → level 2, base 2720.00 a month;
2025 result 合格. No earlier payslips this year (only December's runs exist), so each figure below is December's.
- Monthly December: gross 2720.00; social insurance on the floor 4000.00: 320.00 + 80.00 + 20.00 = 420.00;
  housing fund 10% × 4000.00 = 400.00 (SI + HF 820.00).
- Year-end: w1 is alone in township 990102001, so the pot is w1's own tenth:
  2720.00 × 12 × 10%/90% = 3626.666… → 3626.67 (factor 1.00).
- The month together: 2720.00 + 3626.67 = 6346.67 − 5000.00 (once) − 820.00 = 526.67 × 3% = 15.8001 → 15.80.
"""

from __future__ import annotations

from decimal import Decimal

from payroll.inputs.clients import StaticInputSource
from payroll.inputs.schemas import AssessmentResult
from payroll.policy.presets import load
from payroll.runs.execution import execute_run
from sqlalchemy import text

from .support import COMMUNITY_A, COUNTY, install_scheme, worker

SS_COUNTY = "990102"
SS_COMMUNITY = "990102001001"
MONTH = "2025-12"


def ss_staff():
    return worker("w1", community=SS_COMMUNITY, post="ss_staff", hired_on="2020-01-01", post_since="2020-01-01",
                  post_history=[{"post": "ss_staff", "from": "2020-01-01"}], education=None, star_rating=None,
                  counted_service=[{"from": "1978-01-01", "scope": "99",
                                    "runs": [{"start": "2020-01-01", "end": None}]}])


SOURCE = StaticInputSource([ss_staff()], [AssessmentResult(worker_id="w1", year=2025, result="competent",
                                                           community_code=SS_COMMUNITY, id="r-w1", revision=1)])


async def calculate(client, headers, engine, kind: str, region: str = SS_COUNTY, month: str = MONTH,
                    source: StaticInputSource = SOURCE) -> str:
    response = await client.post("/v1/runs", json={"region_code": region, "month": month, "kind": kind},
                                 headers=headers)
    assert response.status_code == 201, response.text
    run_id = response.json()["id"]
    assert await execute_run(engine, run_id, source) == "succeeded"
    return run_id


async def recalculate(client, headers, engine, run_id: str, source: StaticInputSource = SOURCE) -> None:
    response = await client.post(f"/v1/runs/{run_id}/recalculate", headers=headers)
    assert response.status_code == 202, response.text
    assert await execute_run(engine, run_id, source) == "succeeded"


async def slip(client, headers, run_id: str, worker_id: str = "w1") -> dict:
    response = await client.get(f"/v1/runs/{run_id}/payslips/{worker_id}", headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    tax = next(line for line in body["lines"] if line["code"] == "income_tax")["inputs"]
    return {"gross": body["gross"], "tax": body["tax"], "net": body["net"],
            "cumulative_income": tax["cumulative_income"], "cumulative_basic": tax["cumulative_basic_deduction"]}


async def basic_deductions(engine, worker_id: str = "w1") -> dict[str, Decimal]:
    """The basic deduction each run's payslip of the worker took, by run kind."""
    async with engine.connect() as connection:
        rows = (await connection.execute(text(
            "SELECT r.kind, p.basic_deduction FROM payslip p JOIN payroll_run r ON r.id = p.run_id "
            "WHERE p.worker_id = :w"), {"w": worker_id})).all()
    return {kind: amount for kind, amount in rows}


async def test_year_end_calculated_before_the_monthly_run_is_withheld_with_it(live, tokens, engine):
    client, _ = live
    await install_scheme(engine, SS_COUNTY, load("ss-2022.json"), "2022-01-01")
    headers = tokens.headers("county_officer", SS_COUNTY)

    # The year-end run first: it is December's first payslip, so it takes December's basic deduction:
    # 3626.67 − 5000.00 < 0 → tax 0.00 (before: no basic deduction, 3626.67 × 3% = 108.80 taxed alone).
    year_end = await calculate(client, headers, engine, "year_end")
    assert await slip(client, headers, year_end) == {
        "gross": "3626.67", "tax": "0.00", "net": "3626.67", "cumulative_income": "3626.67",
        "cumulative_basic": "5000.00"}

    # The monthly run then counts the year-end payslip: 2720.00 + 3626.67 = 6346.67 − 5000.00 (December's one,
    # already taken) − 820.00 = 526.67 × 3% = 15.80 − 0.00 withheld = 15.80; net 2720 − 420 − 400 − 15.80 = 1884.20.
    # (Before: the monthly run ignored the year-end payslip, 2720 − 5000 − 820 < 0 → 0.00: 108.80 withheld in all.)
    monthly = await calculate(client, headers, engine, "monthly")
    assert await slip(client, headers, monthly) == {
        "gross": "2720.00", "tax": "15.80", "net": "1884.20", "cumulative_income": "6346.67",
        "cumulative_basic": "5000.00"}
    assert await basic_deductions(engine) == {"year_end": Decimal("5000.00"), "monthly": Decimal("0.00")}

    # Recalculating the year-end run does not count its own old payslip: the monthly payslip took no basic
    # deduction, so the year-end one takes December's again; 6346.67 − 5000.00 − 820.00 = 526.67 → 15.80 due,
    # 15.80 withheld by the monthly payslip → 0.00. December withholds 15.80 in all, one 5,000.
    await recalculate(client, headers, engine, year_end)
    assert await slip(client, headers, year_end) == {
        "gross": "3626.67", "tax": "0.00", "net": "3626.67", "cumulative_income": "6346.67",
        "cumulative_basic": "5000.00"}
    assert await basic_deductions(engine) == {"year_end": Decimal("5000.00"), "monthly": Decimal("0.00")}


async def test_monthly_run_calculated_before_the_year_end_run_gives_the_same_month(live, tokens, engine):
    client, _ = live
    await install_scheme(engine, SS_COUNTY, load("ss-2022.json"), "2022-01-01")
    headers = tokens.headers("county_officer", SS_COUNTY)

    # The monthly run first: 2720.00 − 5000.00 − 820.00 < 0 → 0.00; net 2720 − 420 − 400 = 1900.00.
    monthly = await calculate(client, headers, engine, "monthly")
    assert await slip(client, headers, monthly) == {
        "gross": "2720.00", "tax": "0.00", "net": "1900.00", "cumulative_income": "2720.00",
        "cumulative_basic": "5000.00"}

    # The year-end run counts it and takes no second basic deduction: 6346.67 − 5000.00 − 820.00 = 526.67 × 3%
    # = 15.80 − 0.00 = 15.80; net 3626.67 − 15.80 = 3610.87. The same 15.80 for December as in the other order.
    year_end = await calculate(client, headers, engine, "year_end")
    assert await slip(client, headers, year_end) == {
        "gross": "3626.67", "tax": "15.80", "net": "3610.87", "cumulative_income": "6346.67",
        "cumulative_basic": "5000.00"}

    # Recalculating the monthly run now counts the year-end payslip (which took no basic deduction, so the
    # monthly one takes December's): 526.67 → 15.80 due − 15.80 withheld = 0.00. Still 15.80 and one 5,000.
    await recalculate(client, headers, engine, monthly)
    assert await slip(client, headers, monthly) == {
        "gross": "2720.00", "tax": "0.00", "net": "1900.00", "cumulative_income": "6346.67",
        "cumulative_basic": "5000.00"}
    assert await basic_deductions(engine) == {"monthly": Decimal("5000.00"), "year_end": Decimal("0.00")}


def retiring_head():
    """nx_head (province 99's NX scheme) from 2003-03-16, retired 2025-03-16 with a regional honour: March's
    monthly run pays 1–15 March, the retiree run 16–31 March (500 × 16 / 31 = 258.06)."""
    return worker("r1", COMMUNITY_A, post="nx_head", hired_on="1995-01-01", post_since="2003-03-16",
                  post_history=[{"post": "nx_staff", "from": "1995-01-01", "to": "2003-03-15"},
                                {"post": "nx_head", "from": "2003-03-16", "to": "2025-03-15"}],
                  status="retired", exit_date="2025-03-16", exit_reason="到龄退休",
                  status_history=[{"status": "active", "from": "1995-01-01", "to": "2025-03-15"},
                                  {"status": "retired", "from": "2025-03-16"}],
                  honours=[{"level": "regional_government", "date": "2015-09-01"}],
                  counted_service=[{"from": "1978-01-01", "scope": "99",
                                    "runs": [{"start": "1995-01-01", "end": "2025-03-15"}]}])


async def test_a_retiree_run_before_the_monthly_run_leaves_one_basic_deduction_in_the_month(live, tokens, engine):
    client, _ = live
    headers = tokens.headers("county_officer", COUNTY)
    source = StaticInputSource([retiring_head()])

    # The retiree run first takes March's basic deduction: 258.06 − 5000.00 < 0 → 0.00.
    retiree = await calculate(client, headers, engine, "retiree", COUNTY, "2025-03", source)
    assert await slip(client, headers, retiree, "r1") == {
        "gross": "258.06", "tax": "0.00", "net": "258.06", "cumulative_income": "258.06",
        "cumulative_basic": "5000.00"}

    # The monthly run (1–15 March: 4400 + 1820 + 300 + 200 + 600 = 7320.00 × 15/31 → 2129.03 + 880.65 + 145.16
    # + 96.77 + 290.32 = 3541.93; SI on 7320 − 600 honours (outside the base) = 6720.00 × 10.5% = 705.60, HF 12%
    # = 806.40) counts it and takes no second basic deduction: 3541.93 + 258.06 = 3799.99 − 5000.00 − 1512.00 < 0
    # → 0.00. (Before: a second 5,000.00, 10,000.00 for March.)
    monthly = await calculate(client, headers, engine, "monthly", COUNTY, "2025-03", source)
    assert await slip(client, headers, monthly, "r1") == {
        "gross": "3541.93", "tax": "0.00", "net": "2029.93", "cumulative_income": "3799.99",
        "cumulative_basic": "5000.00"}
    assert await basic_deductions(engine, "r1") == {"retiree": Decimal("5000.00"), "monthly": Decimal("0.00")}

    # Recalculating the retiree run: the monthly payslip took none, so the retiree one keeps March's.
    await recalculate(client, headers, engine, retiree, source)
    assert (await slip(client, headers, retiree, "r1"))["cumulative_basic"] == "5000.00"
    assert await basic_deductions(engine, "r1") == {"retiree": Decimal("5000.00"), "monthly": Decimal("0.00")}


async def test_the_tax_summary_reads_the_payslip_of_the_month_calculated_last(live, tokens, engine):
    client, _ = live
    await install_scheme(engine, SS_COUNTY, load("ss-2022.json"), "2022-01-01")
    headers = tokens.headers("county_officer", SS_COUNTY)
    finance = tokens.headers("finance_officer", SS_COUNTY)
    # Year-end first, then the monthly run (which counted it): December's cumulative figures are the monthly
    # payslip's, 6346.67 − 5000.00 − 820.00 = 526.67 → 15.80 due and withheld (0.00 + 15.80). Read by run kind
    # the year-end payslip would come last and give 3626.67 and 0.00 due.
    runs = [await calculate(client, headers, engine, kind) for kind in ("year_end", "monthly")]
    for run_id in runs:
        assert (await client.post(f"/v1/runs/{run_id}/approve", headers=finance)).status_code == 200
    summary = (await client.get("/v1/workers/w1/tax-summary?year=2025", headers=finance)).json()
    assert (summary["income"], summary["basic_deduction"], summary["social_insurance_housing_fund"]) == (
        "6346.67", "5000.00", "820.00")
    assert (summary["taxable_income"], summary["tax_due"], summary["tax_withheld"]) == ("526.67", "15.80", "15.80")
    assert [(m["month"], m["kind"], m["tax"]) for m in summary["months"]] == [
        ("2025-12", "year_end", "0.00"), ("2025-12", "monthly", "15.80")]


async def test_a_run_waits_while_another_run_of_the_tax_year_for_the_same_workers_is_calculated(live, tokens, engine):
    """Two calculations of one tax year for the same workers at once would each miss the other's payslips (each
    taking December's basic deduction: 0.00 withheld instead of the 15.80 above). While one is queued or being
    calculated, starting or recalculating another is refused (409), whatever its kind or month of the year."""
    client, _ = live
    await install_scheme(engine, SS_COUNTY, load("ss-2022.json"), "2022-01-01")
    headers = tokens.headers("county_officer", SS_COUNTY)

    year_end = (await client.post("/v1/runs", json={"region_code": SS_COUNTY, "month": MONTH, "kind": "year_end"},
                                  headers=headers)).json()["id"]  # queued, not yet calculated
    for region, month, kind in ((SS_COUNTY, MONTH, "monthly"), ("990102001", MONTH, "monthly"),
                                (SS_COUNTY, "2025-11", "monthly")):
        refused = await client.post("/v1/runs", json={"region_code": region, "month": month, "kind": kind},
                                    headers=headers)
        assert refused.status_code == 409, (region, month, kind, refused.text)
        problem = refused.json()
        assert problem["code"] == "tax_year_run_calculating" and problem["other_run_id"] == year_end
        assert "正在计算" in problem["message_zh"] and "being calculated" in problem["message_en"]
    async with engine.connect() as connection:  # nothing of the refused starts was kept
        runs = (await connection.execute(text("SELECT kind, month FROM payroll_run"))).all()
    assert [tuple(r) for r in runs] == [("year_end", MONTH)]

    # Another tax year, or workers the queued run does not cover, are not held up.
    other_year = await client.post("/v1/runs", json={"region_code": SS_COUNTY, "month": "2024-12", "kind": "monthly"},
                                   headers=headers)
    assert other_year.status_code == 201, other_year.text
    elsewhere = await client.post("/v1/runs", json={"region_code": COUNTY, "month": MONTH, "kind": "monthly"},
                                  headers=tokens.headers("county_officer", COUNTY))
    assert elsewhere.status_code == 201, elsewhere.text

    # Once the year-end run is calculated the monthly run starts, counts it and withholds December's 15.80.
    assert await execute_run(engine, year_end, SOURCE) == "succeeded"
    monthly = await calculate(client, headers, engine, "monthly")
    assert (await slip(client, headers, monthly))["tax"] == "15.80"

    # Recalculating the year-end run while the monthly one is queued again is refused too.
    assert (await client.post(f"/v1/runs/{monthly}/recalculate", headers=headers)).status_code == 202
    refused = await client.post(f"/v1/runs/{year_end}/recalculate", headers=headers)
    assert refused.status_code == 409 and refused.json()["code"] == "tax_year_run_calculating"
    assert await execute_run(engine, monthly, SOURCE) == "succeeded"
    await recalculate(client, headers, engine, year_end)
