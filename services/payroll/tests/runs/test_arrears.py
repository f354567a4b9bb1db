"""Arrears (补发/补扣): a past, approved month is recomputed when an official figure replaces the
provisional one, or when a worker fact is corrected; the next run carries one line per month, once."""

from __future__ import annotations

import datetime as dt

from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import execute_run

from .support import COUNTY, add_figure, worker


async def run_and_approve(client, tokens, engine, month, source):
    headers = tokens.headers("county_officer", COUNTY)
    run_id = (await client.post("/v1/runs", json={"region_code": COUNTY, "month": month}, headers=headers)).json()["id"]
    assert await execute_run(engine, run_id, source) == "succeeded"
    approved = await client.post(f"/v1/runs/{run_id}/approve", headers=tokens.headers("finance_officer", COUNTY))
    assert approved.status_code == 200, approved.text
    return run_id


async def payslip(client, tokens, run_id, worker_id):
    response = await client.get(f"/v1/runs/{run_id}/payslips/{worker_id}",
                                headers=tokens.headers("county_officer", COUNTY))
    assert response.status_code == 200, response.text
    return response.json()


async def test_official_figure_pays_arrears_once_per_month(live, tokens, engine):
    client, _ = live
    source = StaticInputSource([worker("w1")])
    january = await run_and_approve(client, tokens, engine, "2025-01", source)
    february = await run_and_approve(client, tokens, engine, "2025-02", source)
    assert (await payslip(client, tokens, february, "w1"))["arrears"] == "0.00"

    # The official 2024 average wage (8200) replaces the provisional 8000: base 55% × 200 = 110.00 more.
    async with engine.begin() as connection:
        await add_figure(connection, "avg_wage_monthly", 2024, "8200", "official", "2025-03-10")
    march = await run_and_approve(client, tokens, engine, "2025-03", source)
    slip = await payslip(client, tokens, march, "w1")
    arrears = [line for line in slip["lines"] if line["arrears_month"]]
    assert [(a["arrears_month"], a["amount"], a["label_zh"]) for a in arrears] == [
        ("2025-01", "110.00", "补发 2025-01"), ("2025-02", "110.00", "补发 2025-02")]
    assert arrears[0]["inputs"]["old_gross"] == "5200.00" and arrears[0]["inputs"]["new_gross"] == "5310.00"
    # March itself is priced on the official figure: 4510 + 300 + 300 + 200 = 5310, plus 220 arrears.
    assert (slip["gross"], slip["arrears"]) == ("5530.00", "220.00")
    run = (await client.get(f"/v1/runs/{march}", headers=tokens.headers("county_officer", COUNTY))).json()
    assert run["arrears_total"] == "220.00"

    # April: the differences were carried in March, nothing is paid twice.
    april = await run_and_approve(client, tokens, engine, "2025-04", source)
    slip = await payslip(client, tokens, april, "w1")
    assert slip["arrears"] == "0.00" and slip["gross"] == "5310.00"
    assert january != april


async def test_corrected_fact_recovers_an_overpayment(live, tokens, engine):
    client, _ = live
    january = await run_and_approve(client, tokens, engine, "2025-01", StaticInputSource([worker("w1")]))
    # The registry corrects w1's education: 大专 (100), not 本科 (200), since before January.
    corrected = worker("w1", education={"level": "dazhuan", "date": "2020-07-01", "in_service": False})
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)
    source = StaticInputSource([corrected], corrections={"w1": later})
    february = await run_and_approve(client, tokens, engine, "2025-02", source)
    slip = await payslip(client, tokens, february, "w1")
    arrears = [line for line in slip["lines"] if line["arrears_month"]]
    assert [(a["arrears_month"], a["amount"], a["label_zh"]) for a in arrears] == [("2025-01", "-100.00", "补扣 2025-01")]
    # February: 4400 + 300 + 300 + 100 = 5100, minus the 100 recovered.
    assert (slip["gross"], slip["arrears"]) == ("5000.00", "-100.00")
    assert january != february


class FeedSource(StaticInputSource):
    """Records where each run asked the change feed to start, and reports a feed position."""

    def __init__(self, facts, position):
        super().__init__(facts)
        self.position = position
        self.asked_after: list = []
        self.last_cursor = None

    async def corrected_workers(self, region, since, after=None):
        self.asked_after.append(after)
        self.last_cursor = self.position
        return {}


async def test_each_run_reads_the_change_feed_from_where_the_previous_run_stopped(live, tokens, engine):
    client, _ = live
    await run_and_approve(client, tokens, engine, "2025-01", StaticInputSource([worker("w1")]))
    february = FeedSource([worker("w1")], "41")
    february_id = await run_and_approve(client, tokens, engine, "2025-02", february)
    assert february.asked_after == [None]  # no earlier run recorded a position: from the start
    run = (await client.get(f"/v1/runs/{february_id}", headers=tokens.headers("county_officer", COUNTY))).json()
    assert run["inputs_snapshot"]["changes_cursor"] == "41"
    march = FeedSource([worker("w1")], "57")
    await run_and_approve(client, tokens, engine, "2025-03", march)
    assert march.asked_after == ["41"]
