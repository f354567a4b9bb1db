"""A run is approved only while its income tax is up to date: a payslip's tax is cumulative over the year's earlier
payslips (累计预扣法), read when the run was calculated, so once a run it depends on — an earlier month's, or one of
the same month it read — is calculated or recalculated, approving it is a 409 run_outdated until it is
recalculated."""

from __future__ import annotations

from payroll.inputs.clients import StaticInputSource
from payroll.runs.execution import execute_run
from sqlalchemy import text

from .support import COUNTY, remove_declarations_and_items, worker
from .test_one_off_runs import approve, calculate, item, payslip


async def approval(client, tokens, run_id: str):
    return await client.post(f"/v1/runs/{run_id}/approve", headers=tokens.headers("finance_officer", COUNTY))


async def recalculate(client, tokens, engine, run_id: str, source) -> None:
    response = await client.post(f"/v1/runs/{run_id}/recalculate", headers=tokens.headers("county_officer", COUNTY))
    assert response.status_code == 202, response.text
    assert await execute_run(engine, run_id, source) == "succeeded"


async def state(engine, run_id: str) -> str:
    async with engine.connect() as connection:
        return (await connection.execute(text("SELECT state FROM payroll_run WHERE id = :i"), {"i": run_id})).scalar_one()


async def test_a_run_whose_earlier_month_was_recalculated_is_recalculated_before_approval(live, tokens, engine):
    client, _ = live
    source = StaticInputSource([worker("w1")])
    try:
        january = await calculate(client, tokens, engine, "2025-01", "monthly", source)
        february = await calculate(client, tokens, engine, "2025-02", "monthly", source)
        # February as calculated: 2 × 5200 − 2 × 5000 − 2 × 1170 < 0: no tax.
        assert (await payslip(client, tokens, february, "w1"))["tax"] == "0.00"
        await item(engine, "w1", "2025-01", "10000")  # January is corrected and recalculated after February
        await recalculate(client, tokens, engine, january, source)
        # January: 5200 + 10000 − 5000 − 1170 = 9030.00 × 3% = 270.90.
        assert (await payslip(client, tokens, january, "w1"))["tax"] == "270.90"

        refused = await approval(client, tokens, february)
        assert refused.status_code == 409 and refused.json()["code"] == "run_outdated", refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert (refused.json()["other_run_id"], refused.json()["other_month"]) == (january, "2025-01")
        assert "重新计算本批次" in refused.json()["message_zh"]
        assert await state(engine, february) == "calculated"

        await recalculate(client, tokens, engine, february, source)
        # 2 × 5200 + 10000 = 20400 − 10000 − 2340 = 8060.00 × 3% = 241.80 − 270.90 withheld → 0.00 (no refund);
        # net 5200 − 1170 = 4030.00.
        assert (await payslip(client, tokens, february, "w1"))["tax"] == "0.00"
        assert (await approval(client, tokens, february)).status_code == 200
    finally:
        await remove_declarations_and_items(engine)


async def test_a_run_calculated_before_its_earlier_month_existed_is_recalculated_before_approval(live, tokens, engine):
    client, _ = live
    source = StaticInputSource([worker("w1")])
    try:
        await item(engine, "w1", "2025-02", "9000")
        february = await calculate(client, tokens, engine, "2025-02", "monthly", source)
        # Without January: 5200 + 9000 − 5000 − 1170 = 8030.00 × 3% = 240.90.
        assert (await payslip(client, tokens, february, "w1"))["tax"] == "240.90"
        january = await calculate(client, tokens, engine, "2025-01", "monthly", source)
        await approve(client, tokens, january)  # a later month does not hold up an earlier one
        refused = await approval(client, tokens, february)
        assert refused.status_code == 409 and refused.json()["code"] == "run_outdated", refused.text
        await recalculate(client, tokens, engine, february, source)
        # With January: 2 × 5200 + 9000 = 19400 − 10000 − 2340 = 7060.00 × 3% = 211.80 (January withheld 0.00).
        assert (await payslip(client, tokens, february, "w1"))["tax"] == "211.80"
        assert (await approval(client, tokens, february)).status_code == 200
    finally:
        await remove_declarations_and_items(engine)
