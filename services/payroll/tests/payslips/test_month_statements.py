"""A worker's month of payslips is two statements (the payslips, then all their lines), however many lines."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.testing import statements

from payroll.payslips import repository

from ..runs.support import COMMUNITY_A, COMMUNITY_B, COUNTY
from .test_payslips import calculated_county_run


async def test_month_is_two_statements_and_only_the_tokens_worker(live, tokens, engine):
    client, _ = live
    run_id = await calculated_county_run(client, tokens, engine)
    await client.post(f"/v1/runs/{run_id}/approve", headers=tokens.headers("finance_officer", COUNTY))
    with statements(engine) as seen:
        response = await client.get("/v1/me/payslips/2025-01",
                                    headers=tokens.headers("worker", COMMUNITY_A, worker_id="w1"))
    assert response.status_code == 200, response.text
    (slip,) = response.json()["payslips"]
    assert slip["worker_id"] == "w1" and len(slip["lines"]) > 5
    reads = [s for s in seen if "payslip" in s]
    assert len(reads) == 2 and "FROM payslip_line" in reads[1], reads
    assert "payslip_line.month = " in reads[1], reads[1]  # the month's partition only (test below)
    # Another worker's token (even naming w1's community) reads only its own payslips.
    other = await client.get("/v1/me/payslips/2025-01", headers=tokens.headers("worker", COMMUNITY_A, worker_id="w3"))
    assert [p["worker_id"] for p in other.json()["payslips"]] == ["w3"]
    stranger = await client.get("/v1/me/payslips/2025-01",
                                headers=tokens.headers("worker", COMMUNITY_B, worker_id="nobody"))
    assert stranger.status_code == 404


async def test_a_months_lines_are_read_from_that_months_partition_only(live, tokens, engine):
    """The lines of a payslip month name the month: PostgreSQL reads that month's partition of payslip_compact,
    not one per month ever paid (the plan the pooled connections use: generic, the month a parameter)."""
    client, _ = live
    run_id = await calculated_county_run(client, tokens, engine)
    await client.post(f"/v1/runs/{run_id}/approve", headers=tokens.headers("finance_officer", COUNTY))
    async with engine.begin() as connection:
        for month in ("2025-02", "2025-03"):  # other months' partitions exist beside 2025-01's
            await connection.execute(text("SELECT payslip_partition(:m)"), {"m": month})
    response = await client.get("/v1/me/payslips/2025-01", headers=tokens.headers("worker", COMMUNITY_A, worker_id="w1"))
    assert response.status_code == 200 and response.json()["payslips"][0]["lines"]

    async def partitions_read(compiled, **params) -> set[str]:
        (plan,) = compiled._plans.values() if compiled._plans else [None]
        if plan is None:  # not run yet by the endpoints: compile it as they would
            async with engine.connect() as connection:
                async with AsyncSession(bind=connection) as session:
                    await compiled.fetch(session, **params)
            (plan,) = compiled._plans.values()
        async with engine.connect() as connection:
            raw = (await connection.get_raw_connection()).driver_connection
            await raw.execute("SET plan_cache_mode = force_generic_plan")
            explained = await raw.fetchval("EXPLAIN (FORMAT JSON) " + plan.sql, *plan.arguments(params))
        names: set[str] = set()

        def walk(node):
            if node.get("Relation Name", "").startswith("payslip_compact"):
                names.add(node["Relation Name"])
            for child in node.get("Plans", []):
                walk(child)
        walk((json.loads(explained) if isinstance(explained, str) else explained)[0]["Plan"])
        return names

    args = {"worker_id": "w1", "run_ids": [run_id]}
    assert await partitions_read(repository._LINES_OF_WORKER_MONTH, **args, month="2025-01") == {
        "payslip_compact_2025_01"}
    assert len(await partitions_read(repository._LINES_OF_WORKER, **args)) >= 3  # without the month: every one
