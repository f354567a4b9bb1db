"""A worker who has left is still paid what is owed to them (POLICY §5: months paid on a provisional figure are
recalculated when the official figure arrives and the difference paid "in a later month, with a line per affected
month"; one-off items entered for them). The monthly run reads them by id after its employed stream (registry
population `former`) and pays the adjustments alone: no base, allowances, social insurance or housing fund, tax by
the cumulative withholding with no basic deduction for a month not employed (TAX.md: 5,000 × months employed)."""

from __future__ import annotations

from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import execute_run
from sqlalchemy import text

from .support import (
    COMMUNITY_A,
    COMMUNITY_B,
    COUNTY,
    TOWNSHIP_A,
    add_figure,
    remove_declarations_and_items,
    worker,
)

EXIT = "2025-05-01"  # first day not employed: the last day worked is 30 April


def leaver(worker_id: str, community: str = COMMUNITY_A):
    """Hired 2025-01-01, 5200.00 a month (support.worker), resigned from 1 May 2025."""
    return worker(worker_id, community=community, status="resigned", exit_date=EXIT, exit_reason="个人原因")


async def run(client, tokens, engine, month, source) -> str:
    headers = tokens.headers("county_officer", COUNTY)
    response = await client.post("/v1/runs", json={"region_code": COUNTY, "month": month}, headers=headers)
    assert response.status_code == 201, response.text
    run_id = response.json()["id"]
    assert await execute_run(engine, run_id, source) == "succeeded"
    approved = await client.post(f"/v1/runs/{run_id}/approve", headers=tokens.headers("finance_officer", COUNTY))
    assert approved.status_code == 200, approved.text
    return run_id


async def payslip(client, tokens, run_id, worker_id):
    response = await client.get(f"/v1/runs/{run_id}/payslips/{worker_id}",
                                headers=tokens.headers("county_officer", COUNTY))
    return response.json() if response.status_code == 200 else response.status_code


async def one_off(engine, worker_id: str, month: str, amount: str, community: str = COMMUNITY_A) -> None:
    async with engine.begin() as connection:
        await connection.execute(text(
            "INSERT INTO one_off_item (worker_id, worker_name, region_code, month, kind, label_zh, amount, taxable, "
            "source, created_by) VALUES (:w, :n, :r, :m, 'heating', '取暖费', CAST(:a AS numeric), true, 'officer', "
            "'payroll-runs-test')"), {"w": worker_id, "n": f"工作者{worker_id}", "r": community, "m": month, "a": amount})


async def january_to_april(client, tokens, engine, *workers: str) -> None:
    """January–April paid while employed: 5200.00 a month each (4400 + 300 + 3 ★ 300 + 本科 200); social insurance
    5200 × 10.5% = 546.00 and housing fund 5200 × 12% = 624.00 a month."""
    source = StaticInputSource([worker(w, community=c) for w, c in workers] + [worker("w2")])
    for month in ("2025-01", "2025-02", "2025-03", "2025-04"):
        run_id = await run(client, tokens, engine, month, source)
        for w, _ in workers:
            assert (await payslip(client, tokens, run_id, w))["gross"] in ("5200.00", "11200.00")


def codes(slip) -> list[str]:
    return [line["code"] for line in slip["lines"]]


async def test_a_worker_who_left_is_paid_the_arrears_of_the_months_worked(live, tokens, engine):
    """The issue's example: w1 leaves on 1 May 2025; the official 2024 average wage (8200, provisional 8000) is
    published on 30 June; the July run pays w1 one 补发 line per month worked, January–April, with tax."""
    client, _ = live
    try:
        # A taxable one-off item of 6000.00 in April puts w1's cumulative taxable income above zero, so the tax of
        # the arrears shows: April gross 5200 + 6000 = 11200.00.
        await one_off(engine, "w1", "2025-04", "6000")
        await january_to_april(client, tokens, engine, ("w1", COMMUNITY_A))
        # May: the exit takes effect inside the month (w1 is in the employed stream) and nothing is owed: no payslip.
        # June: w1 is read as a former worker (approved payslips in the lookback) and still owed nothing: none.
        after = StaticInputSource([leaver("w1"), worker("w2")])
        for month in ("2025-05", "2025-06"):
            assert await payslip(client, tokens, await run(client, tokens, engine, month, after), "w1") == 404
        async with engine.begin() as connection:
            await add_figure(connection, "avg_wage_monthly", 2024, "8200", "official", "2025-06-30")
        july = await run(client, tokens, engine, "2025-07", after)
        slip = await payslip(client, tokens, july, "w1")
        # 55% × (8200 − 8000) = 110.00 a month: 5310.00 − 5200.00 (April's one-off item is not re-priced).
        arrears = [(x["arrears_month"], x["amount"], x["label_zh"]) for x in slip["lines"] if x["arrears_month"]]
        assert arrears == [("2025-01", "110.00", "补发 2025-01"), ("2025-02", "110.00", "补发 2025-02"),
                           ("2025-03", "110.00", "补发 2025-03"), ("2025-04", "110.00", "补发 2025-04")]
        # No base, grade, allowances, social insurance or housing fund for July: the arrears alone, 4 × 110 = 440.00.
        assert codes(slip)[0] == "former_worker" and slip["lines"][0]["label_zh"] == "已离职，仅发放补发/一次性项目"
        assert not {"base", "grade", "star", "education", "si_pension", "housing_fund"} & set(codes(slip))
        assert (slip["gross"], slip["arrears"], slip["social_insurance"], slip["housing_fund"]) == (
            "440.00", "440.00", "0.00", "0.00")
        # Tax (累计预扣法), no basic deduction for July, a month not employed (TAX.md: 5,000 × months employed):
        #   January–April: income 4 × 5200 + 6000 = 26800; basic 4 × 5000 = 20000; 专项 4 × (546 + 624) = 4680
        #     → taxable 2120.00 × 3% = 63.60 withheld (in April).
        #   July: income 26800 + 440 = 27240; basic still 20000; 专项 4680 → taxable 2560.00 × 3% = 76.80
        #     → 76.80 − 63.60 = 13.20.   (With a July basic deduction the taxable would be 0 and the tax 0.00.)
        tax = next(x for x in slip["lines"] if x["code"] == "income_tax")
        assert tax["inputs"]["cumulative_taxable"] == "27240.00 − 20000.00 − 4680.00 − 0.00 − 0.00 = 2560.00"
        assert (slip["tax"], slip["net"]) == ("13.20", "426.80")  # 440.00 − 13.20
        assert slip["inputs"]["calculation"]["employed"] is False
        # The run records the workers it read as having left; August owes nothing more (paid once).
        runs = (await client.get(f"/v1/runs/{july}", headers=tokens.headers("county_officer", COUNTY))).json()
        assert runs["inputs_snapshot"]["facts"]["former_workers"] == 1
        august = await run(client, tokens, engine, "2025-08", after)
        assert await payslip(client, tokens, august, "w1") == 404
    finally:
        await remove_declarations_and_items(engine)


async def test_a_one_off_item_entered_for_a_worker_who_left_is_paid(live, tokens, engine):
    client, _ = live
    try:
        await january_to_april(client, tokens, engine, ("w1", COMMUNITY_A))
        await one_off(engine, "w1", "2025-07", "5000")
        july = await run(client, tokens, engine, "2025-07", StaticInputSource([leaver("w1"), worker("w2")]))
        slip = await payslip(client, tokens, july, "w1")
        former, item, tax = slip["lines"][:3]
        assert (former["code"], former["label_zh"], former["amount"]) == ("former_worker", "已离职，仅发放补发/一次性项目",
                                                                          "0.00")
        assert (item["code"].startswith("one_off_"), item["label_zh"], item["amount"]) == (True, "取暖费", "5000.00")
        assert tax["code"] == "income_tax" and not {"base", "si_pension", "housing_fund"} & set(codes(slip))
        # The 5000.00 取暖费 alone, taxed: income 4 × 5200 + 5000 = 25800 − basic 20000 (four months employed, none for
        # July) − 专项 4680 = 1120.00 × 3% = 33.60 (nothing withheld before: January–April were below zero).
        assert (slip["gross"], slip["arrears"], slip["social_insurance"], slip["housing_fund"]) == (
            "5000.00", "0.00", "0.00", "0.00")
        assert (slip["tax"], slip["net"]) == ("33.60", "4966.40")  # 5000.00 − 33.60
    finally:
        await remove_declarations_and_items(engine)


async def test_a_worker_who_left_and_is_owed_nothing_gets_no_payslip(live, tokens, engine):
    """The official figure is published for township A only: w1 (A) is owed 110.00 a month, w3 (B) — read as a
    former worker too, its months re-priced on the county's unchanged 8000 — is owed nothing: no payslip."""
    client, _ = live
    await january_to_april(client, tokens, engine, ("w1", COMMUNITY_A), ("w3", COMMUNITY_B))
    async with engine.begin() as connection:
        await add_figure(connection, "avg_wage_monthly", 2024, "8200", "official", "2025-06-30", TOWNSHIP_A)
    july = await run(client, tokens, engine, "2025-07",
                     StaticInputSource([leaver("w1"), leaver("w3", COMMUNITY_B), worker("w2")]))
    paid = await payslip(client, tokens, july, "w1")
    # January–April at 110.00 each; below the cumulative deductions (20800 + 440 − 20000 − 4680 < 0): no tax.
    assert (paid["gross"], paid["arrears"], paid["tax"], paid["net"]) == ("440.00", "440.00", "0.00", "440.00")
    assert await payslip(client, tokens, july, "w3") == 404
    runs = (await client.get(f"/v1/runs/{july}", headers=tokens.headers("county_officer", COUNTY))).json()
    assert runs["worker_count"] == 2  # w2 (employed) and w1
    assert runs["inputs_snapshot"]["facts"]["former_workers"] == 2  # w1 and w3 were read and computed
