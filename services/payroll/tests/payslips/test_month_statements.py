"""A worker's month of payslips is two statements (the payslips, then all their lines), however many lines."""

from __future__ import annotations

from cwm_kit.testing import statements

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
    # Another worker's token (even naming w1's community) reads only its own payslips.
    other = await client.get("/v1/me/payslips/2025-01", headers=tokens.headers("worker", COMMUNITY_A, worker_id="w3"))
    assert [p["worker_id"] for p in other.json()["payslips"]] == ["w3"]
    stranger = await client.get("/v1/me/payslips/2025-01",
                                headers=tokens.headers("worker", COMMUNITY_B, worker_id="nobody"))
    assert stranger.status_code == 404
